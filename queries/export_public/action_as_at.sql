-- Public snapshot, derived: as export/action_as_at.sql, less the confidential actions arising
-- left out of public outputs. The board's rules applied at every board meeting, for analysts. One row per action live at each board meeting, exactly as the app shows it there
-- (the action_as_at macro): its BRAG as at the meeting (its latest rating at or before it),
-- the BRAG as at the board meeting before, the direction between them, the target in force
-- then (a revised target counts from the date it was agreed) and whether it was overdue.
-- Only the columns written are asked of the macro (the rationales it could return are not
-- read). One board meeting's rows ($meeting), by id as stored (the natural order of ids costs
-- more than the rules themselves over a national pack's 1.2 million rows): the snapshot writes
-- the table a meeting at a time in meeting order (export/parts/action_as_at.sql), so the file
-- is in meeting order, then by id.
SELECT m.id AS meeting, m.date AS meeting_date, a.weakness, a.id AS action, a.plan,
       a.brag, a.prev_brag, nullif(a.direction, '') AS direction, a.last_rated,
       a.target_date AS original_target_date, a.revised_as_at AS revised_target_date,
       a.target_in_force, a.overdue
FROM (SELECT id, date FROM board_meetings() WHERE id = $meeting) m,
     (SELECT id, weakness, plan, brag, prev_brag, direction, last_rated, target_date,
             revised_as_at, target_in_force, overdue
      FROM action_as_at($meeting)) a
WHERE a.id NOT IN (SELECT id FROM confidential_actions() WHERE public_title IS NULL)
ORDER BY a.id
