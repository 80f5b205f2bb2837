UPDATE minute_item SET confidential = $confidential WHERE id = $id
