-- The plans whose codes begin action ids (APP-09.3), for the report's key.
SELECT code, title FROM plan ORDER BY natural_key(code), code
