SELECT id FROM meeting WHERE kind = 'board' AND date = $date ORDER BY id LIMIT 1
