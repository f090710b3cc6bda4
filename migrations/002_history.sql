-- Waymark project file, schema 2: the project's lineage. Every change applied to this file is
-- recorded in the transaction that applied it, so two copies made apart can find the state they
-- last shared and be merged three ways (src/merge.rs).
--
-- The first row is the origin: a change without edits whose id is derived from the content the
-- history starts from (see store::history). A merge row lists, in `merged`, the ids of the other
-- copy's changes it brought in; those count as part of this file's lineage.

CREATE TABLE history (
    seq     INTEGER PRIMARY KEY,
    id      TEXT NOT NULL UNIQUE,
    applied TEXT NOT NULL,
    edits   TEXT NOT NULL CHECK (json_type(edits) = 'array'),
    merged  TEXT NOT NULL DEFAULT '[]' CHECK (json_type(merged) = 'array')
) STRICT;
