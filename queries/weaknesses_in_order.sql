SELECT code, short_name FROM weakness ORDER BY display_order
