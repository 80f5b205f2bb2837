-- Schema version 2: the pack's own identity, where a rating came from, officers' updates and a glossary.

-- A pack and every snapshot and return made from it carry this id: a return written against
-- another board's pack is refused by it. Set once, when the pack is made or first migrated.
ALTER TABLE board ADD COLUMN pack_id VARCHAR DEFAULT (gen_random_uuid()::VARCHAR);

-- Where a rating came from: NULL when recorded in the app; 'import <file>' from a tracker.
ALTER TABLE rag_rating ADD COLUMN source VARCHAR;

CREATE SEQUENCE officer_update_id START 1;
-- An officer's progress update on an action, for a board meeting: its own record (not a
-- rating), kept and never overwritten. Nothing in the board's record changes until the
-- secretary accepts it. No foreign keys on action and meeting: a return may name an action
-- this pack does not have, and that is shown to the secretary as a conflict, not dropped.
CREATE TABLE officer_update (
    id INTEGER PRIMARY KEY DEFAULT nextval('officer_update_id'),
    uid VARCHAR NOT NULL UNIQUE,  -- the same update in every pack and return it travels through
    action VARCHAR NOT NULL,
    for_meeting VARCHAR,  -- the board meeting it reports to
    author VARCHAR NOT NULL,
    written_at TIMESTAMP NOT NULL,
    progress VARCHAR NOT NULL CHECK (length(trim(progress)) > 0),
    proposed_brag VARCHAR CHECK (proposed_brag IN ('B', 'R', 'A', 'G')),
    risks VARCHAR,  -- risks or issues, with their mitigation
    impact VARCHAR,  -- the impact seen for children and families
    evidence VARCHAR,  -- evidence references
    source VARCHAR NOT NULL,  -- 'written here', 'return <file>' or 'import <file>'
    base VARCHAR,  -- JSON: the pack or snapshot it was written on, and the action as it stood there
    conflicts VARCHAR,  -- what the merge found changed since that base, in words; NULL: nothing
    state VARCHAR NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted', 'accepted', 'declined')),
    decided_by VARCHAR,
    decided_at TIMESTAMP,
    decision_reason VARCHAR,
    sent_at TIMESTAMP,  -- when it left this pack in a return (NULL: not sent yet)
    CHECK ((state = 'submitted') = (decided_at IS NULL))
);

-- The board's own glossary: what its acronyms stand for, so the public update can spell each
-- out on first use (SENAR, ICB, EHC, …). Words, not code: each board loads its own.
CREATE TABLE glossary (
    term VARCHAR PRIMARY KEY CHECK (length(trim(term)) > 0),
    spelled_out VARCHAR NOT NULL,  -- what the letters stand for
    meaning VARCHAR  -- a plain-English line for families, when the spelling out is not enough
);
