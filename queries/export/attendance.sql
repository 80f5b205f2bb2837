-- Every row of attendance, in a stable order, for a snapshot.
SELECT * FROM attendance ORDER BY meeting, person
