SELECT id, date, kind, title, minutes_status FROM meeting WHERE id = $id
