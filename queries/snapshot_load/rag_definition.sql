-- Load rag_definition from one Parquet file of a snapshot, columns matched by name.
INSERT INTO rag_definition BY NAME SELECT * FROM read_parquet($path)
