-- Every person the pack knows by name, for withholding from the free text of public outputs:
-- action leads, senior officers, whoever rated, owners of minute items, attendees, the audit
-- log's users and officers who wrote or decided updates. A public snapshot already holds
-- 'withheld' and, for attendees, their roles ('Independent Chair', 'Head of Service 2'):
-- neither is a name.
SELECT DISTINCT trim(name) AS name
FROM (
    SELECT action_lead AS name FROM action
    UNION ALL SELECT senior_officer FROM action
    UNION ALL SELECT rated_by FROM rag_rating
    UNION ALL SELECT rated_by FROM weakness_rating
    UNION ALL SELECT owner FROM minute_item
    UNION ALL SELECT person FROM attendance
        WHERE person <> role AND NOT regexp_full_match(person, regexp_escape(role) || ' [0-9]+')
    UNION ALL SELECT who FROM audit_log
    UNION ALL SELECT author FROM officer_update
    UNION ALL SELECT decided_by FROM officer_update
)
WHERE name IS NOT NULL AND trim(name) NOT IN ('', 'withheld')
ORDER BY name
