-- Every row of plan, in a stable order, for a snapshot.
SELECT * FROM plan ORDER BY code
