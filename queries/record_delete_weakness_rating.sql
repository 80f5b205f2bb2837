DELETE FROM weakness_rating WHERE id = $id
