-- One meeting an update may report to (the officer names it by id).
SELECT id, date, kind, minutes_status FROM meeting WHERE id = $id
