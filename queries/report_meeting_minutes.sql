-- A meeting's decisions and actions arising (confidential ones only when asked for).
SELECT item_order, kind, weakness, action, text, owner, due_date, confidential
FROM minute_item
WHERE meeting = $meeting AND kind IN ('decision', 'action arising')
  AND (NOT confidential OR $include_confidential)
ORDER BY item_order
