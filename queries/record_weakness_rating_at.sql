-- The board's own rating of a weakness at a meeting, if it gave one (the last word given).
SELECT arg_max(brag, (recorded_at, id)) AS brag FROM weakness_rating
WHERE weakness = $weakness AND meeting = $meeting
HAVING count(*) > 0
