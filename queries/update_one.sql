-- One officer's update, by its uid, with every field.
SELECT * FROM officer_update WHERE uid = $uid
