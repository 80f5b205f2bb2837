-- Texts of the public update with every name the pattern finds withheld, and how many were:
-- the same RE2 pattern and replacement as the public snapshot's queries (export_public/).
SELECT list_transform($texts::VARCHAR[],
                      lambda t: regexp_replace(t, $names_pattern, '[name withheld]', 'g')) AS texts,
       coalesce(list_sum(list_transform($texts::VARCHAR[],
                      lambda t: len(regexp_extract_all(t, $names_pattern)))), 0) AS withheld
