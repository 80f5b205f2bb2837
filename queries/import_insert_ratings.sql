-- Ratings from a tracker file, all at once and in file order, from the planned rows (new_ratings).
INSERT INTO rag_rating (action, meeting, brag, rationale, rated_by, recorded_at, source)
SELECT action, meeting, brag, rationale, rated_by, recorded_at, source FROM new_ratings
