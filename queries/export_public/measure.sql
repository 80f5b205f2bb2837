-- Public snapshot: names the pack knows are withheld from free text (the pattern is bound).
SELECT * REPLACE (
    regexp_replace(name, $names_pattern, '[name withheld]', 'g') AS name,
    regexp_replace(unit, $names_pattern, '[name withheld]', 'g') AS unit,
    regexp_replace(description, $names_pattern, '[name withheld]', 'g') AS description)
FROM measure ORDER BY code
