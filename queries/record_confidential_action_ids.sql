-- The actions arising from a minute item marked confidential (as the confidential_actions macro
-- finds them, for the Recorder's cursor, which has no macros).
SELECT a.id FROM action a
JOIN minute_item m ON a.id = 'BA-' || m.meeting || '.' || m.item_order
WHERE m.kind = 'action arising' AND m.confidential
