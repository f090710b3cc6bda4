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

/// Any record of a project, tagged by its kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", content = "record", rename_all = "kebab-case")]
pub enum Record {
    Project(ProjectInfo),
    Channel(Channel),
    Persona(Persona),
    Journey(Journey),
    Stage(Stage),
    Step(Step),
    Lane(Lane),
    Card(Card),
    EmotionPoint(EmotionPoint),
    MomentOfTruth(MomentOfTruth),
    Participant(Participant),
    Dot(Dot),
    Image(Image),
}

/// What identifies a record: its kind and id (images: their hash).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", content = "id", rename_all = "kebab-case")]
pub enum RecordKey {
    Project(Id),
    Channel(Id),
    Persona(Id),
    Journey(Id),
    Stage(Id),
    Step(Id),
    Lane(Id),
    Card(Id),
    EmotionPoint(Id),
    MomentOfTruth(Id),
    Participant(Id),
    Dot(Id),
    Image(ImageHash),
}

impl RecordKey {
    /// The record as a message names it, e.g. `card 0b1c…`.
    pub fn describe(&self) -> String {
        match self {
            RecordKey::Project(id) => format!("project {id}"),
            RecordKey::Channel(id) => format!("channel {id}"),
            RecordKey::Persona(id) => format!("persona {id}"),
            RecordKey::Journey(id) => format!("journey {id}"),
            RecordKey::Stage(id) => format!("stage {id}"),
            RecordKey::Step(id) => format!("step {id}"),
            RecordKey::Lane(id) => format!("lane {id}"),
            RecordKey::Card(id) => format!("card {id}"),
            RecordKey::EmotionPoint(id) => format!("emotion point {id}"),
            RecordKey::MomentOfTruth(id) => format!("moment of truth {id}"),
            RecordKey::Participant(id) => format!("participant {id}"),
            RecordKey::Dot(id) => format!("dot {id}"),
            RecordKey::Image(hash) => format!("image {hash}"),
        }
    }

    /// An edit of this record that cannot be applied, and why.
    fn refused(&self, problem: &str) -> Error {
        Error::invalid(self.describe(), problem)
    }
}

