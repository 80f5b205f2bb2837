-- New actions from a tracker file, all at once from the planned rows (new_actions).
INSERT INTO action (id, weakness, plan, title, description, success_criteria, action_lead,
                    senior_officer, lead_org, start_date, target_date, revised_target_date,
                    target_revised_on, status, closed_date, illustrative)
SELECT id, weakness, plan, title, description, success_criteria, action_lead,
       senior_officer, lead_org, start_date, target_date, revised_target_date,
       target_revised_on, status, closed_date, false
FROM new_actions
