-- The secretary's decision on an update (and undo's way back to submitted, with NULLs).
UPDATE officer_update
SET state = $state, decided_by = $decided_by, decided_at = $decided_at, decision_reason = $decision_reason
WHERE uid = $uid
