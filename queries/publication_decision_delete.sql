-- Take back a decision of the publication review (undo of a first decision).
DELETE FROM publication_decision WHERE candidate = $candidate
