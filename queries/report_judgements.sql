-- The judgements made by a meeting's date about the weaknesses in $codes (a page of the meeting
-- pack's sections), and those about the whole area (weakness NULL), which every section shows;
-- oldest first.
SELECT weakness, date, body, outcome, source, note, weakness IS NULL AS whole_area
FROM judgement
WHERE date <= $as_of AND (weakness IS NULL OR list_contains($codes::VARCHAR[], weakness))
ORDER BY date, id
