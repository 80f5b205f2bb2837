-- Tests only (tests/hostile.py): every free-text column of glossary gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE glossary SET
    spelled_out = $texts[(r.n + 0) % len($texts) + 1],
    meaning = $texts[(r.n + 1) % len($texts) + 1]
FROM (SELECT term, row_number() OVER (ORDER BY term) AS n FROM glossary) AS r
WHERE glossary.term = r.term
