-- Every weakness's full title, for the meeting pack's sections (one read, not one per weakness).
SELECT code, title FROM weakness
