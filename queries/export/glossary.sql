-- Every row of glossary, in a stable order, for a snapshot.
SELECT * FROM glossary ORDER BY term
