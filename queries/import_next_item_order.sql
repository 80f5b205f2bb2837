SELECT coalesce(max(item_order), 0) + 1 FROM minute_item WHERE meeting = $meeting
