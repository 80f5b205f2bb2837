-- Public snapshot: the rows of one table as published (its free text through
-- boardtui/store/publication.py), registered from Arrow as published_rows.
SELECT * FROM published_rows
