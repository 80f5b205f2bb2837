-- Public snapshot: only updates the board accepted, with no individual's name and no
-- working notes (the base and conflicts are the secretary's, not the public's).
SELECT * REPLACE ('withheld' AS author,
                  CASE WHEN decided_by IS NOT NULL THEN 'withheld' END AS decided_by,
                  NULL::VARCHAR AS base, NULL::VARCHAR AS conflicts, 'withheld' AS source)
FROM officer_update WHERE state = 'accepted' ORDER BY id
