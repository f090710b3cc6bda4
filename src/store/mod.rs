//! The `.waymark` file: SQLite as an application file format (see docs/file-format.md).
//!
//! Journal mode is DELETE (a rollback journal), not WAL: WAL needs shared memory that network
//! drives do not provide, and it leaves -wal/-shm files beside the project. With a rollback
//! journal the project is one file whenever no transaction is running, so it can be mailed or
//! copied straight after an edit. `synchronous = FULL` makes every edit durable on return.

mod history;
mod live;
mod mark;
mod rows;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

use crate::edit::{Change, Origin};
use crate::error::{Error, Result};
use crate::model::{Id, Project};
use crate::sync::Replica;
use live::store_replica;

pub use history::{origin_id, HistoryEntry};
pub use live::SyncLink;
pub(crate) use mark::user as user_name;
pub use mark::{mark_path, InUse, Liveness, STALE_AFTER_SECONDS};

/// `PRAGMA application_id`: "WYMK".
pub const APPLICATION_ID: i32 = 0x5759_4D4B;

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/001_initial.sql")),
    M::up(include_str!("../../migrations/002_history.sql")),
    M::up(include_str!("../../migrations/003_dots.sql")),
    M::up(include_str!("../../migrations/004_measurements.sql")),
    M::up(include_str!("../../migrations/005_sync.sql")),
    M::up(include_str!("../../migrations/006_room.sql")),
];

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

/// An open project file and the project it holds. Every `apply` is one committed transaction.
pub struct ProjectFile {
    conn: Connection,
    path: PathBuf,
    project: Project,
    read_only: Option<String>,
    /// Our in-use mark while the file is open for editing; dropped (removed) with the file.
    mark: Option<mark::Mark>,
    /// Someone else's mark, when that is why the file opened read-only.
    in_use: Option<InUse>,
    /// What the file looked like after our last read or write (see `changed_on_disk`).
    seen: Seen,
    /// The sync engine's replica, once the project went live (docs/sync.md).
    replica: Option<Replica>,
    /// The history row of the last change written to the file (see `last_change`).
    last_change: i64,
}

/// `data_version` changes when another connection commits; the file's identity, size and time
/// change when it is replaced or written by something that is not SQLite.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    data_version: i64,
    identity: Option<(u64, u64, u64, std::time::SystemTime)>,
}

fn identity(path: &Path) -> Option<(u64, u64, u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let (dev, ino) = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    };
    #[cfg(not(unix))]
    let (dev, ino) = (0, 0);
    Some((dev, ino, meta.len(), meta.modified().ok()?))
}

fn data_version(conn: &Connection, path: &Path) -> Result<i64> {
    conn.query_row("PRAGMA data_version", [], |r| r.get(0))
        .map_err(|e| sqlite_error(path, e))
}

fn sqlite_error(path: &Path, e: rusqlite::Error) -> Error {
    let path = path.to_path_buf();
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::NotAProject {
            path,
            reason: "not an SQLite database".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => Error::Corrupt {
            path,
            detail: "the database is malformed".into(),
        },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Locked { path },
        Some(ErrorCode::ReadOnly) => Error::ReadOnly {
            path,
            reason: "the file cannot be written".into(),
        },
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => Error::Io {
            path,
            source: std::io::Error::other("the file cannot be opened"),
        },
        _ => Error::Sqlite { path, source: e },
    }
}

fn connect(path: &Path, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| sqlite_error(path, e))?;
    conn.busy_timeout(Duration::from_secs(2))
        .map_err(|e| sqlite_error(path, e))?;
    Ok(conn)
}

fn configure(conn: &Connection, path: &Path) -> Result<()> {
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")
        .map_err(|e| sqlite_error(path, e))?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(|e| sqlite_error(path, e))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            detail: format!("journal mode {mode} could not be changed"),
        });
    }
    Ok(())
}

/// Whether `path` is a Waymark project file, known by its header (SQLite, and our
/// `application_id`), whatever its name.
pub fn is_project(path: &Path) -> bool {
    check_header(path).is_ok()
}

