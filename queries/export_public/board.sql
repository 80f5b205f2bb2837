-- Public snapshot: names the pack knows are withheld from free text (the pattern is bound).
SELECT * REPLACE (
    regexp_replace(name, $names_pattern, '[name withheld]', 'g') AS name,
    regexp_replace(area, $names_pattern, '[name withheld]', 'g') AS area)
FROM board ORDER BY id
