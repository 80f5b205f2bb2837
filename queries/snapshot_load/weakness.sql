-- Load weakness from one Parquet file of a snapshot, columns matched by name.
INSERT INTO weakness BY NAME SELECT * FROM read_parquet($path)
