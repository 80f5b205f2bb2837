-- Installed on every cursor of a lake after queries/macros.sql (store/lake_views.py): "the
-- meeting" for many boards, with the rules (queries/rules.sql) applied as queries/macros.sql does. A step of the lake's time travel is a
-- day on which any board met (its id is the date, YYYY-MM-DD); at a step each board is shown as
-- at its own latest board meeting on or before that day, against its own board meeting before.

-- The steps of time travel: each day any board met, with how many met.
CREATE OR REPLACE TEMP MACRO board_meetings() AS TABLE
    WITH d AS (
        SELECT date, count(DISTINCT board) AS boards, bool_or(minutes_status = 'draft') AS drafts
        FROM meeting WHERE kind = 'board' GROUP BY date
    )
    SELECT strftime(date, '%Y-%m-%d') AS id, date,
           printf('%d board(s) met', boards) AS title,
           CASE WHEN drafts THEN 'draft' ELSE 'approved' END AS minutes_status,
           row_number() OVER (ORDER BY date) AS seq,
           strftime(lag(date) OVER (ORDER BY date), '%Y-%m-%d') AS prev_id,
           coalesce(lag(date) OVER (ORDER BY date), DATE '0001-01-01') AS prev_date
    FROM d;

-- Each board in scope as at a step: its latest board meeting on or before the step's day, and
-- its board meeting before that one.
CREATE OR REPLACE TEMP MACRO lake_at(meeting_id) AS TABLE
    WITH bm AS (
        SELECT board, id, date,
               lag(id) OVER (PARTITION BY board ORDER BY date, id) AS prev_id,
               coalesce(lag(date) OVER (PARTITION BY board ORDER BY date, id), DATE '0001-01-01') AS prev_date
        FROM meeting
        WHERE kind = 'board' AND list_contains(map_keys(getvariable('lake_scope')), board)
    )
    SELECT board, arg_max(id, (date, id)) AS id, max(date) AS date,
           arg_max(prev_id, (date, id)) AS prev_id, arg_max(prev_date, (date, id)) AS prev_date
    FROM bm
    WHERE date <= CAST(meeting_id AS DATE)
    GROUP BY board;

-- As queries/macros.sql, each board against its own meetings (lake_at).
CREATE OR REPLACE TEMP MACRO ratings_at(meeting_id, only_weaknesses := NULL) AS TABLE
    WITH cur AS (SELECT * FROM lake_at(meeting_id)),
    seen AS (
        SELECT r.action, r.brag, r.rationale, m.date, rating_order(m.date, r.recorded_at, r.id) AS latest_first,
               cur.date AS as_of, cur.prev_date AS prev_as_of
        FROM rag_rating r
        JOIN meeting m ON m.id = r.meeting
        JOIN cur ON cur.board = r.board AND m.date <= cur.date
        WHERE only_weaknesses IS NULL
           OR r.action IN (SELECT id FROM action WHERE weakness IN (SELECT unnest(only_weaknesses)))
    )
    SELECT action,
           latest_rating(brag, latest_first, date, as_of) AS brag,
           latest_rating(rationale, latest_first, date, as_of) AS rationale,
           latest_rating(date, latest_first, date, as_of) AS rated_on,
           latest_rating(brag, latest_first, date, prev_as_of) AS prev_brag
    FROM seen
    GROUP BY action;

CREATE OR REPLACE TEMP MACRO action_state_at(meeting_id, only_weaknesses := NULL) AS TABLE
    WITH cur AS (SELECT * FROM lake_at(meeting_id))
    SELECT a.id, a.weakness, a.plan, a.title, a.action_lead, a.senior_officer, a.lead_org,
           a.start_date, a.target_date, a.revised_target_date, a.status, a.closed_date,
           r.brag, r.prev_brag, direction(r.brag, r.prev_brag) AS direction,
           r.rated_on AS last_rated, r.rationale AS last_rationale,
           revised_in_force(a.revised_target_date, a.target_revised_on, cur.date) AS revised_as_at,
           target_in_force(a.target_date, a.revised_target_date, a.target_revised_on, cur.date)
               AS target_in_force,
           is_overdue(r.brag, a.target_date, a.revised_target_date, a.target_revised_on, cur.date)
               AS overdue,
           is_live(a.start_date, a.status, a.closed_date, cur.date) AS live_now,
           is_live(a.start_date, a.status, a.closed_date, cur.prev_date) AS live_prev,
           a.board, cur.date AS as_at
    FROM cur
    JOIN action a ON a.board = cur.board
        AND (only_weaknesses IS NULL OR a.weakness IN (SELECT unnest(only_weaknesses)))
        AND (is_live(a.start_date, a.status, a.closed_date, cur.date)
             OR is_live(a.start_date, a.status, a.closed_date, cur.prev_date))
    LEFT JOIN ratings_at(meeting_id, only_weaknesses) r ON r.action = a.id;
