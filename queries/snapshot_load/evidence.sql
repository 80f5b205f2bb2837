-- Load evidence from one Parquet file of a snapshot, columns matched by name.
INSERT INTO evidence BY NAME SELECT * FROM read_parquet($path)
