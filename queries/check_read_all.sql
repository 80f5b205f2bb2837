-- Every table of the pack, every column of every row read (a row hashed whole), for
-- 'boardtui check' and before any write: DuckDB checks each block's checksum as it reads it,
-- so a damaged block in any table's data fails here. The digest itself is not used.
-- Every table of the current schema is listed (tests/test_damaged_files.py holds it to that).
SELECT 'weakness' AS table_name, count(*) AS row_count, bit_xor(hash(t)) AS digest FROM weakness t
UNION ALL SELECT 'judgement', count(*), bit_xor(hash(t)) FROM judgement t
UNION ALL SELECT 'plan', count(*), bit_xor(hash(t)) FROM plan t
UNION ALL SELECT 'action', count(*), bit_xor(hash(t)) FROM action t
UNION ALL SELECT 'meeting', count(*), bit_xor(hash(t)) FROM meeting t
UNION ALL SELECT 'rag_rating', count(*), bit_xor(hash(t)) FROM rag_rating t
UNION ALL SELECT 'weakness_rating', count(*), bit_xor(hash(t)) FROM weakness_rating t
UNION ALL SELECT 'attendance', count(*), bit_xor(hash(t)) FROM attendance t
UNION ALL SELECT 'minute_item', count(*), bit_xor(hash(t)) FROM minute_item t
UNION ALL SELECT 'evidence', count(*), bit_xor(hash(t)) FROM evidence t
UNION ALL SELECT 'measure', count(*), bit_xor(hash(t)) FROM measure t
UNION ALL SELECT 'measure_value', count(*), bit_xor(hash(t)) FROM measure_value t
UNION ALL SELECT 'rag_definition', count(*), bit_xor(hash(t)) FROM rag_definition t
UNION ALL SELECT 'officer_update', count(*), bit_xor(hash(t)) FROM officer_update t
UNION ALL SELECT 'glossary', count(*), bit_xor(hash(t)) FROM glossary t
UNION ALL SELECT 'publication_decision', count(*), bit_xor(hash(t)) FROM publication_decision t
UNION ALL SELECT 'public_title', count(*), bit_xor(hash(t)) FROM public_title t
UNION ALL SELECT 'audit_log', count(*), bit_xor(hash(t)) FROM audit_log t
UNION ALL SELECT 'board', count(*), bit_xor(hash(t)) FROM board t
UNION ALL SELECT 'schema_version', count(*), bit_xor(hash(t)) FROM schema_version t
