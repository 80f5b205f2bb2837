-- Tests only (tests/hostile.py): public titles whose free-text columns each hold a string of the
-- hostile corpus $texts, on the first actions (the demo has none to change).
INSERT INTO public_title (action, title, decided_by, decided_at)
SELECT a.id, $texts[(a.n + 0) % len($texts) + 1], $texts[(a.n + 1) % len($texts) + 1], TIMESTAMP '2025-11-20 12:00:00'
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM action) AS a
WHERE a.n <= len($texts)
