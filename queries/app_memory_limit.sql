-- The app's own connection keeps DuckDB's memory (its buffer pool, and what a query holds)
-- within this: DuckDB's default is 80% of the machine's memory, and it keeps what it has used.
-- A national pack (1,000 areas, 86 MB) exports its snapshot in 200 MB (peak 287 MB against 622
-- without a limit); a larger query spills to the temporary folder rather than fail.
SET memory_limit = '256MB'
