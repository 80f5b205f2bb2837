-- Who to ask about at a meeting: this meeting's attendance, then anyone at the board meeting
-- before who is not yet recorded (present NULL; false: sent apologies).
WITH cur AS (SELECT prev_id FROM board_meetings() WHERE id = $meeting)
SELECT person, role, organisation, present
FROM attendance WHERE meeting = $meeting
UNION ALL
SELECT p.person, p.role, p.organisation, NULL
FROM attendance p CROSS JOIN cur
WHERE p.meeting = cur.prev_id
  AND p.person NOT IN (SELECT person FROM attendance WHERE meeting = $meeting)
ORDER BY 1
