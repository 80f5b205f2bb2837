-- Every measure with its values up to a date, in period order, by weakness (weakness_measures
-- for all of them in one read).
SELECT m.weakness, m.code, m.name, m.unit, m.lower_is_better,
       list(v.value ORDER BY v.period_end) FILTER (WHERE v.period_end <= $as_of) AS vals,
       list(v.period_end ORDER BY v.period_end) FILTER (WHERE v.period_end <= $as_of) AS periods
FROM measure m LEFT JOIN measure_value v ON v.measure = m.code
GROUP BY ALL
ORDER BY m.weakness, m.code
