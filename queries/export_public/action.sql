-- Public snapshot: no individual's name; the lead organisation stays.
SELECT * REPLACE ('withheld' AS action_lead, 'withheld' AS senior_officer)
FROM action ORDER BY id
