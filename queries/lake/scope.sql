-- The boards the next query reads (their pack ids) and their keys: store/lake_views.py sets
-- them before each query.
SET VARIABLE lake_scope = map($boards::VARCHAR[], $keys::VARCHAR[])
