-- Public snapshot: only updates the board accepted, none on a confidential action arising, with
-- no individual's name and no working notes (the base and conflicts are the secretary's, not
-- the public's). What the officer wrote is published by boardtui/store/publication.py.
SELECT * REPLACE (
    'withheld' AS author,
    CASE WHEN decided_by IS NOT NULL THEN 'withheld' END AS decided_by,
    NULL::VARCHAR AS base, NULL::VARCHAR AS conflicts, 'withheld' AS source)
FROM officer_update
WHERE state = 'accepted' AND action NOT IN (SELECT id FROM confidential_actions())
ORDER BY id
