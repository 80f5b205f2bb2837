-- Public snapshot: names the pack knows are withheld from free text (the pattern is bound).
SELECT * REPLACE (
    regexp_replace(description, $names_pattern, '[name withheld]', 'g') AS description,
    regexp_replace(reference, $names_pattern, '[name withheld]', 'g') AS reference)
FROM evidence ORDER BY id
