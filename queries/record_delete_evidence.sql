DELETE FROM evidence WHERE id = $id
