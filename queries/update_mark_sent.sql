-- An update has left this pack in a return.
UPDATE officer_update SET sent_at = $sent_at WHERE uid = $uid
