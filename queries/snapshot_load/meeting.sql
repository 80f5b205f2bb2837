-- Load meeting from one Parquet file of a snapshot, columns matched by name. Snapshots write
-- approved_at as approved_at_meeting (it holds a meeting id); older ones wrote approved_at:
-- either loads, renamed to the table's column.
INSERT INTO meeting BY NAME
SELECT COLUMNS('^(approved_at)(_meeting)?$') AS '\1',
       COLUMNS(lambda c: c NOT IN ('approved_at', 'approved_at_meeting'))
FROM read_parquet($path)
