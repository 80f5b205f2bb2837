-- Views, macros and triggers stored in the pack. A board pack has none (boardtui's macros are
-- temporary, made on each cursor), so any found here came from somewhere else: a crafted file
-- could shadow a function boardtui's queries call, change rows as boardtui writes them, or try to
-- reach a file or URL.
SELECT 'view' AS kind, view_name AS name
FROM duckdb_views()
WHERE database_name = current_database() AND NOT internal AND NOT temporary
UNION ALL
SELECT 'trigger', trigger_name
FROM duckdb_triggers()
WHERE database_name = current_database() AND NOT temporary
UNION ALL
SELECT function_type, function_name
FROM duckdb_functions()
WHERE database_name = current_database() AND NOT internal AND function_type IN ('macro', 'table_macro')
ORDER BY 1, 2
