-- Every row of audit_log, in a stable order, for a snapshot.
SELECT * FROM audit_log ORDER BY id
