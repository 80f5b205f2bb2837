-- Load audit_log from one Parquet file of a snapshot, columns matched by name.
INSERT INTO audit_log BY NAME SELECT * FROM read_parquet($path)
