-- Tests only (tests/hostile.py): every free-text column of audit_log gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE audit_log SET
    who = $texts[(r.n + 0) % len($texts) + 1],
    table_name = $texts[(r.n + 1) % len($texts) + 1],
    row_key = $texts[(r.n + 2) % len($texts) + 1],
    field = $texts[(r.n + 3) % len($texts) + 1],
    old_value = $texts[(r.n + 4) % len($texts) + 1],
    new_value = $texts[(r.n + 5) % len($texts) + 1],
    why = $texts[(r.n + 6) % len($texts) + 1]
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM audit_log) AS r
WHERE audit_log.id = r.id
