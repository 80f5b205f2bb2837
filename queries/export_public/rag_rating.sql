-- Public snapshot: who recorded a rating is an individual's name; names the pack knows are
-- withheld from the rationale and the source (the pattern is bound).
SELECT * REPLACE (
    'withheld' AS rated_by,
    regexp_replace(rationale, $names_pattern, '[name withheld]', 'g') AS rationale,
    regexp_replace(source, $names_pattern, '[name withheld]', 'g') AS source)
FROM rag_rating ORDER BY id
