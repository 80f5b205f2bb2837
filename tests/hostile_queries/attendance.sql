-- Tests only (tests/hostile.py): every free-text column of attendance gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE attendance SET
    role = $texts[(r.n + 0) % len($texts) + 1],
    organisation = $texts[(r.n + 1) % len($texts) + 1]
FROM (SELECT meeting, person, row_number() OVER (ORDER BY meeting, person) AS n FROM attendance) AS r
WHERE attendance.meeting = r.meeting AND attendance.person = r.person
