-- One row per weakness as at a board meeting: status, BRAG (own or derived), counts,
-- overdue, and direction against the previous board meeting.
-- One pass over the ratings (action_state_at) serves both the counts and the weakness BRAG
-- (rules.sql weakness_brag, as weakness_brag_at gives it).
-- Only the weaknesses in $codes (NULL: all), so a national pack's screen reads a page at a time.
WITH cur AS (SELECT date, prev_id FROM board_meetings() WHERE id = $meeting),
state AS MATERIALIZED (SELECT * FROM action_state_at($meeting, $codes::VARCHAR[])),
counts AS (
    SELECT weakness,
           count(*) FILTER (WHERE live_now AND brag = 'B') AS b,
           count(*) FILTER (WHERE live_now AND brag = 'R') AS r,
           count(*) FILTER (WHERE live_now AND brag = 'A') AS a,
           count(*) FILTER (WHERE live_now AND brag = 'G') AS g,
           -- Still to rate at this meeting: live, not complete by then, and not rated at it (a
           -- rating from an earlier meeting does not count).
           count(*) FILTER (WHERE live_now AND NOT (status = 'complete' AND closed_date <= (SELECT date FROM cur))
                            AND (last_rated IS NULL OR last_rated < (SELECT date FROM cur))) AS unrated,
           count(*) FILTER (WHERE live_now AND overdue) AS overdue,
           derived_brag(brag, live_now) AS derived,
           derived_brag(prev_brag, live_prev) AS derived_prev
    FROM state GROUP BY weakness
),
own AS (
    SELECT weakness, meeting, board_rating(brag, recorded_at, id) AS brag
    FROM weakness_rating
    WHERE (meeting = $meeting OR meeting = (SELECT prev_id FROM cur))
      AND ($codes::VARCHAR[] IS NULL OR weakness IN (SELECT unnest($codes::VARCHAR[])))
    GROUP BY weakness, meeting
)
SELECT w.code, w.short_name, mon.status AS monitoring, mon.monitored,
       weakness_brag(own_now.brag, c.derived) AS brag, own_now.brag IS NOT NULL AS board_rated,
       coalesce(c.b, 0) AS b, coalesce(c.r, 0) AS r, coalesce(c.a, 0) AS a, coalesce(c.g, 0) AS g,
       coalesce(c.unrated, 0) AS unrated, coalesce(c.overdue, 0) AS overdue_actions,  -- a count: an action's own overdue is a flag
       direction(weakness_brag(own_now.brag, c.derived), weakness_brag(own_prev.brag, c.derived_prev)) AS direction
FROM weakness w
CROSS JOIN cur
JOIN monitoring_at(cur.date, $codes::VARCHAR[]) mon ON mon.weakness = w.code
LEFT JOIN counts c ON c.weakness = w.code
LEFT JOIN own own_now ON own_now.weakness = w.code AND own_now.meeting = $meeting
LEFT JOIN own own_prev ON own_prev.weakness = w.code AND own_prev.meeting = cur.prev_id
ORDER BY w.display_order
