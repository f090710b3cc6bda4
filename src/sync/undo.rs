//! Undo on a live project: it takes back only what this person's change did and what nobody has
//! changed since. Field by field (a record's placement counting as one field), a value is set
//! back only while it still holds what the change wrote; a field someone else edited afterwards
//! keeps their edit. A record the change removed comes back unless someone re-added it, as the
//! engine kept it (with edits others made while it was removed); a record it added is removed
//! unless it is already gone.

use serde_json::{Map, Value};

use super::fields::placement_fields;
use super::Replica;
use crate::edit::{Change, Edit};
use crate::model::Project;
use crate::record::Record;

/// The change that undoes `change` on `current` (the project now, with everyone's later edits).
/// Empty when nothing of it is left to undo. `replica` is the live project's engine state
/// (none for a file that is not live).
pub fn undo_own(change: &Change, current: &Project, replica: Option<&Replica>) -> Change {
    let mut edits = Vec::new();
    for edit in change.edits.iter().rev() {
        match edit {
            Edit::Add { record } => {
                if let Some(now) = current.record(&record.key()) {
                    edits.push(Edit::Remove { record: now });
                }
            }
            Edit::Remove { record } => {
                if current.record(&record.key()).is_none() {
                    let kept = replica.and_then(|r| r.record(record));
                    edits.push(Edit::Add {
                        record: kept.unwrap_or_else(|| record.clone()),
                    });
                }
            }
            Edit::Update { before, after } => {
                let Some(now) = current.record(&before.key()) else {
                    continue;
                };
                if let Some(reverted) = revert_fields(before, after, &now) {
                    if reverted != now {
                        edits.push(Edit::Update {
                            before: now,
                            after: reverted,
                        });
                    }
                }
            }
        }
    }
    Change::new(edits)
}

fn fields_of(record: &Record) -> Option<Map<String, Value>> {
    match serde_json::to_value(record).ok()? {
        Value::Object(mut tagged) => match tagged.remove("record")? {
            Value::Object(fields) => Some(fields),
            _ => None,
        },
        _ => None,
    }
}

/// `now` with each field (placement as one) that still holds `after`'s value set back to
/// `before`'s.
fn revert_fields(before: &Record, after: &Record, now: &Record) -> Option<Record> {
    let (before_fields, after_fields) = (fields_of(before)?, fields_of(after)?);
    let mut result = fields_of(now)?;
    let placement = placement_fields(before.kind());
    let placed_unchanged = placement
        .iter()
        .all(|f| result.get(*f) == after_fields.get(*f));
    for (name, old) in before_fields {
        let is_placement = placement.contains(&name.as_str());
        let untouched = if is_placement {
            placed_unchanged
        } else {
            result.get(&name) == after_fields.get(&name)
        };
        if untouched {
            result.insert(name, old);
        }
    }
    let mut tagged = Map::new();
    tagged.insert("kind".into(), serde_json::to_value(now.kind()).ok()?);
    tagged.insert("record".into(), Value::Object(result));
    serde_json::from_value(Value::Object(tagged)).ok()
}
