-- One row per weakness as at a board meeting: status, BRAG (own or derived), counts,
-- overdue, and direction against the previous board meeting.
WITH cur AS (SELECT date FROM board_meetings() WHERE id = $meeting),
counts AS (
    SELECT weakness,
           count(*) FILTER (WHERE brag = 'B') AS b,
           count(*) FILTER (WHERE brag = 'R') AS r,
           count(*) FILTER (WHERE brag = 'A') AS a,
           count(*) FILTER (WHERE brag = 'G') AS g,
           count(*) FILTER (WHERE brag IS NULL) AS unrated,
           count(*) FILTER (WHERE overdue) AS overdue
    FROM action_as_at($meeting) GROUP BY weakness
)
SELECT w.code, w.short_name, mon.status AS monitoring, mon.monitored,
       wb.brag, wb.board_rated,
       coalesce(c.b, 0) AS b, coalesce(c.r, 0) AS r, coalesce(c.a, 0) AS a, coalesce(c.g, 0) AS g,
       coalesce(c.unrated, 0) AS unrated, coalesce(c.overdue, 0) AS overdue,
       direction(wb.brag, wb.prev_brag) AS direction
FROM weakness w
CROSS JOIN cur
JOIN monitoring_at(cur.date) mon ON mon.weakness = w.code
LEFT JOIN counts c ON c.weakness = w.code
LEFT JOIN weakness_brag_at($meeting) wb ON wb.weakness = w.code
ORDER BY w.display_order
