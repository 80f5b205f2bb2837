-- Tests only (tests/hostile.py): every free-text column of weakness_rating gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE weakness_rating SET
    rationale = $texts[(r.n + 0) % len($texts) + 1],
    rated_by = $texts[(r.n + 1) % len($texts) + 1]
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM weakness_rating) AS r
WHERE weakness_rating.id = r.id
