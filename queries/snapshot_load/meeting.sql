-- Load meeting from one Parquet file of a snapshot, columns matched by name.
INSERT INTO meeting BY NAME SELECT * FROM read_parquet($path)
