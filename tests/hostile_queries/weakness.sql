-- Tests only (tests/hostile.py): every free-text column of weakness gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE weakness SET
    title = $texts[(r.n + 0) % len($texts) + 1],
    short_name = $texts[(r.n + 1) % len($texts) + 1],
    theme = $texts[(r.n + 2) % len($texts) + 1]
FROM (SELECT code, row_number() OVER (ORDER BY code) AS n FROM weakness) AS r
WHERE weakness.code = r.code
