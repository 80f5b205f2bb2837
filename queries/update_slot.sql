-- Every update on one action for one board meeting (none named counts as the same "next
-- meeting"), still to be decided or accepted: two people reporting on one action.
SELECT uid, author, state, written_at, source, conflicts, action, for_meeting
FROM officer_update
WHERE action = $action
  AND for_meeting IS NOT DISTINCT FROM $for_meeting
  AND state IN ('submitted', 'accepted')
ORDER BY written_at, id
