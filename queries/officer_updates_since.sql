-- Officers' updates written since a day (the last board meeting's), or reporting to the next
-- board meeting, newest first: what each action has had since the last meeting.
SELECT uid, action, author, written_at, for_meeting, state, source, sent_at, progress, replaced_on
FROM officer_updates()
WHERE written_at::DATE > $since OR reports_to = $next
ORDER BY written_at DESC, id DESC
