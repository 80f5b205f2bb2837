UPDATE action SET revised_target_date = $revised_target_date, target_revised_on = $target_revised_on
WHERE id = $id
