-- Waymark project file, schema 3: dot voting. Workshop participants each have an allowance of
-- dots and place them on opportunity cards; a card's total votes are its `votes` column (votes
-- counted elsewhere, e.g. on paper) plus its dots. The allowance itself is checked by the model
-- (src/validate.rs), as it spans rows.

CREATE TABLE participants (
    id     TEXT PRIMARY KEY,
    name   TEXT NOT NULL CHECK (length(trim(name)) > 0),
    colour TEXT NOT NULL,
    dots   INTEGER NOT NULL CHECK (dots >= 1),
    sort   TEXT NOT NULL
) STRICT;

CREATE TABLE dots (
    id          TEXT PRIMARY KEY,
    card        TEXT NOT NULL REFERENCES cards (id) DEFERRABLE INITIALLY DEFERRED,
    participant TEXT NOT NULL REFERENCES participants (id) DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX dots_by_card ON dots (card);
CREATE INDEX dots_by_participant ON dots (participant);
