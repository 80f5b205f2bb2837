INSERT INTO weakness_rating (weakness, meeting, brag, rationale, rated_by, recorded_at)
VALUES ($weakness, $meeting, $brag, $rationale, $rated_by, $recorded_at)
RETURNING id
