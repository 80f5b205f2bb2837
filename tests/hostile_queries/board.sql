-- Tests only (tests/hostile.py): every free-text column of board gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE board SET
    name = $texts[(r.n + 0) % len($texts) + 1],
    area = $texts[(r.n + 1) % len($texts) + 1],
    pack_id = $texts[(r.n + 2) % len($texts) + 1]
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM board) AS r
WHERE board.id = r.id
