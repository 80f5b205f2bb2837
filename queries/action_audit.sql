SELECT changed_at, who, table_name, field, old_value, new_value, why
FROM audit_log
WHERE row_key = $id
ORDER BY changed_at DESC, id DESC
