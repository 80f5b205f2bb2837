-- An action's BRAG history up to a meeting's date, latest first (rules.sql rating_order).
SELECT m.id AS meeting, m.date, r.brag, r.rationale, r.rated_by, r.recorded_at
FROM rag_rating r JOIN meeting m ON m.id = r.meeting
WHERE r.action = $id AND m.date <= $as_of
ORDER BY rating_order(m.date, r.recorded_at, r.id) DESC
