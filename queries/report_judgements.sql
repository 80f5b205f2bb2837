-- Every judgement made by a meeting's date, oldest first: each weakness's own, and those about
-- the whole area (weakness NULL), which every section shows.
SELECT weakness, date, body, outcome, source, note, weakness IS NULL AS whole_area
FROM judgement
WHERE date <= $as_of
ORDER BY date, id
