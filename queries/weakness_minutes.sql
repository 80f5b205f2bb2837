-- Minute items about a weakness or any of its actions, up to a date, newest first.
SELECT m.id AS meeting, m.date, i.kind, i.action, i.text, i.owner, i.due_date, i.confidential
FROM minute_item i
JOIN meeting m ON m.id = i.meeting
LEFT JOIN action a ON a.id = i.action
WHERE (i.weakness = $code OR a.weakness = $code) AND m.date <= $as_of
ORDER BY m.date DESC, i.item_order
