INSERT INTO meeting (id, date, kind, title, minutes_status) VALUES ($id, $date, 'board', $title, 'draft')
