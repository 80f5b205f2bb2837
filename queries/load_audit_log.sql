-- Bulk-load rows staged as an Arrow table named 'staged', matching columns by name.
INSERT INTO audit_log BY NAME SELECT * FROM staged