/// Refuses anything that is not a readable file with an SQLite header, before SQLite sees it.
fn check_header(path: &Path) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    let not_project = |reason: &str| Error::NotAProject {
        path: path.to_path_buf(),
        reason: reason.into(),
    };
    if meta.len() == 0 {
        return Err(not_project("the file is empty"));
    }
    let mut header = [0u8; 100];
    let read = {
        use std::io::Read;
        let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        file.read(&mut header).map_err(|e| Error::io(path, e))?
    };
    if read < 100 || &header[..16] != b"SQLite format 3\0" {
        return Err(not_project("not an SQLite database"));
    }
    if i32::from_be_bytes([header[68], header[69], header[70], header[71]]) != APPLICATION_ID {
        return Err(not_project("an SQLite database of another program"));
    }
    Ok(())
}

impl ProjectFile {
    /// Writes a new project file; refuses to replace an existing one. Its history starts here.
    pub fn create(path: &Path, project: &Project) -> Result<ProjectFile> {
        ProjectFile::create_with_history(path, project, None)
    }

    /// A new file whose history continues `history` (a merge result); `project` must be the
    /// state those changes lead to.
    pub(crate) fn create_with_history(
        path: &Path,
        project: &Project,
        history: Option<&[HistoryEntry]>,
    ) -> Result<ProjectFile> {
        project.validate()?;
        if path.exists() {
            return Err(Error::AlreadyExists {
                path: path.to_path_buf(),
            });
        }
        // Built beside the target and renamed into place, so a failure leaves no half-written project.
        let partial = partial_path(path);
        let _ = std::fs::remove_file(&partial);
        let built = (|| {
            let mut conn = connect(
                &partial,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
            )?;
            configure(&conn, &partial)?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(|e| sqlite_error(&partial, e))?;
            migrations()
                .to_latest(&mut conn)
                .map_err(|e| migration_error(&partial, e))?;
            let tx = conn.transaction().map_err(|e| sqlite_error(&partial, e))?;
            rows::insert_all(&tx, project).map_err(|e| sqlite_error(&partial, e))?;
            match history {
                Some(entries) => {
                    for entry in entries {
                        history::append(&tx, entry).map_err(|e| sqlite_error(&partial, e))?;
                    }
                }
                None => history::append(&tx, &history::origin(project, &crate::now()))
                    .map_err(|e| sqlite_error(&partial, e))?,
            }
            tx.commit().map_err(|e| sqlite_error(&partial, e))?;
            conn.close().map_err(|(_, e)| sqlite_error(&partial, e))
        })();
        if let Err(e) = built {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        std::fs::rename(&partial, path).map_err(|e| Error::io(path, e))?;
        ProjectFile::open(path)
    }

    /// Opens a project for editing. It opens read-only instead — `read_only()` says why — when
    /// it is of a newer schema, write-protected, or marked in use by someone else (`in_use()`
    /// names them; `take_over` or a copy are the ways on). An older schema is migrated after a
    /// backup copy is written beside it.
    pub fn open(path: &Path) -> Result<ProjectFile> {
        ProjectFile::open_with(path, true)
    }

    /// Opens a project only to read it: no mark, no migration, nothing written.
    pub fn open_read_only(path: &Path) -> Result<ProjectFile> {
        ProjectFile::open_with(path, false)
    }

    /// Removes someone else's in-use mark and opens the project for editing. For a mark that is
    /// stale, or when the user has made sure its holder is not working on the file.
    pub fn take_over(path: &Path) -> Result<ProjectFile> {
        check_header(path)?;
        mark::remove(path).map_err(|e| Error::io(&mark_path(path), e))?;
        ProjectFile::open(path)
    }

    fn open_with(path: &Path, for_editing: bool) -> Result<ProjectFile> {
        check_header(path)?;
        let writable = std::fs::metadata(path)
            .map(|m| !m.permissions().readonly())
            .unwrap_or(false);
        // Inspect through a read-only connection first: nothing is written to a file we refuse.
        // A hot journal (left by a crash mid-transaction) must be rolled back before anything can
        // be read, and that needs write access; the header check above already proved it is ours.
        let hot_journal = journal_path(path).metadata().is_ok_and(|m| m.len() > 0);
        if hot_journal && !writable {
            return Err(Error::ReadOnly {
                path: path.to_path_buf(),
                reason: "an edit was interrupted and must be rolled back, but the file is write-protected; \
                         make it writable and open it again"
                    .into(),
            });
        }
        let probe_flags = if hot_journal {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        } else {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        };
        let probe = connect(path, probe_flags)?;
        let version: i64 = probe
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| sqlite_error(path, e))?;
        let check: String = probe
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| sqlite_error(path, e))?;
        if check != "ok" {
            return Err(Error::Corrupt {
                path: path.to_path_buf(),
                detail: check,
            });
        }
        drop(probe);

