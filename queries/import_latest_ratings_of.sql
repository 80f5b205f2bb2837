-- For the actions a tracker file names, the latest rating recorded at each meeting (rules.sql
-- latest_rating, within the one meeting).
SELECT r.action, r.meeting,
       latest_rating(r.brag, rating_order(m.date, r.recorded_at, r.id), m.date, m.date) AS brag
FROM rag_rating r
JOIN meeting m ON m.id = r.meeting
WHERE list_contains($ids::VARCHAR[], r.action)
GROUP BY r.action, r.meeting
