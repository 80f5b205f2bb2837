-- Updates waiting for the secretary's decision (the returns screen): the meeting each reports
-- to, the action's title and weakness (NULL: the action is not in this pack) and its latest
-- BRAG beside the one proposed, what the merge found, and when the same officer's later update
-- for the same meeting replaced it (NULL: it stands).
WITH latest AS (SELECT id FROM board_meetings() ORDER BY seq DESC LIMIT 1)
SELECT u.uid, u.action, a.title, a.weakness, u.author, u.written_at, u.for_meeting,
       m.date AS meeting_date, u.progress, u.proposed_brag, r.brag AS current_brag, u.risks, u.impact,
       u.evidence, u.source, u.conflicts, u.replaced_on
FROM officer_updates() u
LEFT JOIN action a ON a.id = u.action
LEFT JOIN meeting m ON m.id = u.for_meeting
LEFT JOIN ratings_at((SELECT id FROM latest)) r ON r.action = u.action
WHERE u.state = 'submitted'
ORDER BY m.date NULLS LAST, natural_key(u.action), u.action, u.written_at, u.id
