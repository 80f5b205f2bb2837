-- Who attended a meeting and who sent apologies.
SELECT person, role, organisation, present FROM attendance WHERE meeting = $meeting
ORDER BY present DESC, organisation, role, person
