UPDATE meeting SET minutes_status = $minutes_status, approved_at = $approved_at WHERE id = $id
