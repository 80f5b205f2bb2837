-- Public snapshot: each person becomes their role (numbered when a role repeats at a meeting);
-- roles and organisations stay, with names the pack knows withheld from them.
SELECT * REPLACE (
    regexp_replace(role || CASE WHEN row_number() OVER (PARTITION BY meeting, role ORDER BY person) > 1
                 THEN ' ' || row_number() OVER (PARTITION BY meeting, role ORDER BY person)
                 ELSE '' END, $names_pattern, '[name withheld]', 'g') AS person,
    regexp_replace(role, $names_pattern, '[name withheld]', 'g') AS role,
    regexp_replace(organisation, $names_pattern, '[name withheld]', 'g') AS organisation)
FROM attendance ORDER BY meeting, person
