-- How many '[name withheld]' marks the rows of a public snapshot's query hold, in every column,
-- with a pattern that matches nothing bound: the marks already typed in the pack. Less than
-- the marks in the file written (export_marks_written), it is how many names the query
-- withheld, with no list of its columns to keep in step. The query's text goes where the
-- placeholder in braces is, as in export_copy.sql.
SELECT coalesce(sum(len(string_split(COLUMNS(*)::VARCHAR, '[name withheld]')) - 1), 0)
FROM ({query})
