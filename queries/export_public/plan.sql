-- Public snapshot: names the pack knows are withheld from free text (the pattern is bound).
SELECT * REPLACE (
    regexp_replace(title, $names_pattern, '[name withheld]', 'g') AS title,
    regexp_replace(description, $names_pattern, '[name withheld]', 'g') AS description)
FROM plan ORDER BY code
