-- One imported change to an action: every column that import may change, in one statement.
UPDATE action SET title = $title, description = $description, success_criteria = $success_criteria,
    action_lead = $action_lead, senior_officer = $senior_officer, lead_org = $lead_org,
    start_date = $start_date, target_date = $target_date,
    revised_target_date = $revised_target_date, target_revised_on = $target_revised_on,
    status = $status, closed_date = $closed_date
WHERE id = $id
