-- Rows in one Parquet file of a snapshot, from its footer, to hold against the manifest.
SELECT coalesce(sum(num_rows), 0) FROM parquet_file_metadata($path)
