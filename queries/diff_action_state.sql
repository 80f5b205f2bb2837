-- Every action as at the pack's latest board meeting, for 'boardtui diff'; latest_target: the
-- target in force once every revision agreed so far counts.
WITH latest AS (SELECT id FROM board_meetings() ORDER BY seq DESC LIMIT 1)
SELECT a.id, a.weakness, a.title, a.status, a.target_date, a.revised_target_date,
       target_in_force(a.target_date, a.revised_target_date, a.target_revised_on, 'infinity'::DATE) AS latest_target,
       s.brag, s.overdue, (SELECT id FROM latest) AS meeting
FROM action a
LEFT JOIN action_as_at((SELECT id FROM latest)) s ON s.id = a.id
ORDER BY natural_key(a.id), a.id
