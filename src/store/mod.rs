//! The `.waymark` file: SQLite as an application file format (see docs/file-format.md).
//!
//! Journal mode is DELETE (a rollback journal), not WAL: WAL needs shared memory that network
//! drives do not provide, and it leaves -wal/-shm files beside the project. With a rollback
//! journal the project is one file whenever no transaction is running, so it can be mailed or
//! copied straight after an edit. `synchronous = FULL` makes every edit durable on return.

mod rows;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use rusqlite_migration::{Migrations, M};

use crate::edit::Change;
use crate::error::{Error, Result};
use crate::model::Project;

/// `PRAGMA application_id`: "WYMK".
pub const APPLICATION_ID: i32 = 0x5759_4D4B;

const MIGRATIONS: &[M<'static>] = &[M::up(include_str!("../../migrations/001_initial.sql"))];

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
    /// Writes a new project file; refuses to replace an existing one.
    pub fn create(path: &Path, project: &Project) -> Result<ProjectFile> {
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

    /// Opens a project. A file of a newer schema, or one the user may not write, opens read-only.
    pub fn open(path: &Path) -> Result<ProjectFile> {
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

        let read_only = if version > SCHEMA_VERSION {
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
        let conn = if read_only.is_some() {
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
            e => match sqlite_error(path, e) {
                Error::Sqlite { source, .. } => Error::Corrupt {
                    path: path.to_path_buf(),
                    detail: source.to_string(),
                },
                other => other,
            },
        })?;
        project.validate().map_err(|e| e.in_file(path))?;
        Ok(ProjectFile {
            conn,
            path: path.to_path_buf(),
            project,
            read_only,
        })
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why edits are refused, if they are.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Applies a change to the project and the file in one transaction; durable when it returns.
    /// An invalid change, or one the file refuses, leaves both as they were.
    pub fn apply(&mut self, change: &Change) -> Result<()> {
        if let Some(reason) = &self.read_only {
            return Err(Error::ReadOnly {
                path: self.path.clone(),
                reason: reason.clone(),
            });
        }
        self.project.apply(change)?;
        let modified = crate::now();
        let written = (|| {
            let tx = self.conn.transaction()?;
            for edit in &change.edits {
                match edit {
                    crate::Edit::Add { record } | crate::Edit::Update { after: record, .. } => {
                        rows::upsert(&tx, record)?
                    }
                    crate::Edit::Remove { record } => rows::delete(&tx, &record.key())?,
                }
            }
            rows::set_modified(&tx, &modified)?;
            tx.commit()
        })();
        match written {
            Ok(()) => {
                self.project.modified = modified;
                Ok(())
            }
            Err(e) => {
                // The model accepted the change, so its inverse applies; memory matches the file again.
                let _ = self.project.apply(&change.inverse());
                Err(sqlite_error(&self.path, e))
            }
        }
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

    /// Closes the connection; afterwards the project is this one file, nothing beside it.
    pub fn close(self) -> Result<()> {
        let path = self.path.clone();
        self.conn.close().map_err(|(_, e)| sqlite_error(&path, e))
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

/// Reads a project without keeping the file open.
pub fn read(path: &Path) -> Result<Project> {
    let file = ProjectFile::open(path)?;
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