        let mut read_only = if !for_editing {
            Some("opened for reading only".to_string())
        } else if version > SCHEMA_VERSION {
            Some(
                Error::NewerVersion {
                    path: path.to_path_buf(),
                    found: version,
                    supported: SCHEMA_VERSION,
                }
                .to_string(),
            )
        } else if !writable {
            Some("the file is write-protected".to_string())
        } else {
            None
        };
        let (mut our_mark, mut in_use) = (None, None);
        if read_only.is_none() {
            (our_mark, in_use) = claim(path)?;
            if let Some(theirs) = &in_use {
                read_only = Some(in_use_reason(theirs));
            }
        }
        let mut conn = match &read_only {
            Some(_) => connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?,
            None => {
                if version < SCHEMA_VERSION {
                    if let Err(reason) = backup_before_migration(path, version) {
                        read_only = Some(reason);
                    }
                }
                if read_only.is_some() {
                    our_mark = None;
                    connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?
                } else {
                    let mut conn = connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
                    configure(&conn, path)?;
                    if version < SCHEMA_VERSION {
                        migrations()
                            .to_latest(&mut conn)
                            .map_err(|e| migration_error(path, e))?;
                    }
                    conn
                }
            }
        };
        let project = rows::load(&conn).map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Error::Corrupt {
                path: path.to_path_buf(),
                detail: "the project record is missing".into(),
            },
            _ if version > SCHEMA_VERSION => Error::NewerVersion {
                path: path.to_path_buf(),
                found: version,
                supported: SCHEMA_VERSION,
            },
            e => corrupt(path, e),
        })?;
        project.validate().map_err(|e| e.in_file(path))?;
        if read_only.is_none() && history::is_empty(&conn).map_err(|e| corrupt(path, e))? {
            // A file migrated from schema 1: its history starts from what it holds now.
            let tx = conn.transaction().map_err(|e| sqlite_error(path, e))?;
            history::append(&tx, &history::origin(&project, &crate::now()))
                .map_err(|e| sqlite_error(path, e))?;
            tx.commit().map_err(|e| sqlite_error(path, e))?;
        }
        let mut file = ProjectFile::finish(conn, path, project, read_only, our_mark, in_use)?;
        if file.read_only.is_none() && live::is_live(&file.conn).map_err(|e| corrupt(path, e))? {
            file.replica = Some(file.load_replica()?);
        }
        Ok(file)
    }

    fn finish(
        conn: Connection,
        path: &Path,
        project: Project,
        read_only: Option<String>,
        mark: Option<mark::Mark>,
        in_use: Option<InUse>,
    ) -> Result<ProjectFile> {
        let seen = Seen {
            data_version: data_version(&conn, path)?,
            identity: identity(path),
        };
        let last_change = match history::last_seq(&conn) {
            Ok(seq) => seq,
            // A file opened read-only is not migrated, and one of schema 1 has no history yet:
            // nothing is written to it, so there is nothing to number.
            Err(_) if read_only.is_some() => 0,
            Err(e) => return Err(corrupt(path, e)),
        };
        Ok(ProjectFile {
            conn,
            path: path.to_path_buf(),
            project,
            read_only,
            mark,
            in_use,
            seen,
            replica: None,
            last_change,
        })
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The sequence number of the last change written to the file: its history row, which grows
    /// with every change. A window hears of changes on more than one road (a command's answer,
    /// a live event) and not always in the order the file took them; this number tells it which
    /// of two versions of a record is the newer.
    pub fn last_change(&self) -> i64 {
        self.last_change
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why edits are refused, if they are.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Who has the project open, when that is why it opened read-only.
    pub fn in_use(&self) -> Option<&InUse> {
        self.in_use.as_ref()
    }

    /// Our own in-use mark, while the file is open for editing.
    pub fn mark(&self) -> Option<&InUse> {
        self.mark.as_ref().map(mark::Mark::held)
    }

    /// Every change recorded in this file, the origin first. A schema-1 file opened read-only
    /// has no recorded history; it is then the origin its migration would record.
    pub fn history(&self) -> Result<Vec<HistoryEntry>> {
        let has_table: bool = self
            .conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'history')",
                [],
                |r| r.get(0),
            )
            .map_err(|e| sqlite_error(&self.path, e))?;
        if !has_table {
            return Ok(vec![history::origin(&self.project, &self.project.modified)]);
        }
        let entries = history::load(&self.conn).map_err(|e| corrupt(&self.path, e))?;
        if entries.is_empty() {
            return Ok(vec![history::origin(&self.project, &self.project.modified)]);
        }
        Ok(entries)
    }

    /// Whether something other than this `ProjectFile` wrote or replaced the file since it was
    /// opened (or since our last `apply`). Cheap enough to poll every second or two.
    pub fn changed_on_disk(&self) -> Result<bool> {
        Ok(
            data_version(&self.conn, &self.path)? != self.seen.data_version
                || identity(&self.path) != self.seen.identity,
        )
    }

    /// Applies a change to the project and the file in one transaction; durable when it returns.
    /// An invalid change, or one the file refuses, leaves both as they were. It is refused when
    /// someone took the project over or changed the file meanwhile, so their work is never
    /// overwritten unseen.
    pub fn apply(&mut self, change: &Change) -> Result<()> {
        self.apply_recorded(change, &[], Origin::Editor)
    }

    /// `apply`, recording in the history where the change came from (e.g. the workshop room).
    pub fn apply_from(&mut self, change: &Change, origin: Origin) -> Result<()> {
        self.apply_recorded(change, &[], origin)
    }

    /// Shows others that the project is still open: refreshes the mark's heartbeat if it is
    /// older than a few minutes. `apply` does this too; an app that is open without edits for
    /// hours calls it now and then so the mark is not taken for stale.
    pub fn keep_alive(&mut self) {
        if let Some(ours) = &mut self.mark {
            ours.heartbeat();
        }
    }

    /// `apply`, recording in the history which changes of another copy `change` merges in.
    pub(crate) fn apply_recorded(
        &mut self,
        change: &Change,
        merged: &[uuid::Uuid],
        origin: Origin,
    ) -> Result<()> {
        self.apply_with(change, merged, None, origin)
    }

    /// Applies a survey import's change and keeps the `response` ids it counted (hashes from
    /// `measure::ResponseIds`), in one transaction.
    pub fn apply_import(&mut self, change: &Change, import: Id, response_ids: &[u8]) -> Result<()> {
        self.apply_with(change, &[], Some((import, response_ids)), Origin::Editor)
    }

    /// The `response` ids counted by the imports this project holds (an undone import's stay in
    /// the file for its redo, but do not count).
    pub fn imported_response_ids(&self) -> Result<Vec<u8>> {
        let all = rows::response_ids(&self.conn).map_err(|e| corrupt(&self.path, e))?;
        Ok(all
            .into_iter()
            .filter(|(import, _)| self.project.survey_imports.iter().any(|i| i.id == *import))
            .flat_map(|(_, ids)| ids)
            .collect())
    }

    fn apply_with(
        &mut self,
        change: &Change,
        merged: &[uuid::Uuid],
        response_ids: Option<(Id, &[u8])>,
        origin: Origin,
    ) -> Result<()> {
        if let Some(reason) = &self.read_only {
            return Err(Error::ReadOnly {
                path: self.path.clone(),
                reason: reason.clone(),
            });
        }
        if let Some(ours) = &self.mark {
            if !ours.still_ours() {
                let theirs = mark::read(&self.path);
                let reason = match &theirs {
                    Some(theirs) => format!("{} took it over", theirs.describe()),
                    None => "its in-use mark was removed by someone else".to_string(),
                };
                self.mark = None;
                self.in_use = theirs;
                self.read_only = Some(reason.clone());
                return Err(Error::ReadOnly {
                    path: self.path.clone(),
                    reason,
                });
            }
        }
        if identity(&self.path) != self.seen.identity {
            return Err(Error::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        self.project.apply(change)?;
        // A change made here (in the editor or the room) is also recorded in the sync engine; a
        // remote one came out of it.
        if let (Some(replica), false) = (&mut self.replica, origin == Origin::Remote) {
            if let Err(e) = replica.record_local(change) {
                let _ = self.project.apply(&change.inverse());
                self.replica = Some(self.load_replica()?);
                return Err(e);
            }
        }
        let modified = crate::now();
        let seen_version = self.seen.data_version;
        let replica = self.replica.as_ref();
        let mut row = self.last_change;
        let written = (|| {
            // IMMEDIATE takes the write lock first, so no other writer can slip in between the
            // check below and our commit.
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let version: i64 = tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
            if version != seen_version {
                return Ok(false);
            }
            for edit in &change.edits {
                match edit {
                    crate::Edit::Add { record } | crate::Edit::Update { after: record, .. } => {
                        rows::upsert(&tx, record)?
                    }
                    crate::Edit::Remove { record } => rows::delete(&tx, &record.key())?,
                }
            }
            if let Some((import, ids)) = response_ids {
                rows::write_response_ids(&tx, import, ids)?;
            }
            rows::set_modified(&tx, &modified)?;
            let mut entry = HistoryEntry::new(change.clone(), &modified);
            entry.merged = merged.to_vec();
            entry.remote = origin == Origin::Remote;
            entry.origin = origin;
            history::append(&tx, &entry)?;
            row = tx.last_insert_rowid();
            if let Some(replica) = replica {
                store_replica(&tx, replica)?;
            }
            tx.commit()?;
            Ok(true)
        })();
        match written {
            Ok(true) => {
                if let Some(replica) = &mut self.replica {
                    replica.mark_stored();
                }
                self.project.modified = modified;
                self.last_change = row;
                self.seen.identity = identity(&self.path);
                if let Some(ours) = &mut self.mark {
                    ours.heartbeat();
                }
                Ok(())
            }
            Ok(false) => {
                self.undo_in_memory(change)?;
                Err(Error::ChangedOnDisk {
                    path: self.path.clone(),
                })
            }
            Err(e) => {
                self.undo_in_memory(change)?;
                Err(sqlite_error(&self.path, e))
            }
        }
    }

    /// After a write failed: memory matches the file again. The model accepted the change, so
    /// its inverse applies; the engine cannot take edits back, so it is read again from the file.
    fn undo_in_memory(&mut self, change: &Change) -> Result<()> {
        let _ = self.project.apply(&change.inverse());
        if self.replica.is_some() {
            self.replica = Some(self.load_replica()?);
        }
        Ok(())
    }

    /// Writes a consistent copy through SQLite (never a byte copy), replacing `target` if it exists.
    /// This file stays the open one.
    pub fn save_copy(&self, target: &Path) -> Result<()> {
        if target.is_dir() {
            return Err(Error::IsDirectory {
                path: target.to_path_buf(),
            });
        }
        let partial = partial_path(target);
        let _ = std::fs::remove_file(&partial);
        let partial_text = partial.to_str().ok_or_else(|| Error::Usage {
            what: format!(
                "{}: the path is not valid Unicode; choose another name",
                target.display()
            ),
        })?;
        self.conn
            .execute("VACUUM INTO ?1", [partial_text])
            .map_err(|e| sqlite_error(target, e))?;
        std::fs::rename(&partial, target).map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            Error::io(target, e)
        })
    }

    /// Save As: writes the copy and continues on it.
    pub fn save_as(self, target: &Path) -> Result<ProjectFile> {
        self.save_copy(target)?;
        self.close()?;
        ProjectFile::open(target)
    }

    /// Closes the connection and removes our in-use mark; afterwards the project is this one
    /// file, nothing beside it.
    pub fn close(mut self) -> Result<()> {
        // Only quicker opening is at stake: a failed compaction rolled back and left the parts,
        // which hold the same state, so closing goes on.
        let _ = self.compact_on_close();
        let ProjectFile {
            conn, path, mark, ..
        } = self;
        let closed = conn.close().map_err(|(_, e)| sqlite_error(&path, e));
        drop(mark);
        closed
    }
}

