INSERT INTO minute_item (meeting, item_order, kind, weakness, action, text, owner, due_date, confidential)
VALUES ($meeting, $item_order, $kind, $weakness, $action, $text, $owner, $due_date, $confidential)
