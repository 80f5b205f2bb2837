-- Schema version 1: a board's whole meeting pack.
-- Codes and ids are the stable ones people say aloud (W09, APP-09.3).

CREATE TABLE board (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name VARCHAR NOT NULL,
    area VARCHAR NOT NULL,
    illustrative BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE weakness (
    code VARCHAR PRIMARY KEY CHECK (length(trim(code)) > 0),
    title VARCHAR NOT NULL,
    short_name VARCHAR NOT NULL,
    theme VARCHAR NOT NULL,
    display_order INTEGER NOT NULL UNIQUE
);

CREATE SEQUENCE judgement_id START 1;
CREATE TABLE judgement (
    id INTEGER PRIMARY KEY DEFAULT nextval('judgement_id'),
    weakness VARCHAR REFERENCES weakness (code),  -- NULL: about the whole area
    date DATE NOT NULL,
    body VARCHAR NOT NULL CHECK (body IN (
        'Ofsted/CQC inspection', 'Ofsted/CQC revisit', 'DfE/NHS England review')),
    outcome VARCHAR NOT NULL CHECK (outcome IN (
        'significant weakness', 'written statement accepted', 'not sufficient',
        'sufficient', 'remains under monitoring', 'left formal monitoring',
        'middle of three outcomes')),
    source VARCHAR NOT NULL,
    note VARCHAR
);

CREATE TABLE plan (
    code VARCHAR PRIMARY KEY,
    title VARCHAR NOT NULL,
    published DATE,
    description VARCHAR
);

CREATE TABLE action (
    id VARCHAR PRIMARY KEY CHECK (length(trim(id)) > 0),
    weakness VARCHAR NOT NULL REFERENCES weakness (code),
    plan VARCHAR NOT NULL REFERENCES plan (code),
    title VARCHAR NOT NULL,
    description VARCHAR,
    success_criteria VARCHAR,
    action_lead VARCHAR NOT NULL,
    senior_officer VARCHAR NOT NULL,
    lead_org VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    target_date DATE NOT NULL,
    revised_target_date DATE,  -- the original target_date is never overwritten
    target_revised_on DATE,  -- when the revision was agreed: earlier meetings saw the original
    status VARCHAR NOT NULL CHECK (status IN ('open', 'complete', 'carried forward', 'withdrawn')),
    closed_date DATE,
    carried_forward_from VARCHAR REFERENCES action (id),
    illustrative BOOLEAN NOT NULL DEFAULT false,
    CHECK ((status = 'open') = (closed_date IS NULL)),
    CHECK ((revised_target_date IS NULL) = (target_revised_on IS NULL))
);

CREATE TABLE meeting (
    id VARCHAR PRIMARY KEY,
    date DATE NOT NULL,
    kind VARCHAR NOT NULL CHECK (kind IN ('board', 'review', 'inspection')),
    title VARCHAR NOT NULL,
    minutes_status VARCHAR NOT NULL CHECK (minutes_status IN ('draft', 'approved')),
    approved_at VARCHAR  -- the meeting that approved these minutes (no FK: DuckDB cannot update an FK column of a referenced row; check validates it)
);

CREATE SEQUENCE rag_rating_id START 1;
-- History: a new rating is a new row; rows are never updated.
CREATE TABLE rag_rating (
    id INTEGER PRIMARY KEY DEFAULT nextval('rag_rating_id'),
    action VARCHAR NOT NULL REFERENCES action (id),
    meeting VARCHAR NOT NULL REFERENCES meeting (id),
    brag VARCHAR NOT NULL CHECK (brag IN ('B', 'R', 'A', 'G')),
    rationale VARCHAR NOT NULL CHECK (length(trim(rationale)) > 0),
    rated_by VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE weakness_rating_id START 1;
-- The board's own overall rating of a weakness at a meeting, when it gives one.
CREATE TABLE weakness_rating (
    id INTEGER PRIMARY KEY DEFAULT nextval('weakness_rating_id'),
    weakness VARCHAR NOT NULL REFERENCES weakness (code),
    meeting VARCHAR NOT NULL REFERENCES meeting (id),
    brag VARCHAR NOT NULL CHECK (brag IN ('B', 'R', 'A', 'G')),
    rationale VARCHAR NOT NULL CHECK (length(trim(rationale)) > 0),
    rated_by VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);

CREATE TABLE attendance (
    meeting VARCHAR NOT NULL REFERENCES meeting (id),
    person VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    organisation VARCHAR NOT NULL,
    present BOOLEAN NOT NULL,  -- false: sent apologies
    PRIMARY KEY (meeting, person)
);

CREATE SEQUENCE minute_item_id START 1;
CREATE TABLE minute_item (
    id INTEGER PRIMARY KEY DEFAULT nextval('minute_item_id'),
    meeting VARCHAR NOT NULL REFERENCES meeting (id),
    item_order INTEGER NOT NULL,
    kind VARCHAR NOT NULL CHECK (kind IN ('note', 'decision', 'action arising')),
    weakness VARCHAR REFERENCES weakness (code),
    action VARCHAR REFERENCES action (id),
    text VARCHAR NOT NULL CHECK (length(trim(text)) > 0),
    owner VARCHAR,
    due_date DATE,
    confidential BOOLEAN NOT NULL DEFAULT false,
    UNIQUE (meeting, item_order),
    CHECK (kind <> 'action arising' OR (owner IS NOT NULL AND due_date IS NOT NULL))
);

CREATE SEQUENCE evidence_id START 1;
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY DEFAULT nextval('evidence_id'),
    action VARCHAR NOT NULL REFERENCES action (id),
    date DATE NOT NULL,
    description VARCHAR NOT NULL,
    reference VARCHAR
);

CREATE TABLE measure (
    code VARCHAR PRIMARY KEY,
    weakness VARCHAR NOT NULL REFERENCES weakness (code),
    name VARCHAR NOT NULL,
    unit VARCHAR NOT NULL,
    lower_is_better BOOLEAN NOT NULL,
    description VARCHAR
);

CREATE TABLE measure_value (
    measure VARCHAR NOT NULL REFERENCES measure (code),
    period_end DATE NOT NULL,
    value DOUBLE NOT NULL,
    note VARCHAR,
    PRIMARY KEY (measure, period_end)
);

CREATE TABLE rag_definition (
    brag VARCHAR PRIMARY KEY CHECK (brag IN ('B', 'R', 'A', 'G')),
    label VARCHAR NOT NULL,
    meaning VARCHAR NOT NULL,
    sort_order INTEGER NOT NULL UNIQUE
);

CREATE SEQUENCE audit_log_id START 1;
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY DEFAULT nextval('audit_log_id'),
    changed_at TIMESTAMP NOT NULL,
    who VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    row_key VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    old_value VARCHAR,
    new_value VARCHAR,
    why VARCHAR NOT NULL
);
