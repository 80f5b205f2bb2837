SELECT date, description, reference FROM evidence WHERE action = $id AND date <= $as_of ORDER BY date DESC, id
