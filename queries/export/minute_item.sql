-- Every row of minute_item, in a stable order, for a snapshot.
SELECT * FROM minute_item ORDER BY meeting, item_order
