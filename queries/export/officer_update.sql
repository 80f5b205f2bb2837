-- Every row of officer_update, in a stable order, for a snapshot.
SELECT * FROM officer_update ORDER BY id
