-- Which of these update uids the pack already holds: a return imported twice adds nothing.
SELECT uid FROM officer_update WHERE list_contains($uids::VARCHAR[], uid)
