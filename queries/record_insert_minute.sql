INSERT INTO minute_item (meeting, item_order, kind, weakness, action, text, owner, due_date, confidential)
VALUES ($meeting, (SELECT coalesce(max(item_order), 0) + 1 FROM minute_item WHERE meeting = $meeting),
        $kind, $weakness, $action, $text, $owner, $due_date, $confidential)
RETURNING id, item_order
