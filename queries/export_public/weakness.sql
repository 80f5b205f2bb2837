-- Public snapshot: names the pack knows are withheld from free text (the pattern is bound).
SELECT * REPLACE (
    regexp_replace(title, $names_pattern, '[name withheld]', 'g') AS title,
    regexp_replace(short_name, $names_pattern, '[name withheld]', 'g') AS short_name,
    regexp_replace(theme, $names_pattern, '[name withheld]', 'g') AS theme)
FROM weakness ORDER BY display_order
