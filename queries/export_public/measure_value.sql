-- Public snapshot: every row (its free text is published by boardtui/store/publication.py).
SELECT * FROM measure_value ORDER BY measure, period_end
