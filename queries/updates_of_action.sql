-- Every officer's update on one action, in every state, newest first (the action detail).
SELECT uid, action, for_meeting, author, written_at, progress, proposed_brag, risks, impact, evidence,
       source, conflicts, state, decided_by, decided_at, decision_reason, sent_at
FROM officer_update
WHERE action = $action
ORDER BY written_at DESC, id DESC
