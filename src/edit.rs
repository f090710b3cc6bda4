//! Typed edits: the one way a project changes. The same `Change` is an undo step in the editor,
//! one SQLite transaction in the store, and (later) the unit of merge.
//!
//! A move is an `Update` whose `after` has a new parent or order key; keeping it an update means
//! undo, storage and merge need no special case for it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::Error;
use crate::model::*;
use crate::record::{Record, RecordKey};

impl RecordKey {
    /// An edit of this record that cannot be applied, and why.
    fn refused(&self, problem: &str) -> Error {
        Error::invalid(self.describe(), problem)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Edit {
    Add {
        record: Record,
    },
    /// `before` must equal the stored record: an edit made against stale state is refused.
    Update {
        before: Record,
        after: Record,
    },
    Remove {
        record: Record,
    },
}

impl Edit {
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Add { record } => Edit::Remove {
                record: record.clone(),
            },
            Edit::Remove { record } => Edit::Add {
                record: record.clone(),
            },
            Edit::Update { before, after } => Edit::Update {
                before: after.clone(),
                after: before.clone(),
            },
        }
    }
}

/// Where a change came from, as a file's history records it: the editor (a keystroke, an undo,
/// an import, a merge), the workshop room (a phone's card, dot or rating, an approval), or
/// another replica of a live project, received through the sync engine.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    #[default]
    Editor,
    Room,
    Remote,
}

impl Origin {
    /// The name the history's `origin` column holds.
    pub fn key(self) -> &'static str {
        match self {
            Origin::Editor => "editor",
            Origin::Room => "room",
            Origin::Remote => "remote",
        }
    }

    pub fn from_key(key: &str) -> Option<Origin> {
        [Origin::Editor, Origin::Room, Origin::Remote]
            .into_iter()
            .find(|o| o.key() == key)
    }
}

/// Edits applied together or not at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Change {
    pub id: Uuid,
    pub edits: Vec<Edit>,
}

impl Change {
    pub fn new(edits: Vec<Edit>) -> Change {
        Change {
            id: Uuid::new_v4(),
            edits,
        }
    }

    /// The change that undoes this one.
    pub fn inverse(&self) -> Change {
        Change::new(self.edits.iter().rev().map(Edit::inverse).collect())
    }
}

impl Project {
    fn apply_edit(&mut self, edit: &Edit) -> Result<(), Error> {
        match edit {
            Edit::Add { record } => {
                let key = record.key();
                if matches!(key, RecordKey::Project(_)) {
                    return Err(key.refused("a project has exactly one project record"));
                }
                if self.position(&key).is_some() {
                    return Err(key.refused("a record with this id already exists"));
                }
                if let Record::Image(image) = record {
                    if Image::hash_of(&image.data) != image.hash {
                        return Err(key.refused("its bytes do not match its hash"));
                    }
                }
                self.insert(record.clone());
            }
            Edit::Update { before, after } => {
                let key = before.key();
                if after.key() != key {
                    return Err(key.refused("an update cannot change a record's id or kind"));
                }
                let i = self
                    .position(&key)
                    .ok_or_else(|| key.refused("no such record"))?;
                if self.record(&key).as_ref() != Some(before) {
                    return Err(key.refused("the record changed since this edit was made"));
                }
                self.replace(i, after.clone());
            }
            Edit::Remove { record } => {
                let key = record.key();
                if matches!(key, RecordKey::Project(_)) {
                    return Err(key.refused("the project record cannot be removed"));
                }
                let i = self
                    .position(&key)
                    .ok_or_else(|| key.refused("no such record"))?;
                if self.record(&key).as_ref() != Some(record) {
                    return Err(key.refused("the record changed since this edit was made"));
                }
                self.delete(&key, i);
            }
        }
        Ok(())
    }

    /// Applies a change in memory, all or nothing: on any error the project is as it was.
    /// The result must pass `validate`, so a change cannot leave a dangling reference.
    pub fn apply(&mut self, change: &Change) -> Result<(), Error> {
        let mut applied = 0;
        let mut outcome = Ok(());
        for edit in &change.edits {
            if let Err(e) = self.apply_edit(edit) {
                outcome = Err(e);
                break;
            }
            applied += 1;
        }
        if outcome.is_ok() {
            outcome = self.validate_with(false);
        }
        if outcome.is_err() {
            for edit in change.edits[..applied].iter().rev() {
                // The inverse of an edit that just succeeded always applies.
                let _ = self.apply_edit(&edit.inverse());
            }
        }
        // Adds push to the end and undone removes re-add there; restore the canonical order so
        // the in-memory project equals what the store loads.
        self.canonicalize();
        outcome
    }
}
