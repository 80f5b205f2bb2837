-- Temporary macros installed on every cursor after queries/rules.sql: the rules applied as at a
-- board meeting, built on rules.sql's macros (which state each rule once).
-- Board meetings in order, each with the one before it.
CREATE OR REPLACE TEMP MACRO board_meetings() AS TABLE
    SELECT id, date, title, minutes_status,
           row_number() OVER (ORDER BY date, id) AS seq,
           lag(id) OVER (ORDER BY date, id) AS prev_id,
           coalesce(lag(date) OVER (ORDER BY date, id), DATE '0001-01-01') AS prev_date
    FROM meeting
    WHERE kind = 'board';

-- Each action's latest rating (rules.sql latest_rating) as at a board meeting and as at the
-- meeting before it, in one pass over the ratings; only_weaknesses (a list of codes) limits it to
-- their actions: one weakness's actions list, or the page of a national pack's weaknesses on
-- screen. BRAG and rationale ride in the aggregate instead of joining the ratings back by id,
-- which scanned them twice more (~10 ms of a 1,000-area dashboard). Ratings after the meeting
-- are not read at all.
CREATE OR REPLACE TEMP MACRO ratings_at(meeting_id, only_weaknesses := NULL) AS TABLE
    WITH cur AS (SELECT date, prev_date FROM board_meetings() WHERE id = meeting_id),
    seen AS (
        SELECT r.action, r.brag, r.rationale, m.date, rating_order(m.date, r.recorded_at, r.id) AS latest_first,
               cur.date AS as_of, cur.prev_date AS prev_as_of
        FROM rag_rating r
        JOIN meeting m ON m.id = r.meeting
        JOIN cur ON m.date <= cur.date
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

-- Every action live at a board meeting or the one before, as the board saw it: BRAG, direction
-- against the previous board meeting, last rated, the target in force then and whether it is
-- overdue (rules.sql).
CREATE OR REPLACE TEMP MACRO action_state_at(meeting_id, only_weaknesses := NULL) AS TABLE
    WITH cur AS (SELECT date, prev_date FROM board_meetings() WHERE id = meeting_id)
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
           is_live(a.start_date, a.status, a.closed_date, cur.prev_date) AS live_prev
    FROM cur
    JOIN action a ON (only_weaknesses IS NULL OR a.weakness IN (SELECT unnest(only_weaknesses)))
        AND (is_live(a.start_date, a.status, a.closed_date, cur.date)
             OR is_live(a.start_date, a.status, a.closed_date, cur.prev_date))
    LEFT JOIN ratings_at(meeting_id, only_weaknesses) r ON r.action = a.id;

-- Every action as the board saw it at a meeting (live then).
CREATE OR REPLACE TEMP MACRO action_as_at(meeting_id, only_weaknesses := NULL) AS TABLE
    SELECT * EXCLUDE (live_now, live_prev)
    FROM action_state_at(meeting_id, only_weaknesses)
    WHERE live_now;

-- Each weakness's BRAG (rules.sql weakness_brag) at a meeting and at the meeting before.
CREATE OR REPLACE TEMP MACRO weakness_brag_at(meeting_id) AS TABLE
    WITH cur AS (SELECT date, prev_id, prev_date FROM board_meetings() WHERE id = meeting_id),
    derived AS (
        SELECT a.weakness,
               derived_brag(r.brag, is_live(a.start_date, a.status, a.closed_date, cur.date)) AS brag,
               derived_brag(r.prev_brag, is_live(a.start_date, a.status, a.closed_date, cur.prev_date))
                   AS prev_brag
        FROM action a
        JOIN ratings_at(meeting_id) r ON r.action = a.id
        CROSS JOIN cur
        GROUP BY a.weakness
    ),
    own AS (
        SELECT weakness, meeting, board_rating(brag, recorded_at, id) AS brag
        FROM weakness_rating
        WHERE meeting = meeting_id OR meeting = (SELECT prev_id FROM cur)
        GROUP BY weakness, meeting
    )
    SELECT w.code AS weakness,
           weakness_brag(own_now.brag, derived.brag) AS brag,
           own_now.brag IS NOT NULL AS board_rated,
           weakness_brag(own_prev.brag, derived.prev_brag) AS prev_brag
    FROM weakness w
    CROSS JOIN cur
    LEFT JOIN derived ON derived.weakness = w.code
    LEFT JOIN own own_now ON own_now.weakness = w.code AND own_now.meeting = meeting_id
    LEFT JOIN own own_prev ON own_prev.weakness = w.code AND own_prev.meeting = cur.prev_id;

-- Monitoring status from the judgements made on or before a date (only_weaknesses: of those).
CREATE OR REPLACE TEMP MACRO monitoring_at(as_of, only_weaknesses := NULL) AS TABLE
    WITH latest AS (
        SELECT weakness, arg_max(outcome, (date, id)) AS outcome, max(date) AS date
        FROM judgement
        WHERE weakness IS NOT NULL AND date <= as_of
          AND outcome IN ('sufficient', 'left formal monitoring', 'not sufficient',
                          'remains under monitoring')
          AND (only_weaknesses IS NULL OR weakness IN (SELECT unnest(only_weaknesses)))
        GROUP BY weakness
    )
    SELECT w.code AS weakness,
           CASE WHEN latest.outcome IN ('sufficient', 'left formal monitoring')
                THEN latest.outcome || ', ' || strftime(latest.date, '%b %Y')
                ELSE 'monitored' END AS status,
           coalesce(latest.outcome NOT IN ('sufficient', 'left formal monitoring'), true)
               AS monitored
    FROM weakness w LEFT JOIN latest ON latest.weakness = w.code
    WHERE only_weaknesses IS NULL OR w.code IN (SELECT unnest(only_weaknesses));

-- Ids in natural order (IP25-05.2 before IP25-05.19): each run of digits padded to 20 places,
-- so it compares as a number. The same key as boardtui/ids.py natural_key. Order by
-- natural_key(id), id: the id itself breaks the tie between 05 and 5.
CREATE OR REPLACE TEMP MACRO natural_key(id) AS
    array_to_string(list_transform(regexp_extract_all(id, '[0-9]+|[^0-9]+'),
        lambda run: CASE WHEN run[1] BETWEEN '0' AND '9' THEN lpad(run, greatest(20, length(run))::INTEGER, '0')
                    ELSE run END), '');

-- Actions arising from a minute item marked confidential (an action arising's id names its
-- item: BA-<meeting>.<item>), with the neutral title chosen for publishing each (NULL: none,
-- so it is left out of every public output).
CREATE OR REPLACE TEMP MACRO confidential_actions() AS TABLE
    SELECT a.id, t.title AS public_title
    FROM action a
    JOIN minute_item m ON a.id = 'BA-' || m.meeting || '.' || m.item_order
    LEFT JOIN public_title t ON t.action = a.id
    WHERE m.kind = 'action arising' AND m.confidential;

-- Every officer's update, with the board meeting it reports to (the one it names; else, written
-- for "the next meeting", the first board meeting on or after the day it was written; NULL: none
-- set up yet) and, for one not declined, when the same officer's later update on the same action
-- for the same meeting (not declined either) replaced it (NULL: it stands). A replaced update
-- stays in the history; the meeting pack and the agenda show the one that replaced it.
CREATE OR REPLACE TEMP MACRO officer_updates() AS TABLE
    WITH u AS (
        SELECT o.*, coalesce(o.for_meeting, (
            SELECT m.id FROM meeting m
            WHERE m.kind = 'board' AND m.date >= o.written_at::DATE
            ORDER BY m.date, m.id LIMIT 1)) AS reports_to
        FROM officer_update o
    )
    SELECT u.*,
           CASE WHEN u.state <> 'declined' THEN lead(u.written_at) OVER (
               PARTITION BY u.action, u.author, u.reports_to, u.state = 'declined'
               ORDER BY u.written_at, u.id) END AS replaced_on
    FROM u;

-- A person's name as compared when looking for their actions or updates: any capitals, runs of
-- spaces as one, and a title in front ("Dr", "Mrs", …) left aside, so "dr amara  nwosu" finds the
-- actions of "Dr Amara Nwosu".
CREATE OR REPLACE TEMP MACRO person_key(name) AS
    regexp_replace(regexp_replace(lower(trim(name)), '\s+', ' ', 'g'),
                   '^(dr|mr|mrs|ms|miss|mx|prof|professor|cllr|sir|dame)\.? ', '');
