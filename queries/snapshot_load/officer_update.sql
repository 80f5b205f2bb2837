-- Load officer_update from one Parquet file of a snapshot, columns matched by name.
INSERT INTO officer_update BY NAME SELECT * FROM read_parquet($path)
