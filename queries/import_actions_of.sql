-- The actions a tracker file names (one read for the whole file).
SELECT * FROM action WHERE list_contains($ids::VARCHAR[], id)
