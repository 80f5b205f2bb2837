-- Tests only (tests/hostile.py): every free-text column of officer_update gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE officer_update SET
    author = $texts[(r.n + 0) % len($texts) + 1],
    progress = $texts[(r.n + 1) % len($texts) + 1],
    risks = $texts[(r.n + 2) % len($texts) + 1],
    impact = $texts[(r.n + 3) % len($texts) + 1],
    evidence = $texts[(r.n + 4) % len($texts) + 1],
    source = $texts[(r.n + 5) % len($texts) + 1],
    conflicts = $texts[(r.n + 6) % len($texts) + 1],
    decided_by = $texts[(r.n + 7) % len($texts) + 1],
    decision_reason = $texts[(r.n + 8) % len($texts) + 1]
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM officer_update) AS r
WHERE officer_update.id = r.id
