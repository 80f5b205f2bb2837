-- One decision of the publication review, by its candidate (the words folded).
SELECT candidate, words, kind, decision, context, decided_by, decided_at
FROM publication_decision WHERE candidate = $candidate
