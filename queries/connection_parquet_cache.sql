-- A lake's reader keeps each Parquet file's footer once read: its queries read the same files
-- again and again (set before the configuration is locked).
SET parquet_metadata_cache = true
