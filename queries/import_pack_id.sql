-- The pack's own id: an imported update's uid is made from it, so the same update is the same
-- row however often the file is imported.
SELECT coalesce(pack_id, '') FROM board WHERE id = 1
