//! Errors as the front end receives them: `{code, message}`. The code is one `ErrorCode`, the
//! only list of codes there is: the core's kinds of error and the shell's own, generated into
//! TypeScript as the union the UI switches on. The message is one line, written for the user.

use serde::Serialize;
use ts_rs::TS;

/// What kind of problem an error is, stable across versions and languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    // The core's, one per kind of `waymark::Error`.
    Io,
    IsDirectory,
    /// An export would overwrite a Waymark project.
    OutputIsProject,
    /// An export's path is neither a file nor a stream (e.g. a socket).
    NotAFile,
    NotAProject,
    Corrupt,
    NewerVersion,
    ReadOnly,
    Locked,
    AlreadyExists,
    Json,
    JsonVersion,
    Invalid,
    Database,
    Csv,
    /// A request that cannot be carried out as asked: the message says what to ask instead.
    Usage,
    Image,
    ChangedOnDisk,
    DifferentProjects,
    NoCommonHistory,
    MergeConflicts,
    /// Live co-editing: a server that cannot be reached or refuses, or unreadable sync state.
    Sync,
    /// The workshop room could not open on the chosen address, or refused a facilitator's action.
    Room,
    /// A fault of Waymark's own, not of the user's input or files.
    Internal,
    // The shell's own.
    /// No project is open in the window.
    NoFile,
    /// The copy being merged changed between showing the merge and doing it.
    MergeChanged,
    BadLanguage,
    PreferencesUnwritable,
    /// The file manager could not be asked to show a file.
    Reveal,
}

impl From<&waymark::Error> for ErrorCode {
    fn from(error: &waymark::Error) -> ErrorCode {
        use waymark::Error;
        match error {
            Error::Io { .. } => ErrorCode::Io,
            Error::IsDirectory { .. } | Error::OutputIsDirectory { .. } => ErrorCode::IsDirectory,
            Error::OutputIsProject { .. } => ErrorCode::OutputIsProject,
            Error::OutputNotAFile { .. } => ErrorCode::NotAFile,
            Error::NotAProject { .. } => ErrorCode::NotAProject,
            Error::Corrupt { .. } => ErrorCode::Corrupt,
            Error::NewerVersion { .. } => ErrorCode::NewerVersion,
            Error::ReadOnly { .. } => ErrorCode::ReadOnly,
            Error::Locked { .. } => ErrorCode::Locked,
            Error::AlreadyExists { .. } => ErrorCode::AlreadyExists,
            Error::Json { .. } | Error::JsonFormat { .. } => ErrorCode::Json,
            Error::JsonVersion { .. } => ErrorCode::JsonVersion,
            Error::Invalid { .. } | Error::InvalidFile { .. } => ErrorCode::Invalid,
            Error::Sqlite { .. } => ErrorCode::Database,
            Error::Csv { .. } | Error::Survey { .. } | Error::SurveyRows { .. } => ErrorCode::Csv,
            Error::Usage { .. } => ErrorCode::Usage,
            Error::BadImage { .. } => ErrorCode::Image,
            Error::ChangedOnDisk { .. } => ErrorCode::ChangedOnDisk,
            Error::DifferentProjects { .. } => ErrorCode::DifferentProjects,
            Error::NoCommonHistory { .. } => ErrorCode::NoCommonHistory,
            Error::MergeConflicts { .. } => ErrorCode::MergeConflicts,
            Error::Sync { .. } => ErrorCode::Sync,
            Error::RoomAddress { .. } | Error::Room { .. } => ErrorCode::Room,
            Error::Internal { .. } => ErrorCode::Internal,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> IpcError {
        IpcError {
            code,
            message: message.into(),
        }
    }
}

impl From<waymark::Error> for IpcError {
    fn from(error: waymark::Error) -> IpcError {
        IpcError::new(ErrorCode::from(&error), error.to_string())
    }
}
