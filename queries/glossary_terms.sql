-- The board's glossary, longest terms first (EHCP is found before EHC).
SELECT term, spelled_out, meaning FROM glossary ORDER BY length(term) DESC, term
