DELETE FROM action WHERE id = $id
