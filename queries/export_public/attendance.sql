-- Public snapshot: each person becomes their role (numbered when a role repeats at a meeting);
-- roles and organisations stay (their free text is published by publication.py).
SELECT * REPLACE (
    role || CASE WHEN row_number() OVER (PARTITION BY meeting, role ORDER BY person) > 1
                 THEN ' ' || row_number() OVER (PARTITION BY meeting, role ORDER BY person)
                 ELSE '' END AS person)
FROM attendance ORDER BY meeting, person
