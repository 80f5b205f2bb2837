-- Public snapshot: no individual's name (the lead organisation stays). An action arising from a
-- confidential minute item is left out, or shown under the neutral title the secretary chose,
-- with nothing else from the minute; an action carried from one left out no longer names it.
-- Free text is published by boardtui/store/publication.py after this query.
SELECT a.* REPLACE (
    'withheld' AS action_lead, 'withheld' AS senior_officer,
    coalesce(c.public_title, a.title) AS title,
    CASE WHEN c.id IS NULL THEN a.description END AS description,
    CASE WHEN c.id IS NULL THEN a.success_criteria END AS success_criteria,
    CASE WHEN a.carried_forward_from IN (SELECT id FROM confidential_actions() WHERE public_title IS NULL)
         THEN NULL ELSE a.carried_forward_from END AS carried_forward_from)
FROM action a LEFT JOIN confidential_actions() c ON c.id = a.id
WHERE c.id IS NULL OR c.public_title IS NOT NULL
ORDER BY natural_key(a.id), a.id
