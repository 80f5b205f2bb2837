-- Every row of action, in a stable order (ids in natural order), for a snapshot.
SELECT * FROM action ORDER BY natural_key(id), id
