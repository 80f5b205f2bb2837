SELECT id FROM meeting
