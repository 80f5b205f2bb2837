INSERT INTO judgement BY NAME
SELECT src.* EXCLUDE (id) REPLACE (CASE WHEN weakness IS NOT NULL THEN printf('A%04d-%s', k, weakness) END AS weakness)
FROM judgement src, range(2, $areas + 1) t(k)
WHERE weakness IS NOT NULL AND weakness NOT LIKE 'A____-%'
