-- Tests only (tests/hostile.py): every free-text column of measure gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE measure SET
    name = $texts[(r.n + 0) % len($texts) + 1],
    unit = $texts[(r.n + 1) % len($texts) + 1],
    description = $texts[(r.n + 2) % len($texts) + 1]
FROM (SELECT code, row_number() OVER (ORDER BY code) AS n FROM measure) AS r
WHERE measure.code = r.code
