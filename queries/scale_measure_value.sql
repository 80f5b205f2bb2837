INSERT INTO measure_value BY NAME
SELECT src.* REPLACE (printf('A%04d-%s', k, measure) AS measure)
FROM measure_value src, range(2, $areas + 1) t(k)
WHERE measure NOT LIKE 'A____-%'
