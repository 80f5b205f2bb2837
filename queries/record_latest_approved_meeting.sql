-- The latest board meeting whose minutes are approved: what it shows is settled, so nothing
-- recorded now may take effect on or before its date.
SELECT id, date FROM meeting
WHERE kind = 'board' AND minutes_status = 'approved'
ORDER BY date DESC, id DESC LIMIT 1
