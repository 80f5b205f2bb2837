-- Every action as at a board meeting, by weakness (actions_of_weakness for all of them in one read).
SELECT weakness, id, title, action_lead, lead_org, senior_officer, plan, target_date,
       revised_as_at AS revised_target_date, coalesce(revised_as_at, target_date) AS target_in_force,
       last_rationale, overdue, brag, direction, last_rated, status
FROM action_as_at($meeting)
ORDER BY weakness, plan, natural_key(id), id
