-- The pack's plans and how many open actions each has: a tracker with no plan column joins the
-- one plan in force.
SELECT p.code, p.title, count(a.id) FILTER (WHERE a.status = 'open') AS open_actions
FROM plan p LEFT JOIN action a ON a.plan = p.code
GROUP BY p.code, p.title
ORDER BY p.code
