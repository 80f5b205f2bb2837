-- One local area of a scale demo as a board of its own (demo --scale N --boards): its name as
-- the national view names its weaknesses ('Area 0002'), and its own pack id.
UPDATE board SET name = printf('Area %04d SEND Improvement Board', $area::INTEGER),
                 area = printf('Area %04d (illustrative)', $area::INTEGER),
                 pack_id = $pack_id
