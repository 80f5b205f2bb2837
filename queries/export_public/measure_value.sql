-- Public snapshot: names the pack knows are withheld from free text (the pattern is bound).
SELECT * REPLACE (
    regexp_replace(note, $names_pattern, '[name withheld]', 'g') AS note)
FROM measure_value ORDER BY measure, period_end
