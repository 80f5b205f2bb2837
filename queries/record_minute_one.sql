SELECT i.*, m.minutes_status FROM minute_item i JOIN meeting m ON m.id = i.meeting WHERE i.id = $id
