-- Board meetings in date order, with their minutes' status: which is the next one an officer's
-- update reports to, and which the last one "since the last meeting" counts from.
SELECT id, date, minutes_status FROM meeting WHERE kind = 'board' ORDER BY date, id
