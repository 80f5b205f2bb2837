-- The board's rules, each stated once: temporary macros installed on every cursor that reads or
-- records (Store.cursor and Store.rules_cursor, before queries/macros.sql and a lake's own
-- macros), never stored in a pack. Every query applies a rule through these; none restates one
-- (tests/test_rules_stated_once.py). The rules read plainly in Python, to check these against,
-- are in tests/rulepack.py only.

-- BRAG from worst to best, so min() is the worst and a higher rank is better.
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

-- Live: an action exists at a date once started, until replaced (carried forward) or withdrawn.
CREATE OR REPLACE TEMP MACRO is_live(start_date, status, closed_date, as_of) AS
    start_date <= as_of
    AND NOT (status IN ('carried forward', 'withdrawn') AND closed_date <= as_of);

-- The target in force at a date: a revised target counts only from the day it was agreed; before
-- that, the original. revised_in_force is the revised target when it is in force (else NULL).
CREATE OR REPLACE TEMP MACRO revised_in_force(revised_target_date, target_revised_on, as_of) AS
    CASE WHEN target_revised_on <= as_of THEN revised_target_date END;

CREATE OR REPLACE TEMP MACRO target_in_force(target_date, revised_target_date, target_revised_on, as_of) AS
    coalesce(revised_in_force(revised_target_date, target_revised_on, as_of), target_date);

-- Overdue at a date: the target in force then has passed and the latest rating is not Blue (an
-- action not yet rated can be overdue).
CREATE OR REPLACE TEMP MACRO is_overdue(brag, target_date, revised_target_date, target_revised_on, as_of) AS
    coalesce(brag, '') <> 'B'
    AND target_in_force(target_date, revised_target_date, target_revised_on, as_of) < as_of;

-- "Latest" orders an action's ratings by meeting date, then when recorded, then id. As one
-- HUGEINT it is a plain number to compare: four times faster than a (date, timestamp, id) struct
-- at 1.6M ratings.
CREATE OR REPLACE TEMP MACRO rating_order(day, recorded_at, id) AS
    (datediff('day', DATE '1900-01-01', day)::HUGEINT * 100000000000000000000
        + epoch_us(recorded_at)::HUGEINT) * 10000000000 + id;

-- The latest rating as at a date: an aggregate over an action's ratings, each with its meeting's
-- date (day) and its rating_order (computed once per rating by the caller, which reads several
-- values of the latest: computing it in each aggregate cost a 1,000-area dashboard ~10%), giving
-- `value` of the latest one at a meeting on or before as_of (NULL: none yet).
CREATE OR REPLACE TEMP MACRO latest_rating(value, latest_first, day, as_of) AS
    arg_max(value, latest_first) FILTER (WHERE day <= as_of);

-- The board's own rating of a weakness at a meeting: an aggregate over that meeting's weakness
-- ratings, the last recorded.
CREATE OR REPLACE TEMP MACRO board_rating(brag, recorded_at, id) AS
    arg_max(brag, (recorded_at, id));

-- A weakness's BRAG derived from its actions: an aggregate over their latest ratings, the worst
-- of those that `counts` (the actions live then); Blue only when every one is Blue.
CREATE OR REPLACE TEMP MACRO derived_brag(brag, counts) AS
    brag_of_rank(min(brag_rank(brag)) FILTER (WHERE counts));

-- A weakness's BRAG at a meeting: the board's own rating there if it gave one, else derived.
CREATE OR REPLACE TEMP MACRO weakness_brag(own, derived) AS
    coalesce(own, derived);
