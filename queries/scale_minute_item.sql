-- Meetings are shared, so each area's items follow area 1's in the meeting's order.
INSERT INTO minute_item BY NAME
SELECT src.* EXCLUDE (id) REPLACE (k * 1000 + item_order AS item_order,
                               CASE WHEN weakness IS NOT NULL THEN printf('A%04d-%s', k, weakness) END AS weakness,
                               CASE WHEN action IS NOT NULL THEN printf('A%04d-%s', k, action) END AS action)
FROM minute_item src, range(2, $areas + 1) t(k)
WHERE item_order < 1000
