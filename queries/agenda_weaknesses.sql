-- A board meeting's agenda after the previous minutes: each weakness still under monitoring at
-- its date, in order, with its BRAG then and at the meeting before.
WITH cur AS (SELECT date FROM board_meetings() WHERE id = $meeting)
SELECT w.code, w.short_name, wb.brag, wb.prev_brag, direction(wb.brag, wb.prev_brag) AS direction
FROM weakness w
CROSS JOIN cur
JOIN monitoring_at(cur.date) mon ON mon.weakness = w.code
LEFT JOIN weakness_brag_at($meeting) wb ON wb.weakness = w.code
WHERE mon.monitored
ORDER BY w.display_order
