-- One weakness's actions as at a meeting, with what the agenda needs to say what changed since
-- the board meeting before: rated here, started, closed, target revised, newly overdue.
WITH cur AS (SELECT date, prev_date FROM board_meetings() WHERE id = $meeting)
SELECT a.id, a.title, a.action_lead, a.lead_org, a.plan, a.brag, a.prev_brag, a.direction, a.overdue,
       a.target_date, a.revised_as_at, a.target_in_force, a.last_rated, a.status,
       x.closed_date, x.target_revised_on, a.start_date,
       EXISTS (SELECT 1 FROM rag_rating r WHERE r.action = a.id AND r.meeting = $meeting) AS rated_here,
       a.start_date > cur.prev_date AS started_since,
       coalesce(x.closed_date > cur.prev_date, false) AS closed_since,
       coalesce(x.target_revised_on > cur.prev_date AND x.target_revised_on <= cur.date, false) AS revised_since,
       a.overdue AND a.target_in_force >= cur.prev_date AS overdue_since
FROM action_as_at($meeting, [$weakness]) a
JOIN action x ON x.id = a.id
CROSS JOIN cur
WHERE a.weakness = $weakness
ORDER BY natural_key(a.id), a.id
