SELECT brag, label, meaning FROM rag_definition ORDER BY sort_order
