-- Every row of public_title, in a stable order, for a (full) snapshot.
SELECT * FROM public_title ORDER BY action
