-- Every red or overdue action as at a meeting, grouped by weakness (agenda order); only the
-- weaknesses in $codes (NULL: all), so a national pack's screen reads a page at a time.
SELECT w.code AS weakness, w.short_name, a.id, a.title, a.action_lead, a.lead_org,
       a.target_date, a.revised_as_at,
       a.target_in_force, a.overdue, a.brag, a.direction
FROM action_as_at($meeting, $codes::VARCHAR[]) a
JOIN weakness w ON w.code = a.weakness
WHERE a.brag = 'R' OR a.overdue
ORDER BY w.display_order, (a.brag = 'R') DESC, natural_key(a.id), a.id
