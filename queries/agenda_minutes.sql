-- A meeting's minute items, all of them ($weakness_only false) or those under one weakness
-- (NULL: the general items), in order.
SELECT i.id, i.meeting, m.date, m.minutes_status, i.item_order, i.kind, i.weakness, i.action, i.text,
       i.owner, i.due_date, i.confidential
FROM minute_item i
JOIN meeting m ON m.id = i.meeting
WHERE i.meeting = $meeting AND (NOT $weakness_only OR i.weakness IS NOT DISTINCT FROM $weakness)
ORDER BY i.item_order