/// Claims the in-use mark, or reports whose it is. The mark of a process that is gone from this
/// machine is taken over without asking: every edit was durable when it was acknowledged, so a
/// dead session holds nothing that could be lost.
fn claim(path: &Path) -> Result<(Option<mark::Mark>, Option<InUse>)> {
    let mark_error = |e| Error::io(&mark_path(path), e);
    match mark::Mark::claim(path).map_err(mark_error)? {
        mark::Claim::Ours(mark) => Ok((Some(mark), None)),
        mark::Claim::Theirs(theirs) if theirs.liveness() == Liveness::Dead => {
            mark::remove(path).map_err(mark_error)?;
            match mark::Mark::claim(path).map_err(mark_error)? {
                mark::Claim::Ours(mark) => Ok((Some(mark), None)),
                mark::Claim::Theirs(theirs) => Ok((None, Some(theirs))),
            }
        }
        mark::Claim::Theirs(theirs) => Ok((None, Some(theirs))),
    }
}

fn in_use_reason(theirs: &InUse) -> String {
    let stale = match theirs.liveness() {
        Liveness::Old => {
            " (no sign of life for over 12 hours; if nobody is working on it, take it over)"
        }
        _ => "",
    };
    format!(
        "it is in use by {}{stale}; open a copy to work on it meanwhile",
        theirs.describe()
    )
}

