-- Tests only (tests/hostile.py): every free-text column of action gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE action SET
    title = $texts[(r.n + 0) % len($texts) + 1],
    description = $texts[(r.n + 1) % len($texts) + 1],
    success_criteria = $texts[(r.n + 2) % len($texts) + 1],
    action_lead = $texts[(r.n + 3) % len($texts) + 1],
    senior_officer = $texts[(r.n + 4) % len($texts) + 1],
    lead_org = $texts[(r.n + 5) % len($texts) + 1]
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM action) AS r
WHERE action.id = r.id
