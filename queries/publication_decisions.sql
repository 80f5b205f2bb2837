-- Every decision of the publication review, with who made it and when.
SELECT candidate, words, kind, decision, context, decided_by, decided_at
FROM publication_decision ORDER BY candidate
