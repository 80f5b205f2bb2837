-- Area 1 of a scale demo as a board of its own (demo --scale N --boards): the demo board, under
-- a pack id of its own.
UPDATE board SET pack_id = $pack_id
