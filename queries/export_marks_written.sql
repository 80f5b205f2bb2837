-- How many '[name withheld]' marks a Parquet file of a public snapshot holds, in every column.
SELECT coalesce(sum(len(string_split(COLUMNS(*)::VARCHAR, '[name withheld]')) - 1), 0)
FROM read_parquet($path)
