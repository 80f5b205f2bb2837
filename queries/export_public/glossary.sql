-- Public snapshot: names the pack knows are withheld from free text (the pattern is bound).
SELECT * REPLACE (
    regexp_replace(spelled_out, $names_pattern, '[name withheld]', 'g') AS spelled_out,
    regexp_replace(meaning, $names_pattern, '[name withheld]', 'g') AS meaning)
FROM glossary ORDER BY term
