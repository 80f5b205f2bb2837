-- Every row of measure_value, in a stable order, for a snapshot.
SELECT * FROM measure_value ORDER BY measure, period_end
