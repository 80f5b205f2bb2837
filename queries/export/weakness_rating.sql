-- Every row of weakness_rating, in a stable order, for a snapshot.
SELECT * FROM weakness_rating ORDER BY id
