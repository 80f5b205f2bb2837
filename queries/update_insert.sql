-- One officer's update, as written here or brought in from a return.
INSERT INTO officer_update (uid, action, for_meeting, author, written_at, progress, proposed_brag,
                            risks, impact, evidence, source, base, conflicts, state)
VALUES ($uid, $action, $for_meeting, $author, $written_at, $progress, $proposed_brag,
        $risks, $impact, $evidence, $source, $base, $conflicts, 'submitted')
