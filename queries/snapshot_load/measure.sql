-- Load measure from one Parquet file of a snapshot, columns matched by name.
INSERT INTO measure BY NAME SELECT * FROM read_parquet($path)
