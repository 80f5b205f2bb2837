-- One action as an officer saw it when writing an update, and as a merge compares it later:
-- its latest rating (rules.sql latest_rating, every rating so far) and that meeting, its
-- targets, its status and what carried it forward. Needs only rules.sql (the Recorder's cursor
-- has no other macros).
WITH seen AS (
    SELECT r.brag, r.meeting, m.date, rating_order(m.date, r.recorded_at, r.id) AS latest_first
    FROM rag_rating r
    JOIN meeting m ON m.id = r.meeting
    WHERE r.action = $id
),
latest AS (
    SELECT latest_rating(brag, latest_first, date, 'infinity'::DATE) AS brag,
           latest_rating(meeting, latest_first, date, 'infinity'::DATE) AS meeting,
           latest_rating(date, latest_first, date, 'infinity'::DATE) AS date
    FROM seen
)
SELECT a.id, a.title, a.weakness, a.status, a.closed_date, a.target_date, a.revised_target_date,
       a.target_revised_on,
       (SELECT brag FROM latest) AS brag,
       (SELECT meeting FROM latest) AS rated_at,
       (SELECT date FROM latest) AS rated_on,
       (SELECT string_agg(n.id, ', ' ORDER BY n.id) FROM action n WHERE n.carried_forward_from = a.id)
           AS carried_forward_to
FROM action a
WHERE a.id = $id
