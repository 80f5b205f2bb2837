INSERT INTO measure BY NAME
SELECT src.* REPLACE (printf('A%04d-%s', k, code) AS code, printf('A%04d-%s', k, weakness) AS weakness)
FROM measure src, range(2, $areas + 1) t(k)
WHERE code NOT LIKE 'A____-%'
