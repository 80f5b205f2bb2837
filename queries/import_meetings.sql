-- Every meeting, for finding the board meeting a date or month names and whether its minutes
-- are approved.
SELECT id, date, kind, minutes_status FROM meeting ORDER BY date, id
