-- The actions one person leads or oversees (action lead or senior officer, compared by
-- person_key), every weakness, as the board saw them at a meeting: open ones first, by the target
-- in force, each with its BRAG, when last rated and whether it is overdue.
SELECT a.id, a.title, a.weakness, w.short_name AS weakness_name, a.plan, a.action_lead, a.senior_officer,
       a.lead_org, a.status, a.target_date, a.revised_as_at,
       a.target_in_force, a.overdue, a.brag, a.last_rated,
       person_key(a.action_lead) = person_key($person) AS leads,
       person_key(a.senior_officer) = person_key($person) AS oversees
FROM action_as_at($meeting) a
JOIN weakness w ON w.code = a.weakness
WHERE person_key(a.action_lead) = person_key($person) OR person_key(a.senior_officer) = person_key($person)
ORDER BY a.status <> 'open', a.target_in_force, natural_key(a.id), a.id
