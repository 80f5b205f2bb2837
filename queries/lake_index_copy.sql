-- The app's map of a lake (LAKE/_index/<table>.parquet): one table of every board in one file,
-- read from each board's partition (the board's pack id from its folder, board=<pack_id>).
COPY (SELECT * FROM read_parquet($files, hive_partitioning = true, hive_types = {'board': VARCHAR}))
TO $path (FORMAT parquet, COMPRESSION zstd)
