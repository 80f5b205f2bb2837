-- Scale packs (boardtui demo --scale N): areas 2..N copy area 1 (the demo) with their own codes,
-- 'A0002-W01' for W01. Meetings, plans and the board are shared: one national view.
INSERT INTO weakness BY NAME
SELECT src.* REPLACE (printf('A%04d-%s', k, code) AS code,
                  printf('Area %04d: %s', k, short_name) AS short_name,
                  k * 100 + display_order AS display_order)
FROM weakness src, range(2, $areas + 1) t(k)
WHERE code NOT LIKE 'A____-%'
