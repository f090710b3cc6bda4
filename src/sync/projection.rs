//! The engine's state as a project that keeps every rule, and the typed change that takes the
//! file's tables there.
//!
//! Merged edits can break a rule no single edit broke: a card added to a lane someone else
//! removed, a rating set while the lane's kind changed. The rule that resolves them is the same
//! on every replica because it reads only the merged state: **a record that breaks a rule is
//! left out of the tables**, and so is every record that then points at a record left out (a
//! removed lane's new card goes with the lane). Records are checked in the order `validate`
//! names them, on the canonical order of the project, so every replica leaves out the same ones.
//! A left-out record stays in the engine: undoing the edit that broke the rule brings it back.

use std::collections::HashMap;

use super::Replica;
use crate::edit::{Change, Edit};
use crate::error::{Error, Result};
use crate::model::Project;
use crate::record::{Record, RecordKey};

/// The valid project the replica's state stands for. `modified` is the file's own timestamp,
/// which is not shared.
pub fn project(replica: &Replica, modified: &str) -> Result<Project> {
    let mut info = None;
    let mut records = Vec::new();
    for record in replica.records()? {
        match record {
            Record::Project(project) => info = Some(project),
            other => records.push(other),
        }
    }
    let info = info.ok_or_else(|| Error::Sync {
        what: "the live-editing state holds no project record; clone the project again".into(),
    })?;
    // Every list starts empty; the project's own record replaces the one `new` made up.
    let mut project = Project::new(&info.name, &info.locale, vec![], modified);
    project.info = info;
    for record in records {
        project.insert(record);
    }
    project.canonicalize();
    leave_out_rule_breakers(&mut project)?;
    Ok(project)
}

/// Removes the record each failed check names until the project is valid. Each round removes
/// one record, so this ends; a rule that names no record (or the project's own) cannot be
/// resolved by leaving something out and is reported.
fn leave_out_rule_breakers(project: &mut Project) -> Result<()> {
    let by_name: HashMap<String, RecordKey> = project
        .records()
        .map(|r| (r.key().describe(), r.key()))
        .collect();
    loop {
        let Err(error) = project.validate_with(false) else {
            return Ok(());
        };
        let Error::Invalid { record, .. } = &error else {
            return Err(error);
        };
        let Some(key) = by_name.get(record) else {
            return Err(error);
        };
        let Some(i) = project.position(key) else {
            return Err(error);
        };
        if matches!(key, RecordKey::Project(_)) {
            return Err(error);
        }
        project.delete(key, i);
    }
}

/// The change that turns `from` into `to`: removes first (children before parents), then
/// updates, then adds (parents before children), so the store writes rows in an order its
/// deferred keys accept either way and a reader of the change sees a natural order.
pub fn change_between(from: &Project, to: &Project) -> Change {
    let old: HashMap<RecordKey, Record> = from.records().map(|r| (r.key(), r)).collect();
    let new: HashMap<RecordKey, Record> = to.records().map(|r| (r.key(), r)).collect();
    let mut removes: Vec<Record> = from
        .records()
        .filter(|r| !new.contains_key(&r.key()))
        .collect();
    removes.sort_by_key(|r| std::cmp::Reverse(r.kind().rank()));
    let mut edits: Vec<Edit> = removes
        .into_iter()
        .map(|record| Edit::Remove { record })
        .collect();
    let mut adds = Vec::new();
    for record in to.records() {
        match old.get(&record.key()) {
            Some(before) if *before != record => edits.push(Edit::Update {
                before: before.clone(),
                after: record,
            }),
            Some(_) => {}
            None => adds.push(record),
        }
    }
    adds.sort_by_key(|r| r.kind().rank());
    edits.extend(adds.into_iter().map(|record| Edit::Add { record }));
    Change::new(edits)
}
