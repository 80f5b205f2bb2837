-- Undo of writing an update: the row goes.
DELETE FROM officer_update WHERE uid = $uid
