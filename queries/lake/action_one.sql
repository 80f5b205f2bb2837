-- queries/action_one.sql over a lake: the step (a day) is the meeting's date.
SELECT a.id, a.weakness, w.short_name AS weakness_name, a.plan, p.title AS plan_title,
       a.title, a.description, a.success_criteria, a.action_lead, a.senior_officer, a.lead_org,
       a.start_date, a.target_date, a.revised_target_date, a.target_revised_on,
       a.status, a.closed_date, a.carried_forward_from,
       (SELECT string_agg(n.id, ', ' ORDER BY natural_key(n.id), n.id) FROM action n WHERE n.carried_forward_from = a.id)
           AS carried_forward_to,
       a.illustrative, s.brag, s.direction, s.overdue,
       -- Rated last at or before the meeting, live or not (a carried-forward action keeps its history).
       (SELECT latest_rating(m.date, rating_order(m.date, r.recorded_at, r.id), m.date,
                             CAST($meeting AS DATE))
        FROM rag_rating r JOIN meeting m ON m.id = r.meeting WHERE r.action = a.id) AS last_rated
FROM action a
JOIN weakness w ON w.code = a.weakness
JOIN plan p ON p.code = a.plan
LEFT JOIN action_as_at($meeting) s ON s.id = a.id
WHERE a.id = $id
