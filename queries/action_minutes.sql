SELECT m.id AS meeting, m.date, i.kind, i.text, i.owner, i.due_date, i.confidential
FROM minute_item i JOIN meeting m ON m.id = i.meeting
WHERE i.action = $id AND m.date <= $as_of
ORDER BY m.date DESC, i.item_order
