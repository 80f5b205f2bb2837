-- Load measure_value from one Parquet file of a snapshot, columns matched by name.
INSERT INTO measure_value BY NAME SELECT * FROM read_parquet($path)
