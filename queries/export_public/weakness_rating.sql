-- Public snapshot: who recorded a rating is an individual's name (the rationale is published by
-- boardtui/store/publication.py).
SELECT * REPLACE ('withheld' AS rated_by) FROM weakness_rating ORDER BY id
