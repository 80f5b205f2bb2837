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

-- An action exists at a date once started, until replaced (carried forward) or withdrawn.
CREATE OR REPLACE TEMP MACRO is_live(start_date, status, closed_date, as_of) AS
    start_date <= as_of
    AND NOT (status IN ('carried forward', 'withdrawn') AND closed_date <= as_of);

-- Board meetings in order, each with the one before it.
CREATE OR REPLACE TEMP MACRO board_meetings() AS TABLE
    SELECT id, date, title, minutes_status,
           row_number() OVER (ORDER BY date, id) AS seq,
           lag(id) OVER (ORDER BY date, id) AS prev_id,
           coalesce(lag(date) OVER (ORDER BY date, id), DATE '0001-01-01') AS prev_date
    FROM meeting
    WHERE kind = 'board';

-- "Latest" orders ratings by meeting date, then when recorded, then id. As one HUGEINT it is a
-- plain number to compare: four times faster than a (date, timestamp, id) struct at 1.6M ratings.
CREATE OR REPLACE TEMP MACRO rating_order(day, recorded_at, id) AS
    (datediff('day', DATE '1900-01-01', day)::HUGEINT * 100000000000000000000
        + epoch_us(recorded_at)::HUGEINT) * 10000000000 + id;

-- Each action's latest rating as at a board meeting and as at the meeting before it, in one
-- pass over the ratings; only_weaknesses (a list of codes) limits it to their actions: one
-- weakness's actions list, or the page of a national pack's weaknesses on screen. BRAG and
-- rationale ride in the aggregate (arg_max) instead of joining the ratings back by id, which
-- scanned them twice more (~10 ms of a 1,000-area dashboard).
CREATE OR REPLACE TEMP MACRO ratings_at(meeting_id, only_weaknesses := NULL) AS TABLE
    WITH cur AS (SELECT date, prev_date FROM board_meetings() WHERE id = meeting_id),
    seen AS (
        SELECT r.action, r.brag, r.rationale, m.date, m.date <= cur.prev_date AS by_prev,
               rating_order(m.date, r.recorded_at, r.id) AS latest_first
        FROM rag_rating r
        JOIN meeting m ON m.id = r.meeting
        JOIN cur ON m.date <= cur.date
        WHERE only_weaknesses IS NULL
           OR r.action IN (SELECT id FROM action WHERE weakness IN (SELECT unnest(only_weaknesses)))
    )
    SELECT action,
           arg_max(brag, latest_first) AS brag,
           arg_max(rationale, latest_first) AS rationale,
           max(date) AS rated_on,
           arg_max(brag, latest_first) FILTER (WHERE by_prev) AS prev_brag
    FROM seen
    GROUP BY action;

-- Every action live at a board meeting or the one before, as the board saw it: BRAG, direction
-- against the previous board meeting, last rated, overdue (the target in force then has passed
-- and the latest rating is not Blue). A revised target counts only from the date it was agreed.
CREATE OR REPLACE TEMP MACRO action_state_at(meeting_id, only_weaknesses := NULL) AS TABLE
    WITH cur AS (SELECT date, prev_date FROM board_meetings() WHERE id = meeting_id)
    SELECT a.id, a.weakness, a.plan, a.title, a.action_lead, a.senior_officer, a.lead_org,
           a.start_date, a.target_date, a.revised_target_date, a.status, a.closed_date,
           r.brag, r.prev_brag, direction(r.brag, r.prev_brag) AS direction,
           r.rated_on AS last_rated, r.rationale AS last_rationale,
           CASE WHEN a.target_revised_on <= cur.date THEN a.revised_target_date END
               AS revised_as_at,
           (coalesce(r.brag, '') <> 'B'
               AND CASE WHEN a.target_revised_on <= cur.date THEN a.revised_target_date
                        ELSE a.target_date END < cur.date) AS overdue,
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

-- Each weakness's BRAG at a meeting and at the meeting before: the board's own rating at that
-- meeting if it gave one, else the worst current rating among its live actions (Blue only
-- when every rated action is Blue).
CREATE OR REPLACE TEMP MACRO weakness_brag_at(meeting_id) AS TABLE
    WITH cur AS (SELECT date, prev_id, prev_date FROM board_meetings() WHERE id = meeting_id),
    derived AS (
        SELECT a.weakness,
               brag_of_rank(min(brag_rank(r.brag))
                   FILTER (WHERE is_live(a.start_date, a.status, a.closed_date, cur.date))) AS brag,
               brag_of_rank(min(brag_rank(r.prev_brag))
                   FILTER (WHERE is_live(a.start_date, a.status, a.closed_date, cur.prev_date)))
                   AS prev_brag
        FROM action a
        JOIN ratings_at(meeting_id) r ON r.action = a.id
        CROSS JOIN cur
        GROUP BY a.weakness
    ),
    own AS (
        SELECT weakness, meeting, arg_max(brag, (recorded_at, id)) AS brag
        FROM weakness_rating
        WHERE meeting = meeting_id OR meeting = (SELECT prev_id FROM cur)
        GROUP BY weakness, meeting
    )
    SELECT w.code AS weakness,
           coalesce(own_now.brag, derived.brag) AS brag,
           own_now.brag IS NOT NULL AS board_rated,
           coalesce(own_prev.brag, derived.prev_brag) AS prev_brag
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
