//! One replica of a live project: its records in the engine's document.
//!
//! Layout of the document: the root map `records` holds one map per record, keyed
//! `KIND:ID` (`card:0b1c…`, `image:HASH`). In it, `placement` is the record's parent ids and order
//! key as one JSON value, `f:FIELD` each other field as JSON, `text` a card's text as the
//! engine's text, `data` an image's bytes, and `removed` the soft delete. Every key is a
//! last-writer-wins register of the engine (Lamport time, ties by peer id), so every replica that
//! has seen the same edits holds the same values.
//!
//! Each open of a file is its own engine peer with a random id: a copied file that goes on
//! editing can then never pose as the replica it was copied from.

use loro::{
    Container, ExportMode, LoroDoc, LoroMap, LoroValue, UpdateOptions, ValueOrContainer,
    VersionVector,
};

use super::fields::{self, Split};
use crate::edit::{Change, Edit};
use crate::error::{Error, Result};
use crate::model::Project;
use crate::record::{Record, RecordKind};

const RECORDS: &str = "records";
const PLACEMENT: &str = "placement";
const REMOVED: &str = "removed";
const TEXT: &str = "text";
const VALUE_PREFIX: &str = "f:";

pub struct Replica {
    doc: LoroDoc,
    /// What the file already holds of the engine's state.
    stored: VersionVector,
}

fn engine_error(what: impl std::fmt::Display) -> Error {
    Error::Sync {
        what: format!("the live-editing state could not be read or changed ({what})"),
    }
}

