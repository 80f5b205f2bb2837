-- The actions of one weakness as at a board meeting.
SELECT id, title, action_lead, lead_org, senior_officer, plan, target_date, revised_as_at,
       target_in_force,
       last_rationale,
       overdue, brag, direction, last_rated, status
FROM action_as_at($meeting, [$weakness])
WHERE weakness = $weakness
ORDER BY plan, natural_key(id), id
