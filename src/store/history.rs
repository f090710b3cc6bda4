//! The lineage of a project file: every change applied to it, in order (table `history`,
//! migrations/002_history.sql). A merge finds the state two copies last shared from it.

use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::edit::{Change, Edit, Origin};
use crate::model::Project;

type Sql<T> = rusqlite::Result<T>;

/// One applied change as the file recorded it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub change: Change,
    /// RFC 3339, when the change was committed to this file.
    pub applied: String,
    /// For a merge: the ids of the other copy's changes this one brought in.
    pub merged: Vec<Uuid>,
    /// Made on another replica of a live project and received through the sync engine.
    #[serde(default)]
    pub remote: bool,
    /// Who made the change (schema 6; earlier changes all came from the editor).
    #[serde(default)]
    pub origin: Origin,
}

impl HistoryEntry {
    pub fn new(change: Change, applied: &str) -> HistoryEntry {
        HistoryEntry {
            change,
            applied: applied.to_string(),
            merged: Vec::new(),
            remote: false,
            origin: Origin::Editor,
        }
    }
}

/// How a project without participants or dots serialises them (at the project's indentation).
const EMPTY_VOTES: &str = "\n    \"participants\": [],\n    \"dots\": [],";
/// How a project without room submissions or ratings serialises them.
const EMPTY_ROOM: &str = "\n    \"submissions\": [],\n    \"ratings\": [],";

/// How a project without survey results serialises them (schema 4).
const EMPTY_MEASUREMENTS: &str = "\n    \"measurements\": [],\n    \"survey_imports\": [],";

/// The id of the origin entry of a history that starts from `project`.
///
/// Derived from the content rather than random, so two copies of one schema-1 file migrated
/// separately, or two files imported from the same JSON, still share their origin; copies that
/// were edited before their history began do not, and a merge refuses them instead of guessing.
pub fn origin_id(project: &Project) -> Uuid {
    let mut content = project.clone();
    // The timestamp is not content: the same records saved at two moments are the same project.
    content.modified = String::new();
    let mut text = crate::interchange::json::to_string(&content);
    // Without votes, hash the text a schema-2 build hashed, so copies of one older file that
    // builds before and after schema 3 migrated still share their origin. Inside strings a line
    // break is escaped, so this exact text can only be the two empty lists.
    // The same for schema 6's room records, so a file without any keeps its earlier origin.
    if content.submissions.is_empty() && content.ratings.is_empty() {
        text = text.replacen(EMPTY_ROOM, "", 1);
    }
    if content.participants.is_empty() && content.dots.is_empty() {
        text = text.replacen(EMPTY_VOTES, "", 1);
    }
    // Likewise for the text builds before schema 4 hashed (cards without a measuring key leave
    // the field out, so they hash as before).
    if content.measurements.is_empty() && content.survey_imports.is_empty() {
        text = text.replacen(EMPTY_MEASUREMENTS, "", 1);
    }
    let digest = Sha256::digest(text.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

pub fn origin(project: &Project, applied: &str) -> HistoryEntry {
    HistoryEntry::new(
        Change {
            id: origin_id(project),
            edits: Vec::new(),
        },
        applied,
    )
}

fn to_json<T: Serialize>(value: &T) -> Sql<String> {
    serde_json::to_string(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

pub fn append(tx: &Transaction, entry: &HistoryEntry) -> Sql<()> {
    tx.prepare_cached(
        "INSERT INTO history (id, applied, edits, merged, remote, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        entry.change.id.to_string(),
        entry.applied,
        to_json(&entry.change.edits)?,
        to_json(&entry.merged)?,
        entry.remote,
        entry.origin.key()
    ])?;
    Ok(())
}

/// The last history row's sequence number (0 without any).
pub fn last_seq(conn: &Connection) -> Sql<i64> {
    conn.query_row("SELECT coalesce(max(seq), 0) FROM history", [], |r| {
        r.get(0)
    })
}

/// How many changes made here follow the row `after`.
pub fn local_since(conn: &Connection, after: i64) -> Sql<usize> {
    let count: i64 = conn.query_row(
        "SELECT count(*) FROM history WHERE seq > ?1 AND remote = 0",
        [after],
        |r| r.get(0),
    )?;
    Ok(usize::try_from(count).unwrap_or(0))
}

pub fn is_empty(conn: &Connection) -> Sql<bool> {
    conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM history)", [], |r| {
        r.get(0)
    })
}

pub fn load(conn: &Connection) -> Sql<Vec<HistoryEntry>> {
    let bad = |column: usize, e: Box<dyn std::error::Error + Send + Sync>| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, e)
    };
    // A file read without migrating it may predate schema 5 (no `remote`: all its changes were
    // made here) or schema 6 (no `origin`: all came from the editor).
    let has_column = |name: &str| -> Sql<bool> {
        conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info('history') WHERE name = ?1)",
            [name],
            |r| r.get(0),
        )
    };
    let remote = if has_column("remote")? { "remote" } else { "0" };
    let origin = if has_column("origin")? {
        "origin"
    } else {
        "'editor'"
    };
    let mut statement = conn.prepare(&format!(
        "SELECT id, applied, edits, merged, {origin}, {remote} FROM history ORDER BY seq"
    ))?;
    let rows = statement.query_map([], |row| {
        let id: String = row.get(0)?;
        let edits: String = row.get(2)?;
        let merged: String = row.get(3)?;
        let origin: String = row.get(4)?;
        Ok(HistoryEntry {
            change: Change {
                id: Uuid::parse_str(&id).map_err(|e| bad(0, Box::new(e)))?,
                edits: serde_json::from_str::<Vec<Edit>>(&edits)
                    .map_err(|e| bad(2, Box::new(e)))?,
            },
            applied: row.get(1)?,
            merged: serde_json::from_str(&merged).map_err(|e| bad(3, Box::new(e)))?,
            remote: row.get(5)?,
            origin: Origin::from_key(&origin).ok_or_else(|| {
                bad(
                    4,
                    format!("{origin:?} is not a known origin of a change").into(),
                )
            })?,
        })
    })?;
    rows.collect()
}
