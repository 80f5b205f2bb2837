-- Officers' progress updates from a tracker file, all at once and in file order, from the
-- planned rows (new_updates). They land as submitted: the board's record does not change.
INSERT INTO officer_update (uid, action, for_meeting, author, written_at, progress, proposed_brag,
                            risks, impact, evidence, source, state)
SELECT uid, action, for_meeting, author, written_at, progress, proposed_brag,
       risks, impact, evidence, source, 'submitted'
FROM new_updates
