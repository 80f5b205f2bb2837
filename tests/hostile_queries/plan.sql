-- Tests only (tests/hostile.py): every free-text column of plan gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE plan SET
    title = $texts[(r.n + 0) % len($texts) + 1],
    description = $texts[(r.n + 1) % len($texts) + 1]
FROM (SELECT code, row_number() OVER (ORDER BY code) AS n FROM plan) AS r
WHERE plan.code = r.code