/// The in-use mark beside a project, if any, and whether its holder can still be working.
pub fn in_use(path: &Path) -> Option<(InUse, Liveness)> {
    mark::read(path).map(|m| {
        let liveness = m.liveness();
        (m, liveness)
    })
}

/// `map.v1-backup.waymark`, or `map.v1-backup-2.waymark` when that exists, and so on.
pub fn backup_path(path: &Path, version: i64) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_else(|| "waymark".into());
    (1..)
        .map(|n| {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            path.with_file_name(format!("{stem}.v{version}-backup{suffix}.{extension}"))
        })
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| path.with_file_name(format!("{stem}.v{version}-backup.{extension}")))
}

/// Copies an older file beside itself before it is migrated. The copy is made byte for byte
/// while a read transaction holds SQLite's shared lock, so no writer can commit halfway through;
/// it is written under a temporary name and linked into place, so an existing backup is never
/// replaced. On failure the reason is returned and the file opens read-only, unmigrated.
fn backup_before_migration(path: &Path, version: i64) -> std::result::Result<PathBuf, String> {
    let failed = |what: String| {
        format!("it is of an older file format and must be upgraded to be edited, but {what}; make the folder writable and open it again")
    };
    let reader =
        connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| failed(e.to_string()))?;
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM sqlite_schema;")
        .map_err(|e| failed(format!("it could not be read ({e})")))?;
    let target = backup_path(path, version);
    let partial = partial_path(&target);
    let copied = std::fs::copy(path, &partial)
        .and_then(|_| std::fs::File::open(&partial)?.sync_all())
        .and_then(|_| {
            std::fs::hard_link(&partial, &target).or_else(|e| {
                // Some network drives have no hard links; then only a name that is still free is used.
                if target.exists() {
                    Err(e)
                } else {
                    std::fs::rename(&partial, &target)
                }
            })
        });
    let _ = std::fs::remove_file(&partial);
    let _ = reader.execute_batch("COMMIT");
    copied.map(|_| target.clone()).map_err(|e| {
        failed(format!(
            "the backup copy {} could not be written ({e})",
            target.display()
        ))
    })
}

