-- Load one wave of actions from a snapshot: those not loaded yet whose carried-forward
-- source (a foreign key within the table) is already loaded. Repeated until none is left.
INSERT INTO action BY NAME
SELECT * FROM read_parquet($path) p
WHERE p.id NOT IN (SELECT id FROM action)
  AND (p.carried_forward_from IS NULL OR p.carried_forward_from IN (SELECT id FROM action))
