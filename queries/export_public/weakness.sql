-- Public snapshot: every row (its free text is published by boardtui/store/publication.py).
SELECT * FROM weakness ORDER BY display_order
