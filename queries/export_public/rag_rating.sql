-- Public snapshot: who recorded a rating is an individual's name.
SELECT * REPLACE ('withheld' AS rated_by) FROM rag_rating ORDER BY id
