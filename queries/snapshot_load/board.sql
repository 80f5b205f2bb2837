-- Load board from one Parquet file of a snapshot, columns matched by name.
INSERT INTO board BY NAME SELECT * FROM read_parquet($path)
