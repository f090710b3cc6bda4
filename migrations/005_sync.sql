-- Waymark project file, schema 5: live co-editing (docs/sync.md). A project that went live keeps
-- its sync engine's state here, written in the same transaction as the change that caused it.
-- A file that never went live has no rows and behaves as before.

-- The engine's document as parts imported in `seq` order: a snapshot, then updates appended by
-- each change; compaction replaces them with one snapshot.
CREATE TABLE sync_state (
    seq   INTEGER PRIMARY KEY,
    bytes BLOB NOT NULL
) STRICT;

-- The server this project syncs with; what of this replica the server acknowledged storing, as
-- the engine's version and as the last history row it covers.
CREATE TABLE sync_link (
    singleton        INTEGER PRIMARY KEY CHECK (singleton = 1),
    link             TEXT NOT NULL,
    acknowledged     BLOB NOT NULL,
    acknowledged_seq INTEGER NOT NULL
) STRICT;

-- Whether a change was made here or came from another replica through the sync engine: undo
-- and "changes waiting to sync" count only one's own.
ALTER TABLE history ADD COLUMN remote INTEGER NOT NULL DEFAULT 0 CHECK (remote IN (0, 1));
