-- What the command palette can go to: weaknesses, actions, board meetings.
SELECT 'weakness' AS kind, code AS target, code AS weakness, code || ' ' || short_name AS label,
       display_order AS ord
FROM weakness
UNION ALL
SELECT 'action', id, weakness, id || ' ' || title, 0 FROM action
UNION ALL
SELECT 'meeting', id, NULL, id || ' ' || strftime(date, '%d %b %Y') || ' ' || title, seq FROM board_meetings()
ORDER BY kind, ord, natural_key(target), target
