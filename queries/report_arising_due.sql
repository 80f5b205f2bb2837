-- Actions arising from earlier meetings that fell due since the previous board meeting.
WITH cur AS (SELECT date, prev_date FROM board_meetings() WHERE id = $meeting)
SELECT i.meeting, m.date AS raised_on, i.weakness, i.action, i.text, i.owner, i.due_date
FROM minute_item i
JOIN meeting m ON m.id = i.meeting
CROSS JOIN cur
WHERE i.kind = 'action arising' AND m.date < cur.date
  AND i.due_date > cur.prev_date AND i.due_date <= cur.date
  AND (NOT i.confidential OR $include_confidential)
ORDER BY i.due_date, i.meeting, i.item_order
