-- Every row of action, in a stable order, for a snapshot.
SELECT * FROM action ORDER BY id
