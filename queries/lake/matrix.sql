-- queries/matrix.sql over a lake: the steps across (each day any board met); at each, a weakness
-- as its own board stood then (its latest rating held on that day, or the board's own rating at
-- its latest board meeting on or before it).
WITH bm AS (SELECT id, date FROM board_meetings()),
w AS (SELECT code, board FROM weakness WHERE $codes::VARCHAR[] IS NULL OR list_contains($codes::VARCHAR[], code)),
page_action AS (
    SELECT a.* FROM action a SEMI JOIN w ON w.code = a.weakness
),
held AS (
    SELECT r.action, r.brag, m.date AS since,
           lead(m.date) OVER (PARTITION BY r.action ORDER BY rating_order(m.date, r.recorded_at, r.id)) AS until
    FROM rag_rating r JOIN meeting m ON m.id = r.meeting
    WHERE r.action IN (SELECT id FROM page_action)
),
derived AS (
    SELECT bm.id AS meeting, a.weakness, derived_brag(h.brag, true) AS brag
    FROM bm
    JOIN held h ON h.since <= bm.date AND (h.until IS NULL OR bm.date < h.until)
    JOIN page_action a ON a.id = h.action AND is_live(a.start_date, a.status, a.closed_date, bm.date)
    GROUP BY bm.id, a.weakness
),
in_force AS (
    SELECT bm.id AS step, m.board, arg_max(m.id, (m.date, m.id)) AS meeting
    FROM bm JOIN meeting m ON m.kind = 'board' AND m.date <= bm.date AND m.board IN (SELECT board FROM w)
    GROUP BY bm.id, m.board
),
own AS (
    SELECT weakness, meeting, board_rating(brag, recorded_at, id) AS brag
    FROM weakness_rating
    WHERE weakness IN (SELECT code FROM w)
    GROUP BY weakness, meeting
)
SELECT bm.id AS meeting, w.code AS weakness, weakness_brag(own.brag, derived.brag) AS brag,
       own.brag IS NOT NULL AS board_rated
FROM bm
CROSS JOIN w
LEFT JOIN derived ON derived.meeting = bm.id AND derived.weakness = w.code
LEFT JOIN in_force f ON f.step = bm.id AND f.board = w.board
LEFT JOIN own ON own.meeting = f.meeting AND own.weakness = w.code
