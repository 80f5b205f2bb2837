-- queries/dashboard.sql over a lake: each weakness as at its own board's latest board meeting on
-- or before the step (lake_at), with direction against that board's meeting before.
WITH cur AS (SELECT * FROM lake_at($meeting)),
state AS MATERIALIZED (SELECT * FROM action_state_at($meeting, $codes::VARCHAR[])),
counts AS (
    SELECT weakness,
           count(*) FILTER (WHERE live_now AND brag = 'B') AS b,
           count(*) FILTER (WHERE live_now AND brag = 'R') AS r,
           count(*) FILTER (WHERE live_now AND brag = 'A') AS a,
           count(*) FILTER (WHERE live_now AND brag = 'G') AS g,
           count(*) FILTER (WHERE live_now AND NOT (status = 'complete' AND closed_date <= as_at)
                            AND (last_rated IS NULL OR last_rated < as_at)) AS unrated,
           count(*) FILTER (WHERE live_now AND overdue) AS overdue,
           derived_brag(brag, live_now) AS derived,
           derived_brag(prev_brag, live_prev) AS derived_prev
    FROM state GROUP BY weakness
),
own AS (
    SELECT r.weakness, r.meeting, board_rating(r.brag, r.recorded_at, r.id) AS brag
    FROM weakness_rating r JOIN cur ON cur.board = r.board AND (r.meeting = cur.id OR r.meeting = cur.prev_id)
    WHERE $codes::VARCHAR[] IS NULL OR r.weakness IN (SELECT unnest($codes::VARCHAR[]))
    GROUP BY r.weakness, r.meeting
)
SELECT w.code, w.short_name, mon.status AS monitoring, mon.monitored,
       weakness_brag(own_now.brag, c.derived) AS brag, own_now.brag IS NOT NULL AS board_rated,
       coalesce(c.b, 0) AS b, coalesce(c.r, 0) AS r, coalesce(c.a, 0) AS a, coalesce(c.g, 0) AS g,
       coalesce(c.unrated, 0) AS unrated, coalesce(c.overdue, 0) AS overdue_actions,  -- a count: an action's own overdue is a flag
       direction(weakness_brag(own_now.brag, c.derived), weakness_brag(own_prev.brag, c.derived_prev)) AS direction
FROM weakness w
JOIN monitoring_at(CAST($meeting AS DATE), $codes::VARCHAR[]) mon ON mon.weakness = w.code
LEFT JOIN cur ON cur.board = w.board
LEFT JOIN counts c ON c.weakness = w.code
LEFT JOIN own own_now ON own_now.weakness = w.code AND own_now.meeting = cur.id
LEFT JOIN own own_prev ON own_prev.weakness = w.code AND own_prev.meeting = cur.prev_id
ORDER BY w.display_order
