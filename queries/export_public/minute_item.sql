-- Public snapshot: no confidential item, no owner's name, and names the pack knows withheld
-- from the text (the pattern is bound).
SELECT * REPLACE (
    CASE WHEN owner IS NOT NULL THEN 'withheld' END AS owner,
    regexp_replace(text, $names_pattern, '[name withheld]', 'g') AS text)
FROM minute_item WHERE NOT confidential ORDER BY meeting, item_order
