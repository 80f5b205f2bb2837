-- The pack's own words, which the publication review never takes for a name: its weaknesses,
-- plans, organisations and roles, glossary, BRAG labels, measures, and the board itself.
SELECT short_name AS text FROM weakness
UNION ALL SELECT title FROM weakness
UNION ALL SELECT theme FROM weakness
UNION ALL SELECT code FROM plan
UNION ALL SELECT title FROM plan
UNION ALL SELECT DISTINCT lead_org FROM action
UNION ALL SELECT DISTINCT organisation FROM attendance
UNION ALL SELECT DISTINCT role FROM attendance
UNION ALL SELECT term FROM glossary
UNION ALL SELECT spelled_out FROM glossary
UNION ALL SELECT label FROM rag_definition
UNION ALL SELECT name FROM measure
UNION ALL SELECT name FROM board
UNION ALL SELECT area FROM board
