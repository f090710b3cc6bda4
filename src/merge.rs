//! Three-way merge of two copies of one project that were edited apart.
//!
//! **Ancestor.** Each file records its lineage (store::history): the changes applied to it, and
//! for a merge the other copy's changes it brought in. The ancestor is the longest prefix of one
//! side's history whose changes all belong to the other side's lineage — without earlier merges,
//! simply the longest common prefix; after one, it is the state the earlier merge brought over,
//! so edits merged once are not seen as conflicts again.
//!
//! **Base.** The ancestor's state is rebuilt by applying the inverses of that side's later
//! changes, newest first. Replaying from an empty project would need the whole history from the
//! very start, which files migrated from schema 1 do not have; an inverse needs only the change
//! itself, since every update carries the full record before and after.
//!
//! **Merge.** Per record key, and within a record per field: what only one side changed is
//! taken; what both changed alike is taken once; what both changed differently is a conflict,
//! as is an edit on one side of a record deleted on the other. Conflicts are chosen per
//! conflict (`resolve`). Then the rule that a deletion never takes away what the other side still
//! uses: a record deleted on one side that a surviving record refers to (the lane of a card the
//! other side added) is kept, and the report says so. The result must pass `validate`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use crate::edit::{Change, Edit};
use crate::error::{Error, Result};
use crate::model::*;
use crate::record::{Record, RecordKey};
use crate::store::{HistoryEntry, ProjectFile};

/// One copy to merge: where it came from, what it holds, and its recorded history.
#[derive(Debug, Clone)]
pub struct Side {
    pub path: PathBuf,
    pub project: Project,
    pub history: Vec<HistoryEntry>,
}

impl Side {
    /// Reads a copy without writing to it (no in-use mark, no migration).
    pub fn read(path: &Path) -> Result<Side> {
        let file = ProjectFile::open_read_only(path)?;
        let side = Side::of(&file)?;
        file.close()?;
        Ok(side)
    }

