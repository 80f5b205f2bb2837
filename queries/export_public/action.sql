-- Public snapshot: no individual's name (the lead organisation stays), and names the pack
-- knows are withheld from free text (the pattern is bound).
SELECT * REPLACE (
    'withheld' AS action_lead, 'withheld' AS senior_officer,
    regexp_replace(title, $names_pattern, '[name withheld]', 'g') AS title,
    regexp_replace(description, $names_pattern, '[name withheld]', 'g') AS description,
    regexp_replace(success_criteria, $names_pattern, '[name withheld]', 'g') AS success_criteria,
    regexp_replace(lead_org, $names_pattern, '[name withheld]', 'g') AS lead_org)
FROM action ORDER BY natural_key(id), id
