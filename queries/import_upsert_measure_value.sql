INSERT INTO measure_value (measure, period_end, value) VALUES ($measure, $period_end, $value)
ON CONFLICT (measure, period_end) DO UPDATE SET value = excluded.value
