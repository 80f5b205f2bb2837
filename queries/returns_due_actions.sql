-- The actions open for the next board meeting ($as_of: its date, else today): each with its lead
-- and senior officer, its target in force on that day, whether it is overdue then, and its BRAG
-- as at the latest board meeting. Whose returns are due, and for what.
WITH latest AS (SELECT id FROM board_meetings() ORDER BY seq DESC LIMIT 1)
SELECT a.id, a.title, a.weakness, w.short_name AS weakness_name, a.action_lead, a.senior_officer, a.lead_org,
       a.target_date, revised_in_force(a.revised_target_date, a.target_revised_on, $as_of) AS revised_as_at,
       target_in_force(a.target_date, a.revised_target_date, a.target_revised_on, $as_of) AS target_in_force,
       r.brag, r.rated_on AS last_rated,
       is_overdue(r.brag, a.target_date, a.revised_target_date, a.target_revised_on, $as_of) AS overdue
FROM action a
JOIN weakness w ON w.code = a.weakness
LEFT JOIN ratings_at((SELECT id FROM latest)) r ON r.action = a.id
WHERE a.status = 'open' AND a.start_date <= $as_of
ORDER BY natural_key(a.id), a.id
