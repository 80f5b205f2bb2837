INSERT INTO audit_log (changed_at, who, table_name, row_key, field, old_value, new_value, why)
VALUES ($changed_at, $who, $table_name, $row_key, $field, $old_value, $new_value, $why)
