-- Actions by BRAG as at a board meeting ('-' for not yet rated); $public leaves out the
-- confidential actions arising that have no neutral title (they are in no public output).
SELECT coalesce(brag, '-') AS brag, count(*) AS actions FROM action_as_at($meeting)
WHERE NOT $public OR id NOT IN (SELECT id FROM confidential_actions() WHERE public_title IS NULL)
GROUP BY ALL
