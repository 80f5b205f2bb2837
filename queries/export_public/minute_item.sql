-- Public snapshot: no confidential item, and no owner's name.
SELECT * REPLACE (CASE WHEN owner IS NOT NULL THEN 'withheld' END AS owner)
FROM minute_item WHERE NOT confidential ORDER BY meeting, item_order
