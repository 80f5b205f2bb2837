-- What Ctrl+P can go to for what was typed: weaknesses, actions and board meetings whose label
-- (id, then name or title; a meeting's date) holds every word typed, case-insensitive. An id
-- typed whole comes first, then ids it starts, then ids holding it, then words found elsewhere.
-- With no words ($discover): the board meetings, then the weaknesses, no actions. One character
-- typed looks at weaknesses and meetings only: it matches nearly every action, and ordering a
-- national pack's 102,000 took 300 ms for a list nobody reads (the next character narrows it).
-- contains() on lower(), not LIKE: what was typed is matched as typed, wildcards and all. Each
-- label is lowered once, and its first word looked for before the rest: at 1,000 areas three
-- words took 44 ms with every word looked for in a label lowered for each, 24 ms so.
WITH item AS (
    SELECT 'weakness' AS kind, code AS target, code AS weakness, code || ' ' || short_name AS label,
           display_order AS ord, 1 AS kind_order
    FROM weakness
    UNION ALL
    SELECT 'action', id, weakness, id || ' ' || title, 0, 2 FROM action WHERE NOT $discover AND length($whole) > 1
    UNION ALL
    SELECT 'meeting', id, NULL, id || ' ' || strftime(date, '%d %b %Y') || ' ' || title, seq,
           CASE WHEN $discover THEN 0 ELSE 3 END
    FROM board_meetings()
)
SELECT kind, target, weakness, label
FROM (SELECT *, lower(label) AS low FROM item)
WHERE len($words) = 0 OR (contains(low, $words[1]) AND list_bool_and(list_transform($words, lambda w: contains(low, w))))
ORDER BY CASE WHEN lower(target) = $whole THEN 0
              WHEN starts_with(lower(target), $whole) THEN 1
              WHEN contains(lower(target), $whole) THEN 2
              ELSE 3 END,
         kind_order, ord, natural_key(target), target
LIMIT $limit
