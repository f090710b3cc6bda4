-- Waymark project file, schema 1. Tables mirror the model's records (src/model.rs).
-- Foreign keys are deferred so one change may remove a parent and its children in any order;
-- they are checked when the change commits.

CREATE TABLE project (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    id        TEXT NOT NULL,
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    locale    TEXT NOT NULL,
    created   TEXT NOT NULL,
    modified  TEXT NOT NULL
) STRICT;

CREATE TABLE images (
    hash   TEXT PRIMARY KEY CHECK (length(hash) = 64),
    mime   TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'image/webp')),
    width  INTEGER NOT NULL CHECK (width > 0),
    height INTEGER NOT NULL CHECK (height > 0),
    data   BLOB NOT NULL
) STRICT;

CREATE TABLE channels (
    id    TEXT PRIMARY KEY,
    name  TEXT NOT NULL CHECK (length(trim(name)) > 0),
    icon  TEXT NOT NULL,
    sort  TEXT NOT NULL
) STRICT;

CREATE TABLE personas (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role              TEXT NOT NULL,
    quote             TEXT NOT NULL,
    photo             TEXT REFERENCES images (hash) DEFERRABLE INITIALLY DEFERRED,
    goals             TEXT NOT NULL CHECK (json_type(goals) = 'array'),
    frustrations      TEXT NOT NULL CHECK (json_type(frustrations) = 'array'),
    needs             TEXT NOT NULL CHECK (json_type(needs) = 'array'),
    rational_mindset  TEXT NOT NULL,
    emotional_mindset TEXT NOT NULL,
    colour            TEXT NOT NULL,
    sort              TEXT NOT NULL
) STRICT;

CREATE TABLE persona_channels (
    persona  TEXT NOT NULL REFERENCES personas (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    channel  TEXT NOT NULL REFERENCES channels (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (persona, position)
) STRICT;

CREATE TABLE journeys (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    primary_persona TEXT REFERENCES personas (id) DEFERRABLE INITIALLY DEFERRED,
    state           TEXT NOT NULL CHECK (state IN ('current', 'future')),
    redesigns       TEXT REFERENCES journeys (id) DEFERRABLE INITIALLY DEFERRED,
    scale_min       INTEGER NOT NULL,
    scale_max       INTEGER NOT NULL,
    min_label       TEXT NOT NULL,
    max_label       TEXT NOT NULL,
    sort            TEXT NOT NULL,
    CHECK (scale_min < scale_max),
    CHECK (state = 'future' OR redesigns IS NULL)
) STRICT;

CREATE TABLE journey_personas (
    journey  TEXT NOT NULL REFERENCES journeys (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    persona  TEXT NOT NULL REFERENCES personas (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (journey, position),
    UNIQUE (journey, persona)
) STRICT;

CREATE TABLE stages (
    id      TEXT PRIMARY KEY,
    journey TEXT NOT NULL REFERENCES journeys (id) DEFERRABLE INITIALLY DEFERRED,
    name    TEXT NOT NULL CHECK (length(trim(name)) > 0),
    colour  TEXT NOT NULL,
    sort    TEXT NOT NULL
) STRICT;
CREATE INDEX stages_by_journey ON stages (journey, sort);

CREATE TABLE steps (
    id    TEXT PRIMARY KEY,
    stage TEXT NOT NULL REFERENCES stages (id) DEFERRABLE INITIALLY DEFERRED,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    sort  TEXT NOT NULL
) STRICT;
CREATE INDEX steps_by_stage ON steps (stage, sort);

CREATE TABLE lanes (
    id      TEXT PRIMARY KEY,
    journey TEXT NOT NULL REFERENCES journeys (id) DEFERRABLE INITIALLY DEFERRED,
    kind    TEXT NOT NULL CHECK (kind IN ('actions', 'thoughts', 'feelings', 'touchpoints', 'pain-points',
                 'delights', 'opportunities', 'backstage', 'kpis', 'images', 'notes')),
    title   TEXT NOT NULL CHECK (length(trim(title)) > 0),
    sort    TEXT NOT NULL
) STRICT;
CREATE INDEX lanes_by_journey ON lanes (journey, sort);

CREATE TABLE cards (
    id          TEXT PRIMARY KEY,
    lane        TEXT NOT NULL REFERENCES lanes (id) DEFERRABLE INITIALLY DEFERRED,
    step        TEXT NOT NULL REFERENCES steps (id) DEFERRABLE INITIALLY DEFERRED,
    sort        TEXT NOT NULL,
    text        TEXT NOT NULL,
    channel     TEXT REFERENCES channels (id) DEFERRABLE INITIALLY DEFERRED,
    expected    INTEGER CHECK (expected BETWEEN 1 AND 5),
    experienced INTEGER CHECK (experienced BETWEEN 1 AND 5),
    severity    INTEGER CHECK (severity BETWEEN 1 AND 5),
    impact      INTEGER CHECK (impact BETWEEN 1 AND 5),
    effort      INTEGER CHECK (effort BETWEEN 1 AND 5),
    votes       INTEGER NOT NULL CHECK (votes >= 0),
    image       TEXT REFERENCES images (hash) DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX cards_by_cell ON cards (lane, step, sort);

CREATE TABLE card_answers (
    opportunity TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position    INTEGER NOT NULL,
    pain_point  TEXT NOT NULL REFERENCES cards (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (opportunity, position)
) STRICT;

CREATE TABLE emotion_points (
    id      TEXT PRIMARY KEY,
    persona TEXT NOT NULL REFERENCES personas (id) DEFERRABLE INITIALLY DEFERRED,
    step    TEXT NOT NULL REFERENCES steps (id) DEFERRABLE INITIALLY DEFERRED,
    value   INTEGER NOT NULL,
    label   TEXT,
    UNIQUE (persona, step)
) STRICT;

CREATE TABLE moments_of_truth (
    id    TEXT PRIMARY KEY,
    step  TEXT REFERENCES steps (id) DEFERRABLE INITIALLY DEFERRED,
    card  TEXT REFERENCES cards (id) DEFERRABLE INITIALLY DEFERRED,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    why   TEXT NOT NULL,
    CHECK ((step IS NULL) <> (card IS NULL))
) STRICT;
