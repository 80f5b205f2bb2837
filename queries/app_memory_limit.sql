-- The app's own connection keeps DuckDB's memory (its buffer pool, and what a query holds)
-- within this: DuckDB's default is 80% of the machine's memory, and it keeps what it has used.
-- At 1,000 areas (86 MB) every screen reads within it, and so does writing a snapshot (10 s in
-- the background, against 4 s with 256 MB; at 128 MB the derived action_as_at does not fit).
SET memory_limit = '192MB'
