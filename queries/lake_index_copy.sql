-- The app's map of a lake (LAKE/_index/<table>.parquet): one table of every board in one file,
-- read from each board's partition (the board's pack id from its folder, board=<pack_id>), with
-- the board's key (B0007), local area and place in the list (by area) beside each row.
COPY (
    SELECT t.*, b.key AS lake_key, b.area AS lake_area, b.rank AS lake_rank
    FROM read_parquet($files, hive_partitioning = true, hive_types = {'board': VARCHAR}) t
    JOIN (SELECT unnest($pack_ids::VARCHAR[]) AS board, unnest($keys::VARCHAR[]) AS key,
                 unnest($areas::VARCHAR[]) AS area, unnest($ranks::INTEGER[]) AS rank) b USING (board)
) TO $path (FORMAT parquet, COMPRESSION zstd)
