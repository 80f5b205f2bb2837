-- Officers' updates reported to a board meeting, in the given states, on one weakness's actions
-- ($weakness NULL: every weakness), with each action's BRAG as at that meeting beside the one
-- proposed. An update reports to a meeting when it names it, or when it names none ("the next
-- meeting") and was written after the board meeting before and by this one's day. The agenda
-- asks for submitted and accepted ones; the meeting pack's "Progress since last report" for
-- accepted ones. Of one officer's updates on one action for the meeting, the latest (of those
-- states) stands for them: it replaces the earlier ones, which stay in the history
-- (``replaces`` counts them).
WITH cur AS (SELECT id, date, prev_date FROM board_meetings() WHERE id = $meeting)
SELECT u.uid, u.action, a.title, a.weakness, u.author, u.written_at, u.for_meeting, u.progress,
       u.proposed_brag, r.brag AS current_brag, u.risks, u.impact, u.evidence, u.state, u.source,
       u.conflicts, u.decided_by, u.decided_at, u.decision_reason,
       count(*) OVER (PARTITION BY u.action, u.author) - 1 AS replaces
FROM officer_update u
JOIN action a ON a.id = u.action
CROSS JOIN cur
LEFT JOIN ratings_at($meeting, CASE WHEN $weakness IS NULL THEN NULL ELSE [$weakness] END) r
    ON r.action = u.action
WHERE list_contains($states::VARCHAR[], u.state)
  AND ($weakness IS NULL OR a.weakness = $weakness)
  AND (u.for_meeting = cur.id
       OR (u.for_meeting IS NULL AND u.written_at::DATE > cur.prev_date AND u.written_at::DATE <= cur.date))
QUALIFY row_number() OVER (PARTITION BY u.action, u.author ORDER BY u.written_at DESC, u.id DESC) = 1
ORDER BY natural_key(u.action), u.action, u.written_at, u.id
