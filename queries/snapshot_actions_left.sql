-- Actions in a snapshot file not yet loaded.
SELECT count(*) FROM read_parquet($path) WHERE id NOT IN (SELECT id FROM action)
