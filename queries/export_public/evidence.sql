-- Public snapshot: evidence, but none on a confidential action arising (its free text is
-- published by boardtui/store/publication.py).
SELECT * FROM evidence WHERE action NOT IN (SELECT id FROM confidential_actions()) ORDER BY id
