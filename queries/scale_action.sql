-- Actions in two waves: a carried-forward action refers to its predecessor, loaded first.
INSERT INTO action BY NAME
SELECT src.* REPLACE (printf('A%04d-%s', k, id) AS id, printf('A%04d-%s', k, weakness) AS weakness,
                  CASE WHEN carried_forward_from IS NOT NULL THEN printf('A%04d-%s', k, carried_forward_from) END
                      AS carried_forward_from)
FROM action src, range(2, $areas + 1) t(k)
WHERE id NOT LIKE 'A____-%' AND (carried_forward_from IS NULL) = $first_wave