    /// The copy an open file holds, e.g. the project open in the app.
    pub fn of(file: &ProjectFile) -> Result<Side> {
        Ok(Side {
            path: file.path().to_path_buf(),
            project: file.project().clone(),
            history: file.history()?,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Prefer {
    Mine,
    Theirs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConflictKind {
    /// Both sides changed the same fields of a record, differently.
    ChangedOnBoth,
    /// Both sides moved or reordered the record, to different places.
    ReorderedOnBoth,
    /// Mine deleted it, theirs changed it.
    DeletedInMine,
    /// Theirs deleted it, mine changed it.
    DeletedInTheirs,
}

#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub key: RecordKey,
    /// Fields both sides changed differently (empty for a deletion).
    pub fields: Vec<String>,
    pub base: Option<Record>,
    pub mine: Option<Record>,
    pub theirs: Option<Record>,
}

/// One field of a conflict as a person reads it: its value on each side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldValues {
    pub field: String,
    pub mine: String,
    pub theirs: String,
}

impl Conflict {
    /// The record as a person recognises it, e.g. `card "Finds the shop"`.
    pub fn record(&self) -> String {
        self.mine
            .as_ref()
            .or(self.theirs.as_ref())
            .or(self.base.as_ref())
            .map(label)
            .unwrap_or_else(|| self.key.describe())
    }

    /// The fields in question with each side's value. For a deletion: the fields the other
    /// side changed, and "deleted" on the side that deleted the record.
    pub fn values(&self) -> Vec<FieldValues> {
        let (fields, survivor) = match self.kind {
            ConflictKind::DeletedInMine => (
                differing_fields(self.base.as_ref(), self.theirs.as_ref()).unwrap_or_default(),
                Prefer::Theirs,
            ),
            ConflictKind::DeletedInTheirs => (
                differing_fields(self.base.as_ref(), self.mine.as_ref()).unwrap_or_default(),
                Prefer::Mine,
            ),
            ConflictKind::ChangedOnBoth | ConflictKind::ReorderedOnBoth => {
                return self
                    .fields
                    .iter()
                    .map(|f| FieldValues {
                        field: f.clone(),
                        mine: field(self.mine.as_ref(), f),
                        theirs: field(self.theirs.as_ref(), f),
                    })
                    .collect();
            }
        };
        fields
            .into_iter()
            .map(|f| {
                let kept = match survivor {
                    Prefer::Mine => field(self.mine.as_ref(), &f),
                    Prefer::Theirs => field(self.theirs.as_ref(), &f),
                };
                let (mine, theirs) = match survivor {
                    Prefer::Mine => (kept, "deleted".to_string()),
                    Prefer::Theirs => ("deleted".to_string(), kept),
                };
                FieldValues {
                    field: f,
                    mine,
                    theirs,
                }
            })
            .collect()
    }

    /// E.g. `card "Finds the shop" was changed on both sides: text is "A" in mine, "B" in theirs`.
    pub fn describe(&self) -> String {
        let record = self.record();
        match self.kind {
            ConflictKind::DeletedInMine => {
                format!("{record} was deleted in mine but changed in theirs")
            }
            ConflictKind::DeletedInTheirs => {
                format!("{record} was deleted in theirs but changed in mine")
            }
            ConflictKind::ChangedOnBoth | ConflictKind::ReorderedOnBoth => {
                let what = if self.kind == ConflictKind::ReorderedOnBoth {
                    "was moved or reordered differently on both sides"
                } else {
                    "was changed on both sides"
                };
                let values: Vec<String> = self
                    .fields
                    .iter()
                    .map(|f| {
                        format!(
                            "{f} is {} in mine, {} in theirs",
                            field(self.mine.as_ref(), f),
                            field(self.theirs.as_ref(), f)
                        )
                    })
                    .collect();
                format!("{record} {what}: {}", values.join("; "))
            }
        }
    }
}

/// What a merge would do, before conflicts are chosen.
#[derive(Debug, Clone)]
pub struct MergePlan {
    pub mine: Side,
    pub theirs: Side,
    /// The state both copies last shared.
    pub base: Project,
    pub conflicts: Vec<Conflict>,
    /// The merged record per key, for every key without a conflict (`None`: deleted).
    decided: Vec<(RecordKey, Option<Record>)>,
    /// Changes of theirs that mine's lineage does not have yet.
    brought_in: Vec<Uuid>,
}

/// A merge with every conflict chosen and the result checked.
#[derive(Debug, Clone)]
pub struct Merged {
    pub project: Project,
    /// The change from mine to the merged project; recorded in the result's history.
    pub change: Change,
    /// Records kept although one side deleted them, because the merge still uses them.
    pub kept: Vec<String>,
    history: Vec<HistoryEntry>,
}

/// Finds the common ancestor and merges everything that does not conflict.
pub fn plan(mine: Side, theirs: Side) -> Result<MergePlan> {
    if mine.project.info.id != theirs.project.info.id {
        return Err(Error::DifferentProjects {
            mine: mine.path,
            theirs: theirs.path,
        });
    }
    let mine_lineage = lineage(&mine.history);
    let theirs_lineage = lineage(&theirs.history);
    let in_mine = shared_prefix(&mine.history, &theirs_lineage);
    let in_theirs = shared_prefix(&theirs.history, &mine_lineage);
    if in_mine == 0 && in_theirs == 0 {
        return Err(Error::NoCommonHistory {
            mine: mine.path,
            theirs: theirs.path,
        });
    }
    // Of the two candidate ancestors, the one that has seen more changes is the nearer one.
    let base =
        if lineage(&theirs.history[..in_theirs]).len() > lineage(&mine.history[..in_mine]).len() {
            rebuild(&theirs, in_theirs)?
        } else {
            rebuild(&mine, in_mine)?
        };

    let base_records = records(&base);
    let mine_records = records(&mine.project);
    let theirs_records = records(&theirs.project);
    let mut keys: Vec<&RecordKey> = base_records
        .keys()
        .chain(mine_records.keys())
        .chain(theirs_records.keys())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    keys.sort_by_cached_key(|k| (k.kind().rank(), k.describe()));

    let mut decided = Vec::new();
    let mut conflicts = Vec::new();
    for key in keys {
        let (b, m, t) = (
            base_records.get(key),
            mine_records.get(key),
            theirs_records.get(key),
        );
        let outcome = if m == t || t == b {
            Ok(m.cloned())
        } else if m == b {
            Ok(t.cloned())
        } else {
            match (b, m, t) {
                (Some(b), Some(m), Some(t)) => merge_fields(b, m, t).map(Some),
                (Some(_), None, Some(_)) => Err((ConflictKind::DeletedInMine, vec![])),
                (Some(_), Some(_), None) => Err((ConflictKind::DeletedInTheirs, vec![])),
                // Added on both sides under one key, differently: only ids chosen by hand do that.
                _ => Err((
                    ConflictKind::ChangedOnBoth,
                    differing_fields(m, t).unwrap_or_default(),
                )),
            }
        };
        match outcome {
            Ok(record) => decided.push((key.clone(), record)),
            Err((kind, fields)) => conflicts.push(Conflict {
                kind,
                key: key.clone(),
                fields,
                base: b.cloned(),
                mine: m.cloned(),
                theirs: t.cloned(),
            }),
        }
    }
    let mut brought_in: Vec<Uuid> = theirs
        .history
        .iter()
        .flat_map(|e| std::iter::once(e.change.id).chain(e.merged.iter().copied()))
        .filter(|id| !mine_lineage.contains(id))
        .collect();
    brought_in.dedup();
    Ok(MergePlan {
        mine,
        theirs,
        base,
        conflicts,
        decided,
        brought_in,
    })
}

impl MergePlan {
    /// Resolves every conflict the same way.
    pub fn resolve_all(&self, prefer: Prefer) -> Result<Merged> {
        self.resolve(&vec![prefer; self.conflicts.len()])
    }

    /// Resolves conflict `i` by `choices[i]`, keeps what a deletion would orphan, and checks the
    /// result.
    pub fn resolve(&self, choices: &[Prefer]) -> Result<Merged> {
        if choices.len() != self.conflicts.len() {
            return Err(Error::Usage {
                what: format!(
                    "{} conflicts need {} choices, got {}",
                    self.conflicts.len(),
                    self.conflicts.len(),
                    choices.len()
                ),
            });
        }
        let mut result: HashMap<RecordKey, Record> = self
            .decided
            .iter()
            .filter_map(|(k, r)| r.clone().map(|r| (k.clone(), r)))
            .collect();
        for (conflict, choice) in self.conflicts.iter().zip(choices) {
            let chosen = match choice {
                Prefer::Mine => &conflict.mine,
                Prefer::Theirs => &conflict.theirs,
            };
            if let Some(record) = chosen {
                result.insert(conflict.key.clone(), record.clone());
            }
        }
        let kept = self.keep_what_is_used(&mut result);

        let mine = records(&self.mine.project);
        let mut keys: Vec<&RecordKey> = mine.keys().chain(result.keys()).collect();
        keys.sort_by_cached_key(|k| (k.kind().rank(), k.describe()));
        keys.dedup();
        let edits: Vec<Edit> = keys
            .into_iter()
            .filter_map(|key| match (mine.get(key), result.get(key)) {
                (None, Some(after)) => Some(Edit::Add {
                    record: after.clone(),
                }),
                (Some(before), None) => Some(Edit::Remove {
                    record: before.clone(),
                }),
                (Some(before), Some(after)) if before != after => Some(Edit::Update {
                    before: before.clone(),
                    after: after.clone(),
                }),
                _ => None,
            })
            .collect();
        let change = Change::new(edits);
        let mut project = self.mine.project.clone();
        project.apply(&change).map_err(|e| match e {
            Error::Invalid { record, problem } => Error::Invalid {
                record,
                problem: format!(
                    "{problem} once the two copies are merged; nothing was written — \
                     edit one copy so they agree, then merge again"
                ),
            },
            other => other,
        })?;
        project.modified = crate::now();
        let mut entry = HistoryEntry::new(change.clone(), &project.modified);
        entry.merged = self.brought_in.clone();
        let mut history = self.mine.history.clone();
        history.push(entry);
        Ok(Merged {
            project,
            change,
            kept,
            history,
        })
    }

    /// Restores records that one side deleted but the merge still refers to, until nothing
    /// dangles. Returns a line for each.
    fn keep_what_is_used(&self, result: &mut HashMap<RecordKey, Record>) -> Vec<String> {
        let mine = records(&self.mine.project);
        let theirs = records(&self.theirs.project);
        let mut kept = Vec::new();
        loop {
            let missing: Vec<RecordKey> = result
                .values()
                .flat_map(references)
                .filter(|k| !result.contains_key(k))
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            let mut restored = false;
            for key in missing {
                let (record, deleted_in) = match (mine.get(&key), theirs.get(&key)) {
                    (Some(r), _) => (r, "theirs"),
                    (None, Some(r)) => (r, "mine"),
                    (None, None) => continue,
                };
                kept.push(format!(
                    "kept {}: {deleted_in} deleted it, but the merge still uses it",
                    label(record)
                ));
                result.insert(key, record.clone());
                restored = true;
            }
            if !restored {
                break;
            }
        }
        kept.sort();
        kept
    }
}

impl Merged {
    /// Applies the merge to the open file it was planned from ("Merge another copy…"), as one
    /// change that records what it brought in. Refused like any change if a record it touches
    /// was edited since the plan was made.
    pub fn apply_to(&self, file: &mut ProjectFile) -> Result<()> {
        let merged = self
            .history
            .last()
            .map(|e| e.merged.clone())
            .unwrap_or_default();
        file.apply_recorded(&self.change, &merged, crate::edit::Origin::Editor)
    }

    /// Writes the merged project as a new file whose history is mine's plus this merge, so a
    /// later merge with either copy finds their common ancestor.
    pub fn write(&self, out: &Path) -> Result<()> {
        ProjectFile::create_with_history(out, &self.project, Some(&self.history))?.close()
    }
}

/// Every change id a history has seen: its own and those its merges brought in.
fn lineage(history: &[HistoryEntry]) -> HashSet<Uuid> {
    history
        .iter()
        .flat_map(|e| std::iter::once(e.change.id).chain(e.merged.iter().copied()))
        .collect()
}

fn shared_prefix(history: &[HistoryEntry], other: &HashSet<Uuid>) -> usize {
    history
        .iter()
        .take_while(|e| other.contains(&e.change.id) && e.merged.iter().all(|m| other.contains(m)))
        .count()
}

/// The side's project as it was after its first `keep` changes.
fn rebuild(side: &Side, keep: usize) -> Result<Project> {
    let mut project = side.project.clone();
    for entry in side.history[keep..].iter().rev() {
        project
            .apply(&entry.change.inverse())
            .map_err(|e| Error::Corrupt {
                path: side.path.clone(),
                detail: format!(
                    "its recorded history does not match its content ({e}), so it cannot be merged"
                ),
            })?;
    }
    Ok(project)
}

fn records(project: &Project) -> HashMap<RecordKey, Record> {
    project.records().map(|r| (r.key(), r)).collect()
}

/// The records this one cannot exist without.
fn references(record: &Record) -> Vec<RecordKey> {
    let image = |h: &Option<ImageHash>| h.clone().map(RecordKey::Image);
    match record {
        Record::Project(_) | Record::Channel(_) | Record::Participant(_) | Record::Image(_) => {
            vec![]
        }
        Record::Persona(p) => p
            .channels
            .iter()
            .map(|c| RecordKey::Channel(*c))
            .chain(image(&p.photo))
            .collect(),
        Record::Journey(j) => j
            .primary_persona
            .iter()
            .chain(&j.other_personas)
            .map(|p| RecordKey::Persona(*p))
            .chain(j.redesigns.map(RecordKey::Journey))
            .collect(),
        Record::Stage(s) => vec![RecordKey::Journey(s.journey)],
        Record::Step(s) => vec![RecordKey::Stage(s.stage)],
        Record::Lane(l) => vec![RecordKey::Journey(l.journey)],
        Record::Card(c) => [RecordKey::Lane(c.lane), RecordKey::Step(c.step)]
            .into_iter()
            .chain(c.channel.map(RecordKey::Channel))
            .chain(c.answers.iter().map(|a| RecordKey::Card(*a)))
            .chain(image(&c.image))
            .collect(),
        Record::EmotionPoint(e) => vec![RecordKey::Persona(e.persona), RecordKey::Step(e.step)],
        Record::MomentOfTruth(m) => vec![match m.target {
            MomentTarget::Step(s) => RecordKey::Step(s),
            MomentTarget::Card(c) => RecordKey::Card(c),
        }],
        Record::Dot(d) => vec![
            RecordKey::Card(d.card),
            RecordKey::Participant(d.participant),
        ],
        Record::SurveyImport(i) => vec![RecordKey::Journey(i.journey)],
        Record::Measurement(m) => vec![RecordKey::Card(m.card)],
        // The card an approved submission became is not a reference: it may be gone.
        Record::Submission(s) => [RecordKey::Lane(s.lane), RecordKey::Step(s.step)]
            .into_iter()
            .chain(s.author.map(RecordKey::Participant))
            .collect(),
        Record::Rating(r) => [RecordKey::Step(r.step)]
            .into_iter()
            .chain(r.participant.map(RecordKey::Participant))
            .collect(),
    }
}

/// A record's fields as JSON (the `record` half of its tagged form).
fn fields_of(record: &Record) -> serde_json::Map<String, Value> {
    match serde_json::to_value(record) {
        Ok(Value::Object(mut tagged)) => match tagged.remove("record") {
            Some(Value::Object(fields)) => fields,
            _ => Default::default(),
        },
        _ => Default::default(),
    }
}

fn differing_fields(m: Option<&Record>, t: Option<&Record>) -> Option<Vec<String>> {
    let (m, t) = (fields_of(m?), fields_of(t?));
    let mut names: Vec<String> = m
        .keys()
        .chain(t.keys())
        .filter(|k| m.get(*k) != t.get(*k))
        .cloned()
        .collect();
    names.sort();
    names.dedup();
    Some(names)
}

const PLACE_FIELDS: &[&str] = &["order", "journey", "stage", "lane", "step"];

/// Merges one record field by field; the fields both sides changed differently otherwise.
fn merge_fields(
    b: &Record,
    m: &Record,
    t: &Record,
) -> std::result::Result<Record, (ConflictKind, Vec<String>)> {
    let (bf, mf, tf) = (fields_of(b), fields_of(m), fields_of(t));
    let mut merged = mf.clone();
    let mut conflicting = Vec::new();
    for (name, mv) in &mf {
        let (bv, tv) = (bf.get(name), tf.get(name));
        if Some(mv) == tv || tv == bv {
            continue;
        }
        if Some(mv) == bv {
            if let Some(tv) = tv {
                merged.insert(name.clone(), tv.clone());
            }
            continue;
        }
        conflicting.push(name.clone());
    }
    if !conflicting.is_empty() {
        let kind = if conflicting
            .iter()
            .all(|f| PLACE_FIELDS.contains(&f.as_str()))
        {
            ConflictKind::ReorderedOnBoth
        } else {
            ConflictKind::ChangedOnBoth
        };
        return Err((kind, conflicting));
    }
    let mut tagged = match serde_json::to_value(m) {
        Ok(Value::Object(tagged)) => tagged,
        _ => return Err((ConflictKind::ChangedOnBoth, vec![])),
    };
    tagged.insert("record".into(), Value::Object(merged));
    serde_json::from_value(Value::Object(tagged)).map_err(|_| {
        (
            ConflictKind::ChangedOnBoth,
            differing_fields(Some(m), Some(t)).unwrap_or_default(),
        )
    })
}

fn short(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(39).collect::<String>())
    } else {
        text.to_string()
    }
}

/// How a person recognises a record: its kind and its name or text.
pub fn label(record: &Record) -> String {
    match record {
        Record::Project(p) => format!("the project name/locale ({:?})", short(&p.name)),
        Record::Channel(c) => format!("channel {:?}", short(&c.name)),
        Record::Persona(p) => format!("persona {:?}", short(&p.name)),
        Record::Journey(j) => format!("journey {:?}", short(&j.name)),
        Record::Stage(s) => format!("stage {:?}", short(&s.name)),
        Record::Step(s) => format!("step {:?}", short(&s.title)),
        Record::Lane(l) => format!("lane {:?}", short(&l.title)),
        Record::Card(c) if c.text.trim().is_empty() => format!("an empty card ({})", c.id),
        Record::Card(c) => format!("card {:?}", short(&c.text)),
        Record::EmotionPoint(e) => format!("an emotion point (value {})", e.value),
        Record::MomentOfTruth(m) => format!("moment of truth {:?}", short(&m.title)),
        Record::Participant(p) => format!("participant {:?}", short(&p.name)),
        Record::Dot(_) => "a dot".to_string(),
        Record::SurveyImport(i) => format!("survey import {:?}", short(&i.file_name)),
        Record::Measurement(m) => format!("the measurements of {}", m.month),
        Record::Submission(s) => format!("submitted card {:?}", short(&s.text)),
        Record::Rating(r) => format!("a rating (value {})", r.value),
        Record::Image(i) => format!("image {}", &i.hash[..i.hash.len().min(12)]),
    }
}

fn field(record: Option<&Record>, name: &str) -> String {
    let value = record.and_then(|r| fields_of(r).get(name).cloned());
    match value {
        None => "absent".into(),
        Some(Value::String(s)) => format!("{:?}", short(&s)),
        Some(other) => short(&other.to_string()),
    }
}

/// What `waymark merge` did.
#[derive(Debug)]
pub struct Report {
    pub conflicts: Vec<String>,
    pub kept: Vec<String>,
    pub edits: usize,
    pub written: bool,
}

/// Merges two files into `out`. Without `prefer`, conflicts are reported and nothing is written.
pub fn merge_files(
    mine: &Path,
    theirs: &Path,
    out: &Path,
    prefer: Option<Prefer>,
) -> Result<Report> {
    if out.exists() {
        return Err(Error::AlreadyExists {
            path: out.to_path_buf(),
        });
    }
    let plan = plan(Side::read(mine)?, Side::read(theirs)?)?;
    let conflicts: Vec<String> = plan.conflicts.iter().map(Conflict::describe).collect();
    let Some(prefer) = prefer.or(plan.conflicts.is_empty().then_some(Prefer::Mine)) else {
        return Ok(Report {
            conflicts,
            kept: vec![],
            edits: 0,
            written: false,
        });
    };
    let merged = plan.resolve_all(prefer)?;
    merged.write(out)?;
    crate::store::validate(out)?;
    Ok(Report {
        conflicts,
        kept: merged.kept,
        edits: merged.change.edits.len(),
        written: true,
    })
}
