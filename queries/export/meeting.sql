-- Every row of meeting, in a stable order, for a snapshot.
SELECT * FROM meeting ORDER BY date, id
