-- The first board meeting on or after a day: the one an update written that day reports to,
-- when the officer named none.
SELECT id, date FROM meeting
WHERE kind = 'board' AND date >= $day
ORDER BY date, id
LIMIT 1
