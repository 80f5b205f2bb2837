-- Public snapshot: names the pack knows are withheld from free text (the pattern is bound).
SELECT * REPLACE (
    regexp_replace(label, $names_pattern, '[name withheld]', 'g') AS label,
    regexp_replace(meaning, $names_pattern, '[name withheld]', 'g') AS meaning)
FROM rag_definition ORDER BY sort_order
