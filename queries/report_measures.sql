-- The measures of the weaknesses in $codes (a page of the meeting pack's sections) with their
-- values up to a date, in period order (weakness_measures for a page of weaknesses at once).
SELECT m.weakness, m.code, m.name, m.unit, m.lower_is_better,
       list(v.value ORDER BY v.period_end) FILTER (WHERE v.period_end <= $as_of) AS vals,
       list(v.period_end ORDER BY v.period_end) FILTER (WHERE v.period_end <= $as_of) AS periods
FROM measure m LEFT JOIN measure_value v ON v.measure = m.code
WHERE list_contains($codes::VARCHAR[], m.weakness)
GROUP BY ALL
ORDER BY m.weakness, m.code
