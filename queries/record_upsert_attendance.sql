INSERT OR REPLACE INTO attendance (meeting, person, role, organisation, present)
VALUES ($meeting, $person, $role, $organisation, $present)
