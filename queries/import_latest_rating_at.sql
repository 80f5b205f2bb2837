-- The latest rating of an action recorded at one meeting, if any.
SELECT brag FROM rag_rating WHERE action = $action AND meeting = $meeting
ORDER BY recorded_at DESC, id DESC LIMIT 1
