-- Load rag_rating from one Parquet file of a snapshot, columns matched by name.
INSERT INTO rag_rating BY NAME SELECT * FROM read_parquet($path)
