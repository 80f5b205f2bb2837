-- Temporary macros installed on every cursor: the "as at a meeting" rules in one place.
-- Rank orders BRAG from worst to best, so min() is the worst and a higher rank is better.

CREATE OR REPLACE TEMP MACRO brag_rank(b) AS
    CASE b WHEN 'R' THEN 1 WHEN 'A' THEN 2 WHEN 'G' THEN 3 WHEN 'B' THEN 4 END;

CREATE OR REPLACE TEMP MACRO brag_of_rank(r) AS
    CASE r WHEN 1 THEN 'R' WHEN 2 THEN 'A' WHEN 3 THEN 'G' WHEN 4 THEN 'B' END;

CREATE OR REPLACE TEMP MACRO direction(now_brag, prev_brag) AS
    CASE
        WHEN now_brag IS NULL OR prev_brag IS NULL THEN ''
        WHEN brag_rank(now_brag) > brag_rank(prev_brag) THEN '↑'
        WHEN brag_rank(now_brag) < brag_rank(prev_brag) THEN '↓'
        ELSE '→'
    END;

-- Board meetings in order, each with the one before it.
CREATE OR REPLACE TEMP MACRO board_meetings() AS TABLE
    SELECT id, date, title, minutes_status,
           row_number() OVER (ORDER BY date, id) AS seq,
           lag(id) OVER (ORDER BY date, id) AS prev_id,
           lag(date) OVER (ORDER BY date, id) AS prev_date
    FROM meeting
    WHERE kind = 'board';

-- Each action's latest rating given at a meeting on or before as_of.
CREATE OR REPLACE TEMP MACRO rating_as_at(as_of) AS TABLE
    SELECT r.action, r.brag, r.rationale, r.meeting, m.date AS rated_on, r.recorded_at
    FROM rag_rating r
    JOIN meeting m ON m.id = r.meeting
    WHERE m.date <= as_of
    QUALIFY row_number() OVER (
        PARTITION BY r.action ORDER BY m.date DESC, r.recorded_at DESC, r.id DESC) = 1;

-- Actions that exist at a date: started, and not yet replaced by a carried-forward successor.
CREATE OR REPLACE TEMP MACRO actions_live_at(as_of) AS TABLE
    SELECT * FROM action
    WHERE start_date <= as_of
      AND NOT (status IN ('carried forward', 'withdrawn') AND closed_date <= as_of);

-- Every action as the board saw it at a meeting: BRAG, direction against the previous
-- board meeting, last rated, overdue (the target in force then has passed and the latest
-- rating is not Blue). A revised target counts only from the date it was agreed.
CREATE OR REPLACE TEMP MACRO action_as_at(meeting_id) AS TABLE
    WITH cur AS (SELECT date, prev_date FROM board_meetings() WHERE id = meeting_id)
    SELECT a.id, a.weakness, a.plan, a.title, a.action_lead, a.senior_officer, a.lead_org,
           a.start_date, a.target_date, a.revised_target_date, a.status,
           now_r.brag, prev_r.brag AS prev_brag,
           direction(now_r.brag, prev_r.brag) AS direction,
           now_r.rated_on AS last_rated, now_r.rationale AS last_rationale,
           CASE WHEN a.target_revised_on <= cur.date THEN a.revised_target_date END
               AS revised_as_at,
           (coalesce(now_r.brag, '') <> 'B'
               AND CASE WHEN a.target_revised_on <= cur.date THEN a.revised_target_date
                        ELSE a.target_date END < cur.date) AS overdue
    FROM cur
    JOIN actions_live_at(cur.date) a ON true
    LEFT JOIN rating_as_at(cur.date) now_r ON now_r.action = a.id
    LEFT JOIN rating_as_at(coalesce(cur.prev_date, DATE '0001-01-01')) prev_r
        ON prev_r.action = a.id;

-- A weakness's BRAG at a meeting: the board's own rating at that meeting if it gave one,
-- else the worst current rating among its actions (Blue only when every action is Blue).
CREATE OR REPLACE TEMP MACRO weakness_brag_at(meeting_id) AS TABLE
    WITH derived AS (
        SELECT weakness, brag_of_rank(min(brag_rank(brag))) AS brag
        FROM action_as_at(meeting_id) WHERE brag IS NOT NULL GROUP BY weakness
    ),
    own AS (
        SELECT weakness, brag FROM weakness_rating WHERE meeting = meeting_id
        QUALIFY row_number() OVER (PARTITION BY weakness ORDER BY recorded_at DESC, id DESC) = 1
    )
    SELECT w.code AS weakness,
           coalesce(own.brag, derived.brag) AS brag,
           own.brag IS NOT NULL AS board_rated
    FROM weakness w
    LEFT JOIN own ON own.weakness = w.code
    LEFT JOIN derived ON derived.weakness = w.code;

-- Monitoring status from the judgements made on or before a date.
CREATE OR REPLACE TEMP MACRO monitoring_at(as_of) AS TABLE
    WITH latest AS (
        SELECT weakness, outcome, date FROM judgement
        WHERE weakness IS NOT NULL AND date <= as_of
          AND outcome IN ('sufficient', 'left formal monitoring', 'not sufficient',
                          'remains under monitoring')
        QUALIFY row_number() OVER (PARTITION BY weakness ORDER BY date DESC, id DESC) = 1
    )
    SELECT w.code AS weakness,
           CASE WHEN latest.outcome IN ('sufficient', 'left formal monitoring')
                THEN latest.outcome || ', ' || strftime(latest.date, '%b %Y')
                ELSE 'monitored' END AS status,
           coalesce(latest.outcome NOT IN ('sufficient', 'left formal monitoring'), true)
               AS monitored
    FROM weakness w LEFT JOIN latest ON latest.weakness = w.code;
