SELECT changed_at, who, table_name, field, old_value, new_value, why
FROM audit_log
-- The action's own rows, and its ratings' (keyed ACTION@MEETING).
WHERE row_key = $id OR starts_with(row_key, $id || '@')
ORDER BY changed_at DESC, id DESC
