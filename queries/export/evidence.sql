-- Every row of evidence, in a stable order, for a snapshot.
SELECT * FROM evidence ORDER BY id
