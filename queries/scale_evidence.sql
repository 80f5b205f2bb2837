INSERT INTO evidence BY NAME
SELECT src.* EXCLUDE (id) REPLACE (printf('A%04d-%s', k, action) AS action)
FROM evidence src, range(2, $areas + 1) t(k)
WHERE action NOT LIKE 'A____-%'
