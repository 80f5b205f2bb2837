INSERT INTO action (id, weakness, plan, title, description, success_criteria, action_lead,
                    senior_officer, lead_org, start_date, target_date, revised_target_date,
                    target_revised_on, status, closed_date, illustrative)
VALUES ($id, $weakness, $plan, $title, $description, $success_criteria, $action_lead,
        $senior_officer, $lead_org, $start_date, $target_date, $revised_target_date,
        $target_revised_on, $status, $closed_date, false)
