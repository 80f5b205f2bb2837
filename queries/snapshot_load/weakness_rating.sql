-- Load weakness_rating from one Parquet file of a snapshot, columns matched by name.
INSERT INTO weakness_rating BY NAME SELECT * FROM read_parquet($path)
