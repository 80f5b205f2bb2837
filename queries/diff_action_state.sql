-- Every action as at the pack's latest board meeting, for 'boardtui diff'.
WITH latest AS (SELECT id FROM board_meetings() ORDER BY seq DESC LIMIT 1)
SELECT a.id, a.weakness, a.title, a.status, a.target_date, a.revised_target_date,
       s.brag, s.overdue, (SELECT id FROM latest) AS meeting
FROM action a
LEFT JOIN action_as_at((SELECT id FROM latest)) s ON s.id = a.id
ORDER BY natural_key(a.id), a.id
