-- Waymark project file, schema 6: the workshop room. Participants send cards from their phones
-- into an inbox (`submissions`) and rate how each step feels (`ratings`); their votes are the
-- schema 3 participants and dots. A submission or rating without a participant is anonymous.
-- The history says which changes came from the room rather than the editor.

CREATE TABLE submissions (
    id     TEXT PRIMARY KEY,
    lane   TEXT NOT NULL REFERENCES lanes (id) DEFERRABLE INITIALLY DEFERRED,
    step   TEXT NOT NULL REFERENCES steps (id) DEFERRABLE INITIALLY DEFERRED,
    text   TEXT NOT NULL CHECK (length(trim(text)) > 0),
    author TEXT REFERENCES participants (id) DEFERRABLE INITIALLY DEFERRED,
    state  TEXT NOT NULL CHECK (state IN ('waiting', 'approved', 'hidden')),
    -- Not a foreign key: an approved submission keeps the id of its card after the card is gone.
    card   TEXT,
    sort   TEXT NOT NULL
) STRICT;
CREATE INDEX submissions_by_author ON submissions (author);

CREATE TABLE ratings (
    id          TEXT PRIMARY KEY,
    step        TEXT NOT NULL REFERENCES steps (id) DEFERRABLE INITIALLY DEFERRED,
    participant TEXT REFERENCES participants (id) DEFERRABLE INITIALLY DEFERRED,
    value       INTEGER NOT NULL
) STRICT;
CREATE INDEX ratings_by_step ON ratings (step);

ALTER TABLE history ADD COLUMN origin TEXT NOT NULL DEFAULT 'editor' CHECK (length(origin) > 0);
