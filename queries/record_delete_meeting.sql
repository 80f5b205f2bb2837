DELETE FROM meeting WHERE id = $id
