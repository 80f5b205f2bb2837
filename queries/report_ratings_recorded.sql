-- How many ratings were recorded at a meeting itself; $public leaves out those on confidential
-- actions arising that have no neutral title.
SELECT count(*) AS ratings FROM rag_rating WHERE meeting = $meeting
    AND (NOT $public OR action NOT IN (SELECT id FROM confidential_actions() WHERE public_title IS NULL))
