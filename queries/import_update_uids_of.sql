-- The officers' updates already in the pack for the actions a tracker file names.
SELECT uid FROM officer_update WHERE list_contains($ids::VARCHAR[], action)
