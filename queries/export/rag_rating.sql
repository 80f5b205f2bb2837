-- Every row of rag_rating, in a stable order, for a snapshot.
SELECT * FROM rag_rating ORDER BY id
