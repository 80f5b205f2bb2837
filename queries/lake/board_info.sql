-- A lake's name and what it covers (from its catalog, _lake.json).
SELECT $lake_name AS name, $lake_area AS area, false AS illustrative
