-- The board's own words for each rating ('Green - on track'): a tracker may write them.
SELECT brag, label FROM rag_definition
