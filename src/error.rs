//! The core's one error type. Every message names the file (when there is one), says what is
//! wrong and what the user can do; the CLI prints it as one line.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{} is a directory; give the path of a .waymark file", path.display())]
    IsDirectory { path: PathBuf },

    #[error("{} is a directory; give the path of the file to write", path.display())]
    OutputIsDirectory { path: PathBuf },

    #[error("{} is a Waymark project; an export never writes over a project — choose another file name for the export", path.display())]
    OutputIsProject { path: PathBuf },

    #[error("{} is neither a file, a terminal nor a pipe; give the path of the file to write", path.display())]
    OutputNotAFile { path: PathBuf },

    #[error("{} is not a Waymark project ({reason}); open a .waymark file made by Waymark", path.display())]
    NotAProject { path: PathBuf, reason: String },

    #[error("{} is damaged ({detail}); the file was left as it is — open a backup or an exported JSON copy", path.display())]
    Corrupt { path: PathBuf, detail: String },

    #[error(
        "{} was written by a newer Waymark (file format {found}; this Waymark knows up to {supported}); \
         it is open read-only — update Waymark to edit it", path.display()
    )]
    NewerVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("{} is read-only ({reason}); nothing was changed — use Save As to keep your edits in a copy", path.display())]
    ReadOnly { path: PathBuf, reason: String },

    #[error("{} is busy: another program holds a lock on it; close it there and try again", path.display())]
    Locked { path: PathBuf },

    #[error("{} already exists; choose another name or remove it first", path.display())]
    AlreadyExists { path: PathBuf },

    #[error("{}: not valid JSON at line {line}, column {column}: {detail}", path.display())]
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        detail: String,
    },

    #[error("{}: {detail}", path.display())]
    JsonFormat { path: PathBuf, detail: String },

    #[error(
        "{}: Waymark JSON version {found} is not supported (this Waymark reads version {supported}); \
         export it again from a matching Waymark", path.display()
    )]
    JsonVersion {
        path: PathBuf,
        found: u64,
        supported: u64,
    },

    #[error("{record}: {problem}")]
    Invalid { record: String, problem: String },

    #[error("{}: {record}: {problem}; fix it and try again", path.display())]
    InvalidFile {
        path: PathBuf,
        record: String,
        problem: String,
    },

    #[error("{}: database error: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },

    #[error("{}: line {line}: {detail}", path.display())]
    Csv {
        path: PathBuf,
        line: usize,
        detail: String,
    },

    #[error("{what}")]
    Usage { what: String },

    /// A survey export that cannot be imported at all: nothing was imported.
    #[error("{}: {detail}; nothing was imported", path.display())]
    Survey { path: PathBuf, detail: String },

    #[error("{}: {bad} of {rows} rows cannot be imported (listed above); nothing was imported — fix them, give the touchpoints measuring keys, or import the rest with --skip-bad", path.display())]
    SurveyRows { path: PathBuf, bad: u64, rows: u64 },

    #[error("{}: {detail}", path.display())]
    BadImage { path: PathBuf, detail: String },

    #[error("{} was changed by another program since it was opened; nothing was written — reopen it to see that change, or save your version as a copy", path.display())]
    ChangedOnDisk { path: PathBuf },

    #[error("{} and {} are copies of different projects; only copies of one project can be merged", mine.display(), theirs.display())]
    DifferentProjects { mine: PathBuf, theirs: PathBuf },

    #[error("{} and {} share no recorded history (they were edited apart before this Waymark recorded edits); nothing was merged — compare them by hand", mine.display(), theirs.display())]
    NoCommonHistory { mine: PathBuf, theirs: PathBuf },

    #[error("{count} conflicts between the two copies; nothing was written — choose with --prefer mine or --prefer theirs")]
    MergeConflicts { count: usize },

    /// Live co-editing: a server that cannot be reached or refuses, or sync state that cannot
    /// be read. The message says what to do.
    #[error("{what}")]
    Sync { what: String },
    #[error("the workshop room cannot use {address}: {reason}")]
    RoomAddress { address: String, reason: String },

    #[error("workshop room: {problem}")]
    Room { problem: String },

    /// A fault of Waymark's own, not of the user's input or files.
    #[error("{what}; this is a fault in Waymark — please report it")]
    Internal { what: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn invalid(record: impl Into<String>, problem: impl Into<String>) -> Error {
        Error::Invalid {
            record: record.into(),
            problem: problem.into(),
        }
    }

    /// A JSON syntax or shape error, with the line and column serde found it at.
    pub fn json(path: &Path, e: serde_json::Error) -> Error {
        let text = e.to_string();
        let detail = text
            .split(" at line")
            .next()
            .unwrap_or_default()
            .to_string();
        Error::Json {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            detail,
        }
    }

    pub fn room(problem: impl Into<String>) -> Error {
        Error::Room {
            problem: problem.into(),
        }
    }

    /// Attaches the file an invalid record came from.
    pub fn in_file(self, path: &Path) -> Error {
        match self {
            Error::Invalid { record, problem } => Error::InvalidFile {
                path: path.to_path_buf(),
                record,
                problem,
            },
            other => other,
        }
    }
}
