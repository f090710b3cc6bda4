//! The kinds of record a project holds, declared once. `record_kinds!` turns the one table below
//! into `Record`, `RecordKey` and `RecordKind` and everything that goes from a kind to where its
//! records live: the project's list (also the store's table), the key field, the noun messages
//! use, and the order one record may depend on another. The bindings generate the TypeScript
//! side from the same table, so a new kind is one row here plus its own fields and rules.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::*;

macro_rules! record_kinds {
    (
        // The project's own record: one per file, kept in `Project::info`.
        $project:ident($info:ty), $project_noun:literal, rank $project_rank:literal;
        // Every other kind: kept in the list `Project::$list` (and the store's table of that
        // name), keyed by its field `$key`.
        $( $kind:ident($record:ty) in $list:ident by $key:ident: $key_ty:ty, $noun:literal, rank $rank:literal; )*
    ) => {
        /// Any record of a project, tagged by its kind.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
        #[serde(tag = "kind", content = "record", rename_all = "kebab-case")]
        pub enum Record {
            $project($info),
            $( $kind($record), )*
        }

        /// What identifies a record: its kind and id (images: their hash).
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
        #[serde(tag = "kind", content = "id", rename_all = "kebab-case")]
        pub enum RecordKey {
            $project(Id),
            $( $kind($key_ty), )*
        }

        /// A kind of record, as `Record` and `RecordKey` name it in their `kind` tag.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "kebab-case")]
        pub enum RecordKind {
            $project,
            $( $kind, )*
        }

        impl RecordKind {
            pub const ALL: &[RecordKind] = &[RecordKind::$project, $( RecordKind::$kind, )*];

            /// How messages name a record of this kind, e.g. "moment of truth".
            pub fn noun(self) -> &'static str {
                match self {
                    RecordKind::$project => $project_noun,
                    $( RecordKind::$kind => $noun, )*
                }
            }

            /// The list of `Project` holding this kind, which is also the store's table of it;
            /// none for the project's own record.
            pub fn list(self) -> Option<&'static str> {
                match self {
                    RecordKind::$project => None,
                    $( RecordKind::$kind => Some(stringify!($list)), )*
                }
            }

            /// The field that identifies a record of this kind.
            pub fn key_field(self) -> &'static str {
                match self {
                    RecordKind::$project => "id",
                    $( RecordKind::$kind => stringify!($key), )*
                }
            }

            /// A record refers only to kinds of a lower rank (a card also to cards), so records
            /// added in rank order never point at a kind that is not there yet.
            pub fn rank(self) -> u8 {
                match self {
                    RecordKind::$project => $project_rank,
                    $( RecordKind::$kind => $rank, )*
                }
            }
        }

        impl Record {
            pub fn kind(&self) -> RecordKind {
                match self {
                    Record::$project(_) => RecordKind::$project,
                    $( Record::$kind(_) => RecordKind::$kind, )*
                }
            }

            pub fn key(&self) -> RecordKey {
                match self {
                    Record::$project(r) => RecordKey::$project(r.id),
                    $( Record::$kind(r) => RecordKey::$kind(r.$key.clone()), )*
                }
            }
        }

        impl RecordKey {
            pub fn kind(&self) -> RecordKind {
                match self {
                    RecordKey::$project(_) => RecordKind::$project,
                    $( RecordKey::$kind(_) => RecordKind::$kind, )*
                }
            }

            /// The id (or hash) as text, as the store keeps it.
            pub fn id_text(&self) -> String {
                match self {
                    RecordKey::$project(id) => id.to_string(),
                    $( RecordKey::$kind(key) => key.to_string(), )*
                }
            }
        }

        impl Project {
            /// Every record: the project's own first, then each list in the order declared.
            pub fn records(&self) -> impl Iterator<Item = Record> + '_ {
                std::iter::once(Record::$project(self.info.clone()))
                    $( .chain(self.$list.iter().cloned().map(Record::$kind)) )*
            }

            pub(crate) fn position(&self, key: &RecordKey) -> Option<usize> {
                match key {
                    RecordKey::$project(id) => (self.info.id == *id).then_some(0),
                    $( RecordKey::$kind(key) => self.$list.iter().position(|r| r.$key == *key), )*
                }
            }

            /// The stored record with this key.
            pub fn record(&self, key: &RecordKey) -> Option<Record> {
                let i = self.position(key)?;
                Some(match key {
                    RecordKey::$project(_) => Record::$project(self.info.clone()),
                    $( RecordKey::$kind(_) => Record::$kind(self.$list[i].clone()), )*
                })
            }

            /// Adds a record at the end of its list (the project's own record replaces `info`).
            pub(crate) fn insert(&mut self, record: Record) {
                match record {
                    Record::$project(r) => self.info = r,
                    $( Record::$kind(r) => self.$list.push(r), )*
                }
            }

            /// Puts `record` in place of the one at `i` in its list.
            pub(crate) fn replace(&mut self, i: usize, record: Record) {
                match record {
                    Record::$project(r) => self.info = r,
                    $( Record::$kind(r) => self.$list[i] = r, )*
                }
            }

            /// Removes the record at `i` of the key's list; the project's own record stays.
            pub(crate) fn delete(&mut self, key: &RecordKey, i: usize) {
                match key {
                    RecordKey::$project(_) => {}
                    $( RecordKey::$kind(_) => drop(self.$list.remove(i)), )*
                }
            }
        }
    };
}

