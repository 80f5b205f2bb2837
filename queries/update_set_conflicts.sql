-- What a merge found about an update, in words (NULL: nothing).
UPDATE officer_update SET conflicts = $conflicts WHERE uid = $uid
