INSERT INTO schema_version (version, applied_at, app_version)
VALUES ($version, current_localtimestamp(), $app_version)
