-- The pack's updates under these uids: whether an update in a return is one the pack holds (the
-- same author, action, time and words) or another update that happens to have its id.
SELECT uid, author, action, for_meeting, written_at, progress, source, state, conflicts
FROM officer_update
WHERE list_contains($uids::VARCHAR[], uid)
