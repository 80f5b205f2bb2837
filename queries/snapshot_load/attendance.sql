-- Load attendance from one Parquet file of a snapshot, columns matched by name.
INSERT INTO attendance BY NAME SELECT * FROM read_parquet($path)
