-- Actions by BRAG as at a board meeting ('-' for not yet rated).
SELECT coalesce(brag, '-') AS brag, count(*) AS actions FROM action_as_at($meeting) GROUP BY ALL
