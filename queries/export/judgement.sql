-- Every row of judgement, in a stable order, for a snapshot.
SELECT * FROM judgement ORDER BY id
