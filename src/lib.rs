//! Waymark's core: the journey-map model, its typed edits, the `.waymark` SQLite file, and the
//! interchange formats. No user interface here; the CLI and the desktop shell both sit on it.

pub mod catalogue;
pub mod cli;
pub mod edit;
pub mod error;
pub mod export;
pub mod future;
pub mod image_import;
pub mod interchange;
pub mod language;
pub mod layout;
pub mod measure;
pub mod merge;
pub mod model;
pub mod order;
pub mod priority;
pub mod ratings;
pub mod record;
pub mod room;
pub mod sample;
pub mod store;
pub mod summary;
pub mod sync;
pub mod template;
pub mod thumbnail;
pub mod validate;

pub use edit::{Change, Edit, Origin};
pub use error::{Error, Result};
pub use model::*;
pub use record::{Record, RecordKey, RecordKind};

/// Now as an RFC 3339 timestamp (UTC, whole seconds).
pub fn now() -> String {
    let now = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
