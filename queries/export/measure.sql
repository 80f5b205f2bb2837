-- Every row of measure, in a stable order, for a snapshot.
SELECT * FROM measure ORDER BY code
