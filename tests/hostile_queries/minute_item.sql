-- Tests only (tests/hostile.py): every free-text column of minute_item gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE minute_item SET
    text = $texts[(r.n + 0) % len($texts) + 1],
    owner = $texts[(r.n + 1) % len($texts) + 1]
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM minute_item) AS r
WHERE minute_item.id = r.id
