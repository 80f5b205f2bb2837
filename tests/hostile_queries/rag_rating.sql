-- Tests only (tests/hostile.py): every free-text column of rag_rating gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE rag_rating SET
    rationale = $texts[(r.n + 0) % len($texts) + 1],
    rated_by = $texts[(r.n + 1) % len($texts) + 1],
    source = $texts[(r.n + 2) % len($texts) + 1]
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM rag_rating) AS r
WHERE rag_rating.id = r.id
