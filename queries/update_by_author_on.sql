-- One officer's own updates on an action in this pack, newest first.
SELECT * FROM officer_update
WHERE action = $action AND author = $author
ORDER BY written_at DESC, id DESC
