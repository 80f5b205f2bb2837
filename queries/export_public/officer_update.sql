-- Public snapshot: only updates the board accepted, with no individual's name and no
-- working notes (the base and conflicts are the secretary's, not the public's); names the pack
-- knows are withheld from what the officer wrote (the pattern is bound).
SELECT * REPLACE (
    'withheld' AS author,
    CASE WHEN decided_by IS NOT NULL THEN 'withheld' END AS decided_by,
    NULL::VARCHAR AS base, NULL::VARCHAR AS conflicts, 'withheld' AS source,
    regexp_replace(progress, $names_pattern, '[name withheld]', 'g') AS progress,
    regexp_replace(risks, $names_pattern, '[name withheld]', 'g') AS risks,
    regexp_replace(impact, $names_pattern, '[name withheld]', 'g') AS impact,
    regexp_replace(evidence, $names_pattern, '[name withheld]', 'g') AS evidence,
    regexp_replace(decision_reason, $names_pattern, '[name withheld]', 'g') AS decision_reason)
FROM officer_update WHERE state = 'accepted' ORDER BY id
