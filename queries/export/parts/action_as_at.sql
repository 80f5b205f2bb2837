-- The parts action_as_at is read in (snapshot._rows_of), in the table's order: one board
-- meeting each, by date then id. DuckDB then sorts one meeting's rows at a time (a national
-- pack's 60,000) where the whole table at once (1.2 million) held 200 MB beside the app.
SELECT id AS meeting FROM board_meetings() ORDER BY date, id
