-- Schema version 3: the secretary's decisions on what a public output may say.

-- A publication review decision: words that look like a person's or a school's name (a
-- candidate), found in text a public output would carry, withheld or kept. Decided once for
-- the pack, so the next public update does not ask again. The words themselves are personal
-- data: the table goes into a full snapshot, never a public one.
CREATE TABLE publication_decision (
    candidate VARCHAR PRIMARY KEY CHECK (length(trim(candidate)) > 0),  -- the words folded: lower case, no accents
    words VARCHAR NOT NULL,  -- as they were found
    kind VARCHAR NOT NULL CHECK (kind IN ('person', 'school', 'name')),
    decision VARCHAR NOT NULL CHECK (decision IN ('withhold', 'keep')),
    context VARCHAR,  -- where they were found when decided
    decided_by VARCHAR NOT NULL,
    decided_at TIMESTAMP NOT NULL
);

-- A neutral title the secretary chose for an action arising from a confidential minute item, so
-- the public outputs can show the action without the minute's words. Without one, such an
-- action is left out of every public output. No foreign key: undoing an action arising deletes
-- the action.
CREATE TABLE public_title (
    action VARCHAR PRIMARY KEY,
    title VARCHAR NOT NULL CHECK (length(trim(title)) > 0),
    decided_by VARCHAR NOT NULL,
    decided_at TIMESTAMP NOT NULL
);
