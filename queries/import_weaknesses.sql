-- The weaknesses a tracker may name, by code, short name or title.
SELECT code, short_name, title FROM weakness ORDER BY display_order
