-- Record (or change) a decision of the publication review.
INSERT OR REPLACE INTO publication_decision (candidate, words, kind, decision, context, decided_by, decided_at)
VALUES ($candidate, $words, $kind, $decision, $context, $decided_by, $decided_at)
