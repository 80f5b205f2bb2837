-- The folders a file connection (db.file_connection) may read and write: set before external
-- access is turned off, which DuckDB then keeps to these folders alone.
SET allowed_directories = $folders
