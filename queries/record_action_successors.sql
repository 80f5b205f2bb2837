-- The actions that carry an action's work forward (carried_forward_from names it).
SELECT id FROM action WHERE carried_forward_from = $id ORDER BY id