fn corrupt(path: &Path, e: rusqlite::Error) -> Error {
    match sqlite_error(path, e) {
        Error::Sqlite { source, .. } => Error::Corrupt {
            path: path.to_path_buf(),
            detail: source.to_string(),
        },
        other => other,
    }
}

fn journal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-journal");
    PathBuf::from(name)
}

fn partial_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.partial"))
}

fn migration_error(path: &Path, e: rusqlite_migration::Error) -> Error {
    match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => sqlite_error(path, err),
        other => Error::Corrupt {
            path: path.to_path_buf(),
            detail: format!("the schema could not be upgraded: {other}"),
        },
    }
}

/// Reads a project without keeping the file open; nothing is written to it.
pub fn read(path: &Path) -> Result<Project> {
    let file = ProjectFile::open_read_only(path)?;
    let project = file.project.clone();
    file.close()?;
    Ok(project)
}

/// Full check of a file: SQLite's integrity check, foreign keys, and the model's rules.
pub fn validate(path: &Path) -> Result<()> {
    let file = ProjectFile::open(path)?;
    let corrupt = |detail: String| Error::Corrupt {
        path: path.to_path_buf(),
        detail,
    };
    let check: String = file
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| sqlite_error(path, e))?;
    if check != "ok" {
        return Err(corrupt(check));
    }
    let dangling: i64 = file
        .conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(|e| sqlite_error(path, e))?;
    if dangling > 0 {
        return Err(corrupt(format!(
            "{dangling} rows refer to records that do not exist"
        )));
    }
    file.close()
}