fn kind_tag(kind: RecordKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn record_key(record: &Record) -> String {
    format!("{}:{}", kind_tag(record.kind()), record.key().id_text())
}

fn kind_of(key: &str) -> Option<RecordKind> {
    let (tag, _) = key.split_once(':')?;
    serde_json::from_value(serde_json::Value::String(tag.to_string())).ok()
}

fn string_value(map: &LoroMap, key: &str) -> Option<String> {
    match map.get(key)? {
        ValueOrContainer::Value(LoroValue::String(s)) => Some(s.to_string()),
        _ => None,
    }
}

impl Replica {
    /// A project going live: every record written as the document's first commit.
    pub fn start(project: &Project) -> Result<Replica> {
        let mut replica = Replica {
            doc: LoroDoc::new(),
            stored: VersionVector::default(),
        };
        for record in project.records() {
            replica.put(&record)?;
        }
        replica.doc.commit();
        Ok(replica)
    }

    /// The replica a file's stored parts (a snapshot, then updates, in order) add up to.
    pub fn load(parts: &[Vec<u8>]) -> Result<Replica> {
        let doc = LoroDoc::new();
        if !parts.is_empty() {
            doc.import_batch(parts).map_err(engine_error)?;
        }
        let stored = doc.oplog_vv();
        Ok(Replica { doc, stored })
    }

    /// An empty replica that will receive a project from a server (`waymark clone`).
    pub fn empty() -> Replica {
        Replica {
            doc: LoroDoc::new(),
            stored: VersionVector::default(),
        }
    }

    /// Records a typed change made here as the engine's edits: only the fields that changed are
    /// written, so a concurrent edit of another field of the same record survives the merge.
    pub fn record_local(&mut self, change: &Change) -> Result<()> {
        for edit in &change.edits {
            match edit {
                Edit::Add { record } | Edit::Update { after: record, .. } => self.put(record)?,
                Edit::Remove { record } => {
                    let map = self.record_map(record)?;
                    map.insert(REMOVED, true).map_err(engine_error)?;
                }
            }
        }
        self.doc.commit();
        Ok(())
    }

    /// A record's map; created mergeable, so two replicas that both write a record they have
    /// not seen each other create (an undone removal on both sides) get one map, not two.
    fn record_map(&self, record: &Record) -> Result<LoroMap> {
        self.doc
            .get_map(RECORDS)
            .ensure_mergeable_map(&record_key(record))
            .map_err(engine_error)
    }

    /// Writes a record, visible, with each part the engine does not already hold.
    fn put(&mut self, record: &Record) -> Result<()> {
        let map = self.record_map(record)?;
        let set = |key: &str, value: LoroValue| -> Result<()> {
            let current = match map.get(key) {
                Some(ValueOrContainer::Value(v)) => Some(v),
                _ => None,
            };
            if current.as_ref() != Some(&value) {
                map.insert(key, value).map_err(engine_error)?;
            }
            Ok(())
        };
        set(REMOVED, LoroValue::Bool(false))?;
        let Split {
            placement,
            values,
            text,
            binary,
        } = fields::split(record);
        if let Some(placement) = placement {
            set(PLACEMENT, placement.into())?;
        }
        for (name, json) in values {
            set(&format!("{VALUE_PREFIX}{name}"), json.into())?;
        }
        if let Some((name, bytes)) = binary {
            set(&name, LoroValue::from(bytes))?;
        }
        if let Some(text) = text {
            let engine_text = map.ensure_mergeable_text(TEXT).map_err(engine_error)?;
            if engine_text.to_string() != text {
                // Without a timeout the diff always completes.
                engine_text
                    .update(&text, UpdateOptions::default())
                    .map_err(engine_error)?;
            }
        }
        Ok(())
    }

    /// Every record the document holds that is not removed, in no particular order. A record
    /// whose parts do not make a record of its kind is an error: it was written by a build of
    /// another sync format, which the server refuses before it can get here.
    pub fn records(&self) -> Result<Vec<Record>> {
        let mut records = Vec::new();
        let mut unreadable = None;
        self.doc.get_map(RECORDS).for_each(|key, value| {
            let ValueOrContainer::Container(Container::Map(map)) = value else {
                unreadable.get_or_insert_with(|| key.to_string());
                return;
            };
            if matches!(
                map.get(REMOVED),
                Some(ValueOrContainer::Value(LoroValue::Bool(true)))
            ) {
                return;
            }
            let Some(kind) = kind_of(key) else {
                unreadable.get_or_insert_with(|| key.to_string());
                return;
            };
            match read(kind, &map) {
                Some(record) => records.push(record),
                None => {
                    unreadable.get_or_insert_with(|| key.to_string());
                }
            }
        });
        match unreadable {
            Some(key) => Err(engine_error(format!("record {key} cannot be read"))),
            None => Ok(records),
        }
    }

    /// The engine's version of a record, removed or not (e.g. to bring a removed one back with
    /// the edits others made meanwhile).
    pub fn record(&self, record: &Record) -> Option<Record> {
        match self.doc.get_map(RECORDS).get(&record_key(record))? {
            ValueOrContainer::Container(Container::Map(map)) => read(record.kind(), &map),
            _ => None,
        }
    }

    /// Takes in edits from another replica (a snapshot or updates, as the server sends them).
    pub fn import(&mut self, bytes: &[u8]) -> Result<()> {
        self.doc.import(bytes).map(|_| ()).map_err(engine_error)
    }

    /// The engine's edits the file does not hold yet, to be written in the transaction of the
    /// change that caused them; `None` when there are none.
    pub fn unstored(&self) -> Result<Option<Vec<u8>>> {
        if self.doc.oplog_vv() == self.stored {
            return Ok(None);
        }
        self.doc
            .export(ExportMode::updates(&self.stored))
            .map(Some)
            .map_err(engine_error)
    }

    /// The whole state in one part, replacing a file's snapshot and updates when they grow.
    pub fn snapshot(&self) -> Result<Vec<u8>> {
        self.doc.export(ExportMode::Snapshot).map_err(engine_error)
    }

    /// The state without the history before now (the engine's shallow snapshot): the smallest
    /// form, for a server's archive; a replica that has not seen everything up to now can no
    /// longer merge with it, so files keep the full snapshot.
    pub fn compacted(&self) -> Result<Vec<u8>> {
        self.doc
            .export(ExportMode::shallow_snapshot(&self.doc.oplog_frontiers()))
            .map_err(engine_error)
    }

    /// After the transaction holding `unstored()` committed.
    pub fn mark_stored(&mut self) {
        self.stored = self.doc.oplog_vv();
    }

    /// What this replica has seen, as the engine encodes it.
    pub fn version(&self) -> Vec<u8> {
        self.doc.oplog_vv().encode()
    }

    /// The edits a replica at `version` lacks.
    pub fn updates_since(&self, version: &[u8]) -> Result<Vec<u8>> {
        let since = if version.is_empty() {
            VersionVector::default()
        } else {
            VersionVector::decode(version).map_err(engine_error)?
        };
        self.doc
            .export(ExportMode::updates(&since))
            .map_err(engine_error)
    }

    /// Whether this replica holds edits a replica at `version` lacks (an unreadable version
    /// lacks everything).
    pub fn ahead_of(&self, version: &[u8]) -> bool {
        let known = VersionVector::decode(version).unwrap_or_default();
        self.doc
            .oplog_vv()
            .iter()
            .any(|(peer, counter)| known.get(peer).copied().unwrap_or(0) < *counter)
    }
}

fn read(kind: RecordKind, map: &LoroMap) -> Option<Record> {
    let mut split = Split {
        placement: string_value(map, PLACEMENT),
        values: Vec::new(),
        text: None,
        binary: None,
    };
    map.for_each(|key, value| {
        if let Some(name) = key.strip_prefix(VALUE_PREFIX) {
            if let ValueOrContainer::Value(LoroValue::String(json)) = value {
                split.values.push((name.to_string(), json.to_string()));
            }
        } else if fields::is_binary(kind, key) {
            if let ValueOrContainer::Value(LoroValue::Binary(bytes)) = value {
                split.binary = Some((key.to_string(), bytes.to_vec()));
            }
        } else if fields::is_text(kind, key) {
            if let ValueOrContainer::Container(Container::Text(text)) = value {
                split.text = Some(text.to_string());
            }
        }
    });
    fields::join(kind, split)
}
