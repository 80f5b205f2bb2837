SELECT count(*) FROM minute_item WHERE meeting = $meeting AND kind = $kind AND text = $text
