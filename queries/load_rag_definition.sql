-- Bulk-load rows staged as an Arrow table named 'staged', matching columns by name.
INSERT INTO rag_definition BY NAME SELECT * FROM staged
