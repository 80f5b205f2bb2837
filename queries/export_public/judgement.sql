-- Public snapshot: names the pack knows are withheld from free text (the pattern is bound).
SELECT * REPLACE (
    regexp_replace(source, $names_pattern, '[name withheld]', 'g') AS source,
    regexp_replace(note, $names_pattern, '[name withheld]', 'g') AS note)
FROM judgement ORDER BY id