record_kinds! {
    Project(ProjectInfo), "project", rank 0;
    Channel(Channel) in channels by id: Id, "channel", rank 2;
    Persona(Persona) in personas by id: Id, "persona", rank 3;
    Journey(Journey) in journeys by id: Id, "journey", rank 4;
    Stage(Stage) in stages by id: Id, "stage", rank 5;
    Step(Step) in steps by id: Id, "step", rank 6;
    Lane(Lane) in lanes by id: Id, "lane", rank 7;
    Card(Card) in cards by id: Id, "card", rank 8;
    EmotionPoint(EmotionPoint) in emotion_points by id: Id, "emotion point", rank 9;
    MomentOfTruth(MomentOfTruth) in moments_of_truth by id: Id, "moment of truth", rank 10;
    Participant(Participant) in participants by id: Id, "participant", rank 11;
    Dot(Dot) in dots by id: Id, "dot", rank 12;
    SurveyImport(SurveyImport) in survey_imports by id: Id, "survey import", rank 13;
    Measurement(Measurement) in measurements by id: Id, "measurement", rank 14;
    Submission(Submission) in submissions by id: Id, "submission", rank 15;
    Rating(Rating) in ratings by id: Id, "rating", rank 16;
    Image(Image) in images by hash: ImageHash, "image", rank 1;
}

impl RecordKey {
    /// The record as a message names it, e.g. `card 0b1c…`.
    pub fn describe(&self) -> String {
        format!("{} {}", self.kind().noun(), self.id_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_named_as_its_tag_and_lives_in_the_project_list_of_that_name() {
        let project = crate::sample::generate(crate::sample::Size {
            stages: 2,
            steps_per_stage: 2,
            lanes: 3,
            cards: 12,
            personas: 2,
        });
        let fields = serde_json::to_value(&project).expect("serialises");
        for kind in RecordKind::ALL {
            let tag = serde_json::to_value(kind).expect("a tag");
            match kind.list() {
                Some(list) => assert!(fields.get(list).is_some_and(|v| v.is_array()), "{list}"),
                None => assert_eq!(*kind, RecordKind::Project),
            }
            assert_eq!(
                tag.as_str().expect("text").replace('-', " "),
                kind.noun(),
                "{kind:?}"
            );
        }
        let mut ranks: Vec<u8> = RecordKind::ALL.iter().map(|k| k.rank()).collect();
        ranks.sort();
        ranks.dedup();
        assert_eq!(ranks.len(), RecordKind::ALL.len(), "one rank per kind");
        for record in project.records() {
            assert_eq!(record.key().kind(), record.kind());
            assert_eq!(project.record(&record.key()), Some(record));
        }
    }
}
