-- The updates written in this pack by one officer that have not left it in a return yet
-- (with $all, those already sent too), oldest first.
SELECT * FROM officer_update
WHERE source = 'written here' AND author = $author AND ($all OR sent_at IS NULL)
ORDER BY written_at, id
