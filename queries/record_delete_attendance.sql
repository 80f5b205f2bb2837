DELETE FROM attendance WHERE meeting = $meeting AND person = $person
