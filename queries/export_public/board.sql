-- Public snapshot: every row (its free text is published by boardtui/store/publication.py).
SELECT * FROM board ORDER BY id
