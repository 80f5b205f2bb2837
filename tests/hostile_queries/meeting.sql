-- Tests only (tests/hostile.py): every free-text column of meeting gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE meeting SET
    title = $texts[(r.n + 0) % len($texts) + 1]
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM meeting) AS r
WHERE meeting.id = r.id
