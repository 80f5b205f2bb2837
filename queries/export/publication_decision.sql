-- Every row of publication_decision, in a stable order, for a (full) snapshot.
SELECT * FROM publication_decision ORDER BY candidate
