-- Every row of board, in a stable order, for a snapshot.
SELECT * FROM board ORDER BY id
