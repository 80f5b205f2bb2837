-- Problems 'boardtui check' reports, one row each: (kind, key, detail).
WITH latest AS (
    SELECT id, date FROM board_meetings() ORDER BY seq DESC LIMIT 1
),
-- The weaknesses on the latest meeting's agenda, by agenda_weaknesses' rule: under monitoring
-- then, or with a red or overdue action then. Their open actions are the ones the board rates.
on_agenda AS (
    SELECT mon.weakness
    FROM latest, monitoring_at(latest.date) mon
    WHERE mon.monitored
    UNION
    SELECT a.weakness
    FROM latest, action_as_at(latest.id) a
    WHERE a.brag = 'R' OR a.overdue
)
SELECT 'orphan' AS kind, m.id AS key,
       'minutes approved at meeting ' || m.approved_at || ', which does not exist' AS detail
FROM meeting m
WHERE m.approved_at IS NOT NULL AND m.approved_at NOT IN (SELECT id FROM meeting)
UNION ALL
SELECT 'orphan', mi.meeting || ' item ' || mi.item_order,
       'is about ' || mi.action || ' but names weakness ' || mi.weakness || ', not ' || a.weakness
FROM minute_item mi JOIN action a ON a.id = mi.action
WHERE mi.weakness IS NOT NULL AND mi.weakness <> a.weakness
UNION ALL
SELECT 'unrated', a.id,
       'is open but has no rating at the latest board meeting ' || latest.id
           || ' (' || strftime(latest.date, '%d %b %Y') || ')'
FROM action a, latest
WHERE a.status = 'open' AND a.start_date <= latest.date
  AND a.weakness IN (SELECT weakness FROM on_agenda)
  AND NOT EXISTS (SELECT 1 FROM rag_rating r WHERE r.action = a.id AND r.meeting = latest.id)
UNION ALL
SELECT 'revised-earlier', a.id,
       'has revised target ' || strftime(a.revised_target_date, '%d %b %Y')
           || ' earlier than its original ' || strftime(a.target_date, '%d %b %Y')
FROM action a
WHERE a.revised_target_date < a.target_date
ORDER BY kind, natural_key(key), key
