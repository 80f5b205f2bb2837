-- One table of a snapshot, written by DuckDB's own Parquet writer: the rows of an export query
-- (its text goes where the placeholder in braces is), with the snapshot's identity in the
-- file's key-value metadata under boardtui.snapshot (the key the README documents).
COPY ({query}) TO $path (FORMAT parquet, COMPRESSION zstd, KV_METADATA {'boardtui.snapshot': $identity})
