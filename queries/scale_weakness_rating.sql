INSERT INTO weakness_rating BY NAME
SELECT src.* EXCLUDE (id) REPLACE (printf('A%04d-%s', k, weakness) AS weakness)
FROM weakness_rating src, range(2, $areas + 1) t(k)
WHERE weakness NOT LIKE 'A____-%'
