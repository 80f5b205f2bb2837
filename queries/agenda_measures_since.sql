-- Measure values reported since the board meeting before, for one weakness.
WITH cur AS (SELECT date, prev_date FROM board_meetings() WHERE id = $meeting)
SELECT ms.name, ms.unit, v.period_end, v.value
FROM measure ms
JOIN measure_value v ON v.measure = ms.code
CROSS JOIN cur
WHERE ms.weakness = $weakness AND v.period_end > cur.prev_date AND v.period_end <= cur.date
ORDER BY ms.name, v.period_end
