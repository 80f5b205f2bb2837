-- The connection that writes a snapshot's files holds a batch of rows at a time and DuckDB's
-- Parquet writer's row group: one thread and a small memory limit keep an export of a national
-- pack (1,000 areas) from holding hundreds of megabytes beside the app.
SET threads = 1;
SET memory_limit = '64MB'
