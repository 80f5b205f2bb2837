-- Codes an import may refer to.
SELECT 'weakness' AS kind, code FROM weakness
UNION ALL SELECT 'plan', code FROM plan
UNION ALL SELECT 'measure', code FROM measure
UNION ALL SELECT 'action', id FROM action
