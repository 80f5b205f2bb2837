-- Load minute_item from one Parquet file of a snapshot, columns matched by name.
INSERT INTO minute_item BY NAME SELECT * FROM read_parquet($path)
