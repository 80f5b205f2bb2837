-- Every row of rag_rating, in a stable order, for a snapshot.
SELECT * FROM rag_rating WHERE id BETWEEN $first AND $last ORDER BY id
