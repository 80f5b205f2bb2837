DELETE FROM minute_item WHERE id = $id
