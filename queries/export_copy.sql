-- One table of a snapshot, written by DuckDB's own Parquet writer: the rows of an export query,
-- streamed from the pack's connection as snapshot_rows (snapshot._write_table), with the
-- snapshot's identity in the file's key-value metadata under boardtui.snapshot (the key the
-- README documents).
COPY (SELECT * FROM snapshot_rows) TO $path (FORMAT parquet, COMPRESSION zstd, KV_METADATA {'boardtui.snapshot': $identity})
