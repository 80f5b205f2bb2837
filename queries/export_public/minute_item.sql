-- Public snapshot: no confidential item and no owner's name; an item about a confidential
-- action arising that is left out no longer names it. The text is published by publication.py.
SELECT * REPLACE (
    CASE WHEN owner IS NOT NULL THEN 'withheld' END AS owner,
    CASE WHEN action IN (SELECT id FROM confidential_actions() WHERE public_title IS NULL)
         THEN NULL ELSE action END AS action)
FROM minute_item WHERE NOT confidential ORDER BY meeting, item_order