impl Record {
    pub fn key(&self) -> RecordKey {
        match self {
            Record::Project(r) => RecordKey::Project(r.id),
            Record::Channel(r) => RecordKey::Channel(r.id),
            Record::Persona(r) => RecordKey::Persona(r.id),
            Record::Journey(r) => RecordKey::Journey(r.id),
            Record::Stage(r) => RecordKey::Stage(r.id),
            Record::Step(r) => RecordKey::Step(r.id),
            Record::Lane(r) => RecordKey::Lane(r.id),
            Record::Card(r) => RecordKey::Card(r.id),
            Record::EmotionPoint(r) => RecordKey::EmotionPoint(r.id),
            Record::MomentOfTruth(r) => RecordKey::MomentOfTruth(r.id),
            Record::Participant(r) => RecordKey::Participant(r.id),
            Record::Dot(r) => RecordKey::Dot(r.id),
            Record::Image(r) => RecordKey::Image(r.hash.clone()),
        }
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

macro_rules! position {
    ($project:expr, $field:ident, $id:expr) => {
        $project.$field.iter().position(|r| r.id == *$id)
    };
}

impl Project {
    fn position(&self, key: &RecordKey) -> Option<usize> {
        match key {
            RecordKey::Project(id) => (self.info.id == *id).then_some(0),
            RecordKey::Channel(id) => position!(self, channels, id),
            RecordKey::Persona(id) => position!(self, personas, id),
            RecordKey::Journey(id) => position!(self, journeys, id),
            RecordKey::Stage(id) => position!(self, stages, id),
            RecordKey::Step(id) => position!(self, steps, id),
            RecordKey::Lane(id) => position!(self, lanes, id),
            RecordKey::Card(id) => position!(self, cards, id),
            RecordKey::EmotionPoint(id) => position!(self, emotion_points, id),
            RecordKey::MomentOfTruth(id) => position!(self, moments_of_truth, id),
            RecordKey::Participant(id) => position!(self, participants, id),
            RecordKey::Dot(id) => position!(self, dots, id),
            RecordKey::Image(hash) => self.images.iter().position(|i| i.hash == *hash),
        }
    }

    /// The stored record with this key.
    pub fn record(&self, key: &RecordKey) -> Option<Record> {
        let i = self.position(key)?;
        Some(match key {
            RecordKey::Project(_) => Record::Project(self.info.clone()),
            RecordKey::Channel(_) => Record::Channel(self.channels[i].clone()),
            RecordKey::Persona(_) => Record::Persona(self.personas[i].clone()),
            RecordKey::Journey(_) => Record::Journey(self.journeys[i].clone()),
            RecordKey::Stage(_) => Record::Stage(self.stages[i].clone()),
            RecordKey::Step(_) => Record::Step(self.steps[i].clone()),
            RecordKey::Lane(_) => Record::Lane(self.lanes[i].clone()),
            RecordKey::Card(_) => Record::Card(self.cards[i].clone()),
            RecordKey::EmotionPoint(_) => Record::EmotionPoint(self.emotion_points[i].clone()),
            RecordKey::MomentOfTruth(_) => Record::MomentOfTruth(self.moments_of_truth[i].clone()),
            RecordKey::Participant(_) => Record::Participant(self.participants[i].clone()),
            RecordKey::Dot(_) => Record::Dot(self.dots[i].clone()),
            RecordKey::Image(_) => Record::Image(self.images[i].clone()),
        })
    }

    fn insert(&mut self, record: Record) {
        match record {
            Record::Project(r) => self.info = r,
            Record::Channel(r) => self.channels.push(r),
            Record::Persona(r) => self.personas.push(r),
            Record::Journey(r) => self.journeys.push(r),
            Record::Stage(r) => self.stages.push(r),
            Record::Step(r) => self.steps.push(r),
            Record::Lane(r) => self.lanes.push(r),
            Record::Card(r) => self.cards.push(r),
            Record::EmotionPoint(r) => self.emotion_points.push(r),
            Record::MomentOfTruth(r) => self.moments_of_truth.push(r),
            Record::Participant(r) => self.participants.push(r),
            Record::Dot(r) => self.dots.push(r),
            Record::Image(r) => self.images.push(r),
        }
    }

    fn replace(&mut self, i: usize, record: Record) {
        match record {
            Record::Project(r) => self.info = r,
            Record::Channel(r) => self.channels[i] = r,
            Record::Persona(r) => self.personas[i] = r,
            Record::Journey(r) => self.journeys[i] = r,
            Record::Stage(r) => self.stages[i] = r,
            Record::Step(r) => self.steps[i] = r,
            Record::Lane(r) => self.lanes[i] = r,
            Record::Card(r) => self.cards[i] = r,
            Record::EmotionPoint(r) => self.emotion_points[i] = r,
            Record::MomentOfTruth(r) => self.moments_of_truth[i] = r,
            Record::Participant(r) => self.participants[i] = r,
            Record::Dot(r) => self.dots[i] = r,
            Record::Image(r) => self.images[i] = r,
        }
    }

    fn delete(&mut self, key: &RecordKey, i: usize) {
        match key {
            RecordKey::Project(_) => {}
            RecordKey::Channel(_) => drop(self.channels.remove(i)),
            RecordKey::Persona(_) => drop(self.personas.remove(i)),
            RecordKey::Journey(_) => drop(self.journeys.remove(i)),
            RecordKey::Stage(_) => drop(self.stages.remove(i)),
            RecordKey::Step(_) => drop(self.steps.remove(i)),
            RecordKey::Lane(_) => drop(self.lanes.remove(i)),
            RecordKey::Card(_) => drop(self.cards.remove(i)),
            RecordKey::EmotionPoint(_) => drop(self.emotion_points.remove(i)),
            RecordKey::MomentOfTruth(_) => drop(self.moments_of_truth.remove(i)),
            RecordKey::Participant(_) => drop(self.participants.remove(i)),
            RecordKey::Dot(_) => drop(self.dots.remove(i)),
            RecordKey::Image(_) => drop(self.images.remove(i)),
        }
    }

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
