-- Every row of weakness, in a stable order, for a snapshot.
SELECT * FROM weakness ORDER BY display_order
