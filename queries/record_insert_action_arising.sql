-- An action arising joins the action log: its owner leads it, due by its due date.
INSERT INTO action (id, weakness, plan, title, description, action_lead, senior_officer, lead_org,
                    start_date, target_date, status)
VALUES ($id, $weakness, $plan, $title, $description, $owner, $owner, $lead_org, $start_date, $due_date, 'open')
