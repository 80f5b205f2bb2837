-- Bulk-load rows staged as an Arrow table named 'staged', matching columns by name.
INSERT INTO glossary BY NAME SELECT * FROM staged
