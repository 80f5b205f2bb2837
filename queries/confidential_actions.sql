-- Actions arising from a minute item marked confidential (when recorded or since), the minute's
-- words, and the neutral title chosen for publishing each (NULL: left out of public outputs).
SELECT c.id, c.public_title, m.text AS minute, m.meeting, m.item_order
FROM confidential_actions() c
JOIN minute_item m ON c.id = 'BA-' || m.meeting || '.' || m.item_order
ORDER BY natural_key(c.id), c.id
