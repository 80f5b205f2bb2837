-- The latest board meeting: a new one comes after it, so numbering and dates agree.
SELECT id, date FROM meeting WHERE kind = 'board' ORDER BY date DESC, id DESC LIMIT 1
