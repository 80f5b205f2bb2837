-- Everyone named as action lead or senior officer of an open action, with how many they lead and
-- how many they oversee: whose actions "my actions" can show.
SELECT min(person) AS person, count(*) FILTER (WHERE role = 'lead') AS leads,
       count(*) FILTER (WHERE role = 'senior') AS oversees
FROM (SELECT action_lead AS person, 'lead' AS role FROM action WHERE status = 'open'
      UNION ALL
      SELECT senior_officer, 'senior' FROM action WHERE status = 'open') p
WHERE person IS NOT NULL AND trim(person) <> ''
GROUP BY person_key(person)
ORDER BY person_key(min(person))
