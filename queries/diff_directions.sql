-- The direction (rules.sql direction) of each rating that changed between two packs, in the
-- order given: $was[i] to $now[i].
SELECT direction(now_brag, was_brag) AS direction
FROM (SELECT unnest($now::VARCHAR[]) AS now_brag, unnest($was::VARCHAR[]) AS was_brag,
             generate_subscripts($now::VARCHAR[], 1) AS i)
ORDER BY i
