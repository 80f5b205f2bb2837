-- Load glossary from one Parquet file of a snapshot, columns matched by name.
INSERT INTO glossary BY NAME SELECT * FROM read_parquet($path)
