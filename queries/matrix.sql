-- The weakness BRAG at every board meeting (rules.sql weakness_brag): weaknesses down, meetings
-- across. For all meetings in one pass: each rating holds from its meeting until the action's next
-- rating (in rules.sql rating_order), so a board meeting sees the latest ones, holding then.
-- Only the weaknesses in $codes (NULL: all), so the screen reads a page at a time.
WITH bm AS (SELECT id, date FROM board_meetings()),
w AS (SELECT code FROM weakness WHERE $codes::VARCHAR[] IS NULL OR list_contains($codes::VARCHAR[], code)),
page_action AS (
    SELECT a.* FROM action a SEMI JOIN w ON w.code = a.weakness
),
-- Each rating holds from its meeting's date until the action's next rating (a later rating at
-- the same meeting ends it at once, so the last word at a meeting wins).
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
LEFT JOIN own ON own.meeting = bm.id AND own.weakness = w.code
