-- The parts rag_rating is read in (snapshot._rows_of), in the table's order: 100,000 ids each.
-- DuckDB then sorts a part at a time; a national pack's 807,000 ratings (their rationales
-- with them) sorted at once held 110 MB beside the app. No ratings: no part (read as one,
-- unbounded, for the table's columns).
SELECT lo + i * 100000 AS first, lo + i * 100000 + 99999 AS last
FROM (SELECT lo, unnest(range(0, (hi - lo) // 100000 + 1)) AS i
      FROM (SELECT min(id) AS lo, max(id) AS hi FROM rag_rating))
ORDER BY i
