-- Tests only (tests/hostile.py): every free-text column of rag_definition gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE rag_definition SET
    label = $texts[(r.n + 0) % len($texts) + 1],
    meaning = $texts[(r.n + 1) % len($texts) + 1]
FROM (SELECT brag, row_number() OVER (ORDER BY brag) AS n FROM rag_definition) AS r
WHERE rag_definition.brag = r.brag
