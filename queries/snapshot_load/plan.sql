-- Load plan from one Parquet file of a snapshot, columns matched by name.
INSERT INTO plan BY NAME SELECT * FROM read_parquet($path)
