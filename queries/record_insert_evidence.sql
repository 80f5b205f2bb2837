INSERT INTO evidence (action, date, description, reference) VALUES ($action, $date, $description, $reference)
RETURNING id
