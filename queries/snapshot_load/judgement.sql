-- Load judgement from one Parquet file of a snapshot, columns matched by name.
INSERT INTO judgement BY NAME SELECT * FROM read_parquet($path)
