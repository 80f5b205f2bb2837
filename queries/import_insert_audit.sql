-- An import's audit rows, all at once and in order, from the planned rows (new_audit).
INSERT INTO audit_log (changed_at, who, table_name, row_key, field, old_value, new_value, why)
SELECT changed_at, who, table_name, row_key, field, old_value, new_value, why FROM new_audit
