SELECT * FROM action WHERE id = $id
