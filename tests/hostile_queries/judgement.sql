-- Tests only (tests/hostile.py): every free-text column of judgement gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE judgement SET
    source = $texts[(r.n + 0) % len($texts) + 1],
    note = $texts[(r.n + 1) % len($texts) + 1]
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM judgement) AS r
WHERE judgement.id = r.id
