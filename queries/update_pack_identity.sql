-- Which pack an update was written on: the pack's own id, the board's name and its latest
-- board meeting (what the officer had in front of them).
SELECT b.pack_id, b.name AS board,
       (SELECT id FROM meeting WHERE kind = 'board' ORDER BY date DESC, id DESC LIMIT 1) AS latest_meeting,
       (SELECT date FROM meeting WHERE kind = 'board' ORDER BY date DESC, id DESC LIMIT 1) AS latest_meeting_date
FROM board b
WHERE b.id = 1
