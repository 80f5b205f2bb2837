-- Tests only (tests/hostile.py): every free-text column of measure_value gets a string of the
-- hostile corpus $texts, a different one for each row and column.
UPDATE measure_value SET
    note = $texts[(r.n + 0) % len($texts) + 1]
FROM (SELECT measure, period_end, row_number() OVER (ORDER BY measure, period_end) AS n FROM measure_value) AS r
WHERE measure_value.measure = r.measure AND measure_value.period_end = r.period_end
