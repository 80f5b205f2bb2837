-- The meeting an officer's update reports to unless they choose another: the latest board
-- meeting with draft minutes that has not yet happened (NULL: the next board meeting, which
-- the secretary may not have set up yet).
SELECT id FROM meeting
WHERE kind = 'board' AND minutes_status = 'draft' AND date >= $today
ORDER BY date DESC, id DESC
LIMIT 1
