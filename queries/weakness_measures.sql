-- Each measure of a weakness with its values up to a date, in period order.
SELECT m.code, m.name, m.unit, m.lower_is_better,
       list(v.value ORDER BY v.period_end) FILTER (WHERE v.period_end <= $as_of) AS vals,
       list(v.period_end ORDER BY v.period_end) FILTER (WHERE v.period_end <= $as_of) AS periods
FROM measure m LEFT JOIN measure_value v ON v.measure = m.code
WHERE m.weakness = $code
GROUP BY ALL
ORDER BY m.code
