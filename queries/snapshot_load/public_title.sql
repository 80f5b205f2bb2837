-- Load public_title from one Parquet file of a snapshot, columns matched by name.
INSERT INTO public_title BY NAME SELECT * FROM read_parquet($path)
