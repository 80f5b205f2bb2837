-- Blocks of the pack's file that DuckDB counts free (the OS may have given them back as zeros).
SELECT free_blocks FROM pragma_database_size() WHERE database_name = current_database()
