-- One table of a snapshot, written by DuckDB's own Parquet writer: the rows of an export query,
-- streamed from the pack's connection as snapshot_rows (snapshot._write_table), with the
-- snapshot's identity in the file's key-value metadata under boardtui.snapshot (the key the
-- README documents). Row groups of 16,384 rows: the writer holds one row group at a time, and
-- DuckDB's default (122,880) held a national pack's whole action table (export peak -20 MB).
COPY (SELECT * FROM snapshot_rows) TO $path (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 16384, KV_METADATA {'boardtui.snapshot': $identity})
