-- What a snapshot said to be public holds that a public export leaves out (see
-- queries/export_public/): (what, how many), loaded into memory with the snapshot.
SELECT 'confidential minute items' AS what, count(*) AS how_many FROM minute_item WHERE confidential
UNION ALL SELECT 'audit log entries', count(*) FROM audit_log
UNION ALL SELECT 'names of action leads or senior officers', count(*) FROM action
    WHERE action_lead <> 'withheld' OR senior_officer <> 'withheld'
UNION ALL SELECT 'names of who recorded ratings',
    (SELECT count(*) FROM rag_rating WHERE rated_by <> 'withheld')
    + (SELECT count(*) FROM weakness_rating WHERE rated_by <> 'withheld')
UNION ALL SELECT 'names of minute item owners', count(*) FROM minute_item WHERE owner <> 'withheld'
UNION ALL SELECT 'names of people at meetings', count(*) FROM attendance
    WHERE person <> role AND NOT starts_with(person, role || ' ')
UNION ALL SELECT 'names of officers who wrote or decided updates', count(*) FROM officer_update
    WHERE author <> 'withheld' OR decided_by <> 'withheld'
