-- The board's own rating of a weakness at a meeting, if it gave one (rules.sql board_rating).
SELECT board_rating(brag, recorded_at, id) AS brag FROM weakness_rating
WHERE weakness = $weakness AND meeting = $meeting
HAVING count(*) > 0
