-- Public snapshot: who recorded a rating is an individual's name. Ratings of a confidential
-- action arising that is left out are left out; under a neutral title, the rationale (about
-- confidential business) is not published. Free text is published by publication.py.
SELECT r.* REPLACE (
    'withheld' AS rated_by,
    CASE WHEN c.id IS NULL THEN r.rationale ELSE '[confidential]' END AS rationale)
FROM rag_rating r LEFT JOIN confidential_actions() c ON c.id = r.action
WHERE (c.id IS NULL OR c.public_title IS NOT NULL) AND r.id BETWEEN $first AND $last
ORDER BY r.id
