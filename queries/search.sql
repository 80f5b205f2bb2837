-- Actions (id, title, description) and minutes matching words, case-insensitive.
-- Plain ILIKE with escaped wildcards: no extension downloads, so it works offline.
SELECT 'action' AS kind, a.id AS action, a.weakness, NULL AS meeting,
       a.id || '  ' || a.title AS label, coalesce(a.description, '') AS detail
FROM action a
WHERE a.id ILIKE $pattern ESCAPE '\' OR a.title ILIKE $pattern ESCAPE '\'
   OR a.description ILIKE $pattern ESCAPE '\'
UNION ALL
SELECT 'minute', i.action, coalesce(a.weakness, i.weakness), i.meeting,
       i.meeting || ' ' || strftime(m.date, '%d %b %Y') || ' ' || i.kind
           || coalesce(' ' || i.action, ' ' || i.weakness, ''),
       i.text
FROM minute_item i JOIN meeting m ON m.id = i.meeting LEFT JOIN action a ON a.id = i.action
WHERE i.text ILIKE $pattern ESCAPE '\' OR i.owner ILIKE $pattern ESCAPE '\'
ORDER BY kind, natural_key(action), action, meeting
LIMIT $limit
