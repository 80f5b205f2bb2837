-- The forked first-frame reader (app/run.py) shares two cores with the app starting beside it:
-- DuckDB's second thread only contended with the app (measured: 1.38x the floor at 1,000 areas
-- with it, 1.29x without).
SET threads = 1
