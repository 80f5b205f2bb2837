-- The latest board meeting on or before a day: where a change made that day belongs.
SELECT id, date FROM meeting
WHERE kind = 'board' AND date <= $day
ORDER BY date DESC, id DESC
LIMIT 1
