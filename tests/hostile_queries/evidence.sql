-- Tests only (tests/hostile.py): every free-text column of evidence gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE evidence SET
    description = $texts[(r.n + 0) % len($texts) + 1],
    reference = $texts[(r.n + 1) % len($texts) + 1]
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM evidence) AS r
WHERE evidence.id = r.id
