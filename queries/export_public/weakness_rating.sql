-- Public snapshot: who recorded a rating is an individual's name; names the pack knows are
-- withheld from the rationale (the pattern is bound).
SELECT * REPLACE (
    'withheld' AS rated_by,
    regexp_replace(rationale, $names_pattern, '[name withheld]', 'g') AS rationale)
FROM weakness_rating ORDER BY id
