//! "Forget who said what": after a workshop the file keeps every card, dot and rating but no
//! longer says whose they were. Counts stay (a participant's dots still add up on the board);
//! only the link from a person to what they wrote or rated, and their name, go.

use std::collections::HashSet;

use crate::edit::{Change, Edit};
use crate::model::{Id, Project};
use crate::record::Record;

/// The change that unlinks submissions and ratings from their authors and renames the room's
/// participants (`room`) and every author to "Participant N"; none when there is nothing to forget.
pub fn who_said_what(project: &Project, room: &HashSet<Id>) -> Option<Change> {
    let mut edits = Vec::new();
    let mut people: HashSet<Id> = room.clone();
    for before in &project.submissions {
        if let Some(author) = before.author {
            people.insert(author);
            let mut after = before.clone();
            after.author = None;
            edits.push(update(
                Record::Submission(before.clone()),
                Record::Submission(after),
            ));
        }
    }
    for before in &project.ratings {
        if let Some(participant) = before.participant {
            people.insert(participant);
            let mut after = before.clone();
            after.participant = None;
            edits.push(update(
                Record::Rating(before.clone()),
                Record::Rating(after),
            ));
        }
    }
    let mut participants: Vec<_> = project.participants.iter().collect();
    participants.sort_by(|a, b| (&a.order, a.id).cmp(&(&b.order, b.id)));
    for (number, before) in participants
        .into_iter()
        .filter(|p| people.contains(&p.id))
        .enumerate()
    {
        let name = format!("Participant {}", number + 1);
        if before.name != name {
            let mut after = before.clone();
            after.name = name;
            edits.push(update(
                Record::Participant(before.clone()),
                Record::Participant(after),
            ));
        }
    }
    (!edits.is_empty()).then(|| Change::new(edits))
}

fn update(before: Record, after: Record) -> Edit {
    Edit::Update { before, after }
}
