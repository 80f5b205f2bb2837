-- A board meeting's agenda after the previous minutes: each weakness still under monitoring at
-- its date, and any other with a red or overdue action then (anything red or overdue reaches
-- the board), in order. Each with its BRAG then and at the meeting before, the BRAG its
-- actions give it, and whether the board gave its own rating of it at this meeting.
WITH cur AS (SELECT date FROM board_meetings() WHERE id = $meeting),
acts AS (
    SELECT weakness,
           derived_brag(brag, true) AS derived_brag,
           coalesce(bool_or(brag = 'R' OR overdue), false) AS red_or_overdue
    FROM action_as_at($meeting)
    GROUP BY weakness
)
SELECT w.code, w.short_name, wb.brag, wb.prev_brag, direction(wb.brag, wb.prev_brag) AS direction,
       mon.monitored, mon.status AS monitoring, acts.derived_brag,
       coalesce(wb.board_rated, false) AS board_rated_here
FROM weakness w
CROSS JOIN cur
JOIN monitoring_at(cur.date) mon ON mon.weakness = w.code
LEFT JOIN weakness_brag_at($meeting) wb ON wb.weakness = w.code
LEFT JOIN acts ON acts.weakness = w.code
WHERE mon.monitored OR coalesce(acts.red_or_overdue, false)
ORDER BY w.display_order
