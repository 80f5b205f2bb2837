-- Public snapshot: names the pack knows are withheld from free text (the pattern is bound);
-- approved_at holds the id of the meeting that approved these minutes, so it is written under
-- a name that says so (a snapshot loads either name back).
SELECT * REPLACE (regexp_replace(title, $names_pattern, '[name withheld]', 'g') AS title)
         RENAME (approved_at AS approved_at_meeting)
FROM meeting ORDER BY date, id
