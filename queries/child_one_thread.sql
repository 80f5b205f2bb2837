-- The forked first-frame reader (app/run.py) shares two cores with the app starting beside it:
-- DuckDB's second thread only contends with the app there (interleaved runs in a pty at 1,000
-- areas: 1.33x the floor with two threads, 1.29x with one).
SET threads = 1
