-- Waymark project file, schema 4: measured touchpoints. Survey responses are imported per
-- journey and kept as counts per touchpoint card, month and point of each rating scale
-- (docs/file-format.md, "Measured touchpoints"), never as one row per answer.

ALTER TABLE cards ADD COLUMN measure_key TEXT CHECK (measure_key IS NULL OR length(trim(measure_key)) > 0);

CREATE TABLE survey_imports (
    id         TEXT PRIMARY KEY,
    journey    TEXT NOT NULL REFERENCES journeys (id) DEFERRABLE INITIALLY DEFERRED,
    hash       TEXT NOT NULL CHECK (length(hash) = 64),
    file_name  TEXT NOT NULL,
    imported   TEXT NOT NULL,
    rows       INTEGER NOT NULL CHECK (rows >= 0),
    skipped    INTEGER NOT NULL CHECK (skipped >= 0),
    duplicates INTEGER NOT NULL CHECK (duplicates >= 0)
) STRICT;

-- Each list is a JSON array of counts, one per point of its scale.
CREATE TABLE measurements (
    id           TEXT PRIMARY KEY,
    card         TEXT NOT NULL REFERENCES cards (id) DEFERRABLE INITIALLY DEFERRED,
    month        TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    rows         INTEGER NOT NULL CHECK (rows >= 0),
    satisfaction TEXT NOT NULL CHECK (json_array_length(satisfaction) = 5),
    expectation  TEXT NOT NULL CHECK (json_array_length(expectation) = 5),
    effort       TEXT NOT NULL CHECK (json_array_length(effort) = 7),
    recommend    TEXT NOT NULL CHECK (json_array_length(recommend) = 11),
    with_overall TEXT NOT NULL CHECK (json_array_length(with_overall) = 25),
    UNIQUE (card, month)
) STRICT;

-- The `response` ids an import counted, so a later export that overlaps is not counted twice:
-- 48-bit hashes, sorted and Golomb-Rice coded (src/measure/responses.rs). Not a record (it would double in the history); a row
-- stays when its import is undone, so a redo finds it again, and only rows whose import is in
-- the project count.
CREATE TABLE survey_responses (
    import TEXT PRIMARY KEY,
    ids    BLOB NOT NULL
) STRICT;
