-- Every officer's update on one action, in every state, newest first (the action detail), with
-- when the same officer's later update for the same meeting replaced it (NULL: it stands).
SELECT uid, action, for_meeting, author, written_at, progress, proposed_brag, risks, impact, evidence,
       source, conflicts, state, decided_by, decided_at, decision_reason, sent_at, replaced_on
FROM officer_updates()
WHERE action = $action
ORDER BY written_at DESC, id DESC
