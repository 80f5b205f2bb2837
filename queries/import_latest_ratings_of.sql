-- For the actions a tracker file names, the latest rating recorded at each meeting.
SELECT action, meeting, arg_max(brag, (recorded_at, id)) AS brag
FROM rag_rating
WHERE list_contains($ids::VARCHAR[], action)
GROUP BY action, meeting
