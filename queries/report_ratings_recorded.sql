-- How many ratings were recorded at a meeting itself.
SELECT count(*) AS ratings FROM rag_rating WHERE meeting = $meeting
