INSERT INTO rag_rating (action, meeting, brag, rationale, rated_by, recorded_at)
VALUES ($action, $meeting, $brag, $rationale, $rated_by, $recorded_at)
RETURNING id
