-- Rows in each table of the pack, for 'boardtui check'.
SELECT 'weakness' AS table_name, count(*) AS row_count FROM weakness
UNION ALL SELECT 'judgement', count(*) FROM judgement
UNION ALL SELECT 'plan', count(*) FROM plan
UNION ALL SELECT 'action', count(*) FROM action
UNION ALL SELECT 'meeting', count(*) FROM meeting
UNION ALL SELECT 'rag_rating', count(*) FROM rag_rating
UNION ALL SELECT 'weakness_rating', count(*) FROM weakness_rating
UNION ALL SELECT 'attendance', count(*) FROM attendance
UNION ALL SELECT 'minute_item', count(*) FROM minute_item
UNION ALL SELECT 'evidence', count(*) FROM evidence
UNION ALL SELECT 'measure', count(*) FROM measure
UNION ALL SELECT 'measure_value', count(*) FROM measure_value
UNION ALL SELECT 'rag_definition', count(*) FROM rag_definition
UNION ALL SELECT 'officer_update', count(*) FROM officer_update
UNION ALL SELECT 'glossary', count(*) FROM glossary
UNION ALL SELECT 'audit_log', count(*) FROM audit_log
