-- One action as an officer saw it when writing an update, and as a merge compares it later:
-- its latest rating (by meeting date, then when recorded) and that meeting, its targets, its
-- status and what carried it forward. Plain SQL, no macros: the Recorder's cursor has none.
WITH latest AS (
    SELECT r.brag, r.meeting, m.date
    FROM rag_rating r
    JOIN meeting m ON m.id = r.meeting
    WHERE r.action = $id
    ORDER BY m.date DESC, r.recorded_at DESC, r.id DESC
    LIMIT 1
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
