-- Public snapshot: approved_at holds the id of the meeting that approved these minutes, so it
-- is written under a name that says so (a snapshot loads either name back). The title is
-- published by boardtui/store/publication.py.
SELECT * RENAME (approved_at AS approved_at_meeting) FROM meeting ORDER BY date, id
