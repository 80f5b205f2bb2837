-- Tests only (tests/hostile.py): decisions of the publication review whose free-text columns each
-- hold a string of the hostile corpus $texts (the demo has none to change), all kept.
INSERT INTO publication_decision (candidate, words, kind, decision, context, decided_by, decided_at)
SELECT 'hostile candidate ' || n, $texts[(n + 0) % len($texts) + 1], 'name', 'keep',
       $texts[(n + 1) % len($texts) + 1], $texts[(n + 2) % len($texts) + 1], TIMESTAMP '2025-11-20 12:00:00'
FROM range(1, len($texts) + 1) AS r(n)
