UPDATE minute_item SET text = $text WHERE id = $id
