-- Judgements about one weakness and about the whole area, oldest first.
SELECT date, body, outcome, source, note, weakness IS NULL AS whole_area
FROM judgement
WHERE weakness = $code OR weakness IS NULL
ORDER BY date, id
