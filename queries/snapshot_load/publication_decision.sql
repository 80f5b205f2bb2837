-- Load publication_decision from one Parquet file of a snapshot, columns matched by name.
INSERT INTO publication_decision BY NAME SELECT * FROM read_parquet($path)
