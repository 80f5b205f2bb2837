-- Public snapshot: every row (its free text is published by boardtui/store/publication.py).
SELECT * FROM rag_definition ORDER BY sort_order
