SELECT value FROM measure_value WHERE measure = $measure AND period_end = $period_end
