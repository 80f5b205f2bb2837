-- Every row of rag_definition, in a stable order, for a snapshot.
SELECT * FROM rag_definition ORDER BY sort_order
