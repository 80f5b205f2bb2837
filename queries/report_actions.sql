-- The actions of the weaknesses in $codes (a page of the meeting pack's sections) as at a board
-- meeting (actions_of_weakness for a page of weaknesses at once).
SELECT weakness, id, title, action_lead, lead_org, senior_officer, plan, target_date,
       revised_as_at, target_in_force,
       last_rationale, overdue, brag, direction, last_rated, status
FROM action_as_at($meeting, $codes::VARCHAR[])
ORDER BY weakness, plan, natural_key(id), id
