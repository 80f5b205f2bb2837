-- Public snapshot: every row (its free text is published by boardtui/store/publication.py).
SELECT * FROM plan ORDER BY code
