//! Current and future state on the demo project, through a real file: the duplicate, the diff
//! of each kind of redesign edit, the fallback for journeys not made as a redesign, and bad input.

mod common;

use std::path::Path;

use common::*;
use waymark::future::{self, CardField, DiffStatus, Matching};
use waymark::interchange::json;
use waymark::store::ProjectFile;
use waymark::*;

fn demo() -> Project {
    json::read(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/demo/demo.json"
    )))
    .expect("the demo reads")
}

/// The demo in a file with its journey duplicated as future state; the file, the current and
/// the future journey's ids.
fn redesigned(dir: &tempfile::TempDir) -> (ProjectFile, Id, Id) {
    let path = file_in(dir, "demo.waymark");
    let mut file = ProjectFile::create(&path, &demo()).unwrap();
    let current = file.project().journeys[0].id;
    let change = future::plan_future_state(file.project(), current, "Switching (future state)")
        .expect("a current journey can be redesigned");
    file.apply(&change).expect("the duplicate is valid");
    let future = file
        .project()
        .journeys
        .iter()
        .find(|j| j.id != current)
        .unwrap()
        .id;
    (file, current, future)
}

fn cards_of(project: &Project, journey: Id) -> Vec<Card> {
    let lanes: Vec<Id> = project.lanes_of(journey).iter().map(|l| l.id).collect();
    project
        .cards
        .iter()
        .filter(|c| lanes.contains(&c.lane))
        .cloned()
        .collect()
}

/// A future card nothing else refers to (no answers, moments or dots), so it can go on its own.
fn free_card(project: &Project, journey: Id, skip: &[Id]) -> Card {
    cards_of(project, journey)
        .into_iter()
        .find(|c| {
            !skip.contains(&c.id)
                && !project.cards.iter().any(|o| o.answers.contains(&c.id))
                && !project
                    .moments_of_truth
                    .iter()
                    .any(|m| m.target == MomentTarget::Card(c.id))
                && !project.dots.iter().any(|d| d.card == c.id)
                && c.answers.is_empty()
        })
        .expect("the demo has free cards")
}

fn update(before: Record, after: Record) -> Edit {
    Edit::Update { before, after }
}

#[test]
fn duplicate_is_a_linked_copy_with_derived_ids_and_no_differences() {
    let dir = temp();
    let (file, current, future_id) = redesigned(&dir);
    let project = file.project();
    let journey = project.journey(future_id).unwrap();
    assert_eq!(journey.state, JourneyState::Future);
    assert_eq!(journey.redesigns, Some(current));
    assert_eq!(
        journey.primary_persona,
        project.journey(current).unwrap().primary_persona
    );
    let (cur_cards, fut_cards) = (cards_of(project, current), cards_of(project, future_id));
    assert_eq!(cur_cards.len(), fut_cards.len());
    assert!(cur_cards.len() > 100);
    for card in &cur_cards {
        let twin = future::derived_id(future_id, card.id);
        assert!(
            fut_cards.iter().any(|c| c.id == twin),
            "card {} has no derived twin",
            card.id
        );
    }
    // The copy's curve points, moments and answers point inside the copy.
    let future_steps: Vec<Id> = project
        .journey_steps(future_id)
        .iter()
        .map(|s| s.id)
        .collect();
    let points = project
        .emotion_points
        .iter()
        .filter(|p| future_steps.contains(&p.step))
        .count();
    assert!(points > 0);
    assert_eq!(points * 2, project.emotion_points.len());

    let diff = future::diff(project, future_id).unwrap();
    assert_eq!(diff.matching, Matching::Derived);
    assert_eq!(diff.redesigns, current);
    assert_eq!(diff.cards.len(), cur_cards.len());
    assert!(diff.cards.iter().all(|c| c.status == DiffStatus::Unchanged));
    assert!(diff.steps.iter().all(|s| s.status == DiffStatus::Unchanged));
    let deltas: Vec<i32> = diff
        .steps
        .iter()
        .flat_map(|s| s.emotions.iter().map(|e| e.delta))
        .collect();
    assert!(!deltas.is_empty() && deltas.iter().all(|d| *d == 0));

    // Reopened from disk the pairing holds: it lives in the ids, not in memory.
    let path = file.path().to_path_buf();
    file.close().unwrap();
    let reopened = ProjectFile::open(&path).unwrap();
    let again = future::diff(reopened.project(), future_id).unwrap();
    assert_eq!(again, diff);
}

#[test]
fn each_redesign_edit_is_classified() {
    let dir = temp();
    let (mut file, current, future_id) = redesigned(&dir);
    let p = file.project().clone();
    let edited = free_card(&p, future_id, &[]);
    let deleted = free_card(&p, future_id, &[edited.id]);
    let moved = free_card(&p, future_id, &[edited.id, deleted.id]);
    let rerated = cards_of(&p, future_id)
        .into_iter()
        .find(|c| c.expected.is_some() && ![moved.id, edited.id, deleted.id].contains(&c.id))
        .expect("the demo rates touchpoints");
    let steps = p.journey_steps(future_id);
    let other_step = steps.iter().find(|s| s.id != moved.step).unwrap().id;
    let point = p
        .emotion_points
        .iter()
        .find(|e| steps.iter().any(|s| s.id == e.step) && e.value < 4)
        .unwrap()
        .clone();
    let new_card = Card {
        id: uuid::Uuid::new_v4(),
        step: steps[0].id,
        lane: moved.lane,
        order: OrderKey::first().before(),
        text: "Porting in one tap".into(),
        ..Card::default()
    };

    let change = Change::new(vec![
        update(
            Record::Card(edited.clone()),
            Record::Card(Card {
                text: format!("{} — redesigned", edited.text),
                ..edited.clone()
            }),
        ),
        Edit::Remove {
            record: Record::Card(deleted.clone()),
        },
        update(
            Record::Card(moved.clone()),
            Record::Card(Card {
                step: other_step,
                ..moved.clone()
            }),
        ),
        update(
            Record::Card(rerated.clone()),
            Record::Card(Card {
                experienced: Some(if rerated.experienced == Some(5) { 1 } else { 5 }),
                ..rerated.clone()
            }),
        ),
        update(
            Record::EmotionPoint(point.clone()),
            Record::EmotionPoint(EmotionPoint {
                value: point.value + 2,
                ..point.clone()
            }),
        ),
        Edit::Add {
            record: Record::Card(new_card.clone()),
        },
    ]);
    file.apply(&change).unwrap();

    let diff = future::diff(file.project(), future_id).unwrap();
    let of_future = |id: Id| diff.cards.iter().find(|c| c.future == Some(id)).unwrap();
    assert_eq!(of_future(edited.id).status, DiffStatus::Changed);
    assert_eq!(of_future(edited.id).fields, vec![CardField::Text]);
    assert!(!of_future(edited.id).moved);
    assert_eq!(of_future(moved.id).status, DiffStatus::Moved);
    assert!(of_future(moved.id).moved);
    assert_eq!(of_future(rerated.id).status, DiffStatus::Changed);
    assert_eq!(of_future(rerated.id).fields, vec![CardField::Experienced]);
    assert_eq!(of_future(new_card.id).status, DiffStatus::Added);
    assert_eq!(of_future(new_card.id).current, None);
    let removed: Vec<_> = diff
        .cards
        .iter()
        .filter(|c| c.status == DiffStatus::Removed)
        .collect();
    assert_eq!(removed.len(), 1);
    let original_of_deleted = cards_of(file.project(), current)
        .into_iter()
        .find(|c| future::derived_id(future_id, c.id) == deleted.id)
        .unwrap();
    assert_eq!(removed[0].current, Some(original_of_deleted.id));
    assert_eq!(diff.count(DiffStatus::Changed), 2);
    assert_eq!(diff.count(DiffStatus::Added), 1);
    assert_eq!(diff.count(DiffStatus::Moved), 1);

    let step = diff
        .steps
        .iter()
        .find(|s| s.future == Some(point.step))
        .unwrap();
    let delta = step
        .emotions
        .iter()
        .find(|e| e.persona == point.persona)
        .unwrap();
    assert_eq!(
        (delta.current, delta.future, delta.delta),
        (point.value, point.value + 2, 2)
    );
    let others: i32 = diff
        .steps
        .iter()
        .flat_map(|s| &s.emotions)
        .map(|e| e.delta.abs())
        .sum();
    assert_eq!(others, 2, "only the moved point changed");

    // The command line says the same of the file.
    let path = file.path().to_path_buf();
    file.close().unwrap();
    let run = waymark(&["diff", path_str(&path)]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = String::from_utf8(run.stdout).unwrap();
    assert!(
        text.contains("cards: 1 new, 2 changed, 1 moved, 1 removed"),
        "{text}"
    );
    assert!(
        text.contains("paired by the ids it was made with"),
        "{text}"
    );
    assert!(
        text.contains("new: ") && text.contains("Porting in one tap"),
        "{text}"
    );
    assert!(text.contains("changed (text): "), "{text}");
    assert!(text.contains("changed (experienced): "), "{text}");
    assert!(
        text.contains(&format!("({:+})", 2))
            && text.contains(&format!("{} → {}", point.value, point.value + 2)),
        "{text}"
    );
    let json = waymark(&[
        "diff",
        path_str(&path),
        "--journey",
        "Switching (future state)",
        "--json",
    ]);
    let diffs: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(diffs[0]["matching"], "derived");
    assert_eq!(diffs[0]["redesigns"], current.to_string());
}

#[test]
fn a_journey_not_made_as_a_redesign_is_matched_by_name() {
    // An older copy: the same content under fresh random ids, linked afterwards.
    let mut project = demo();
    let current = project.journeys[0].id;
    let change = future::plan_future_state(&project, current, "Future").unwrap();
    let mut fresh = std::collections::HashMap::new();
    let mut remap = |id: Id| *fresh.entry(id).or_insert_with(uuid::Uuid::new_v4);
    let journey_id = change
        .edits
        .iter()
        .find_map(|e| match e {
            Edit::Add {
                record: Record::Journey(j),
            } => Some(j.id),
            _ => None,
        })
        .unwrap();
    let edits = change
        .edits
        .into_iter()
        .map(|edit| {
            let Edit::Add { record } = edit else {
                unreachable!()
            };
            let record = match record {
                Record::Journey(j) => Record::Journey(j),
                Record::Stage(s) => Record::Stage(Stage {
                    id: remap(s.id),
                    ..s
                }),
                Record::Step(s) => Record::Step(Step {
                    id: remap(s.id),
                    stage: remap(s.stage),
                    ..s
                }),
                Record::Lane(l) => Record::Lane(Lane {
                    id: remap(l.id),
                    ..l
                }),
                Record::Card(c) => Record::Card(Card {
                    id: remap(c.id),
                    lane: remap(c.lane),
                    step: remap(c.step),
                    answers: c.answers.iter().map(|a| remap(*a)).collect(),
                    ..c
                }),
                Record::EmotionPoint(e) => Record::EmotionPoint(EmotionPoint {
                    id: remap(e.id),
                    step: remap(e.step),
                    ..e
                }),
                Record::MomentOfTruth(m) => Record::MomentOfTruth(MomentOfTruth {
                    id: remap(m.id),
                    target: match m.target {
                        MomentTarget::Step(s) => MomentTarget::Step(remap(s)),
                        MomentTarget::Card(c) => MomentTarget::Card(remap(c)),
                    },
                    ..m
                }),
                other => other,
            };
            Edit::Add { record }
        })
        .collect();
    project.apply(&Change::new(edits)).unwrap();

    let diff = future::diff(&project, journey_id).unwrap();
    assert_eq!(diff.matching, Matching::ByName);
    assert!(diff.cards.iter().all(|c| c.status == DiffStatus::Unchanged));
    assert!(diff.steps.iter().all(|s| s.status == DiffStatus::Unchanged));

    // By name a card whose text changed is a removed card and an added one: say so, not "changed".
    let card = free_card(&project, journey_id, &[]);
    let edit = Change::new(vec![update(
        Record::Card(card.clone()),
        Record::Card(Card {
            text: "Something else entirely".into(),
            ..card.clone()
        }),
    )]);
    project.apply(&edit).unwrap();
    let diff = future::diff(&project, journey_id).unwrap();
    assert_eq!(diff.count(DiffStatus::Added), 1);
    assert_eq!(diff.count(DiffStatus::Removed), 1);
    assert_eq!(diff.count(DiffStatus::Changed), 0);
    let added = diff
        .cards
        .iter()
        .find(|c| c.status == DiffStatus::Added)
        .unwrap();
    assert_eq!(added.future, Some(card.id));
}

#[test]
fn bad_requests_are_refused_with_a_reason() {
    let project = demo();
    let current = project.journeys[0].id;
    let unknown = uuid::Uuid::new_v4();
    let message = |e: Error| e.to_string();
    assert!(message(future::diff(&project, current).unwrap_err()).contains("not the future state"));
    assert!(message(future::diff(&project, unknown).unwrap_err()).contains("not in this project"));
    assert!(
        message(future::plan_future_state(&project, unknown, "x").unwrap_err())
            .contains("not in this project")
    );
    assert!(
        message(future::plan_future_state(&project, current, "  ").unwrap_err())
            .contains("needs a name")
    );

    let mut redesigned = project.clone();
    redesigned
        .apply(&future::plan_future_state(&project, current, "Future").unwrap())
        .unwrap();
    let future_id = redesigned
        .journeys
        .iter()
        .find(|j| j.id != current)
        .unwrap()
        .id;
    assert!(
        message(future::plan_future_state(&redesigned, future_id, "Again").unwrap_err())
            .contains("future state already")
    );
    // The current journey gone, the future one is no longer a redesign and cannot be compared.
    let mut orphan = redesigned.clone();
    let journey = orphan.journey(future_id).unwrap().clone();
    orphan
        .apply(&Change::new(vec![update(
            Record::Journey(journey.clone()),
            Record::Journey(Journey {
                redesigns: None,
                ..journey
            }),
        )]))
        .unwrap();
    assert!(future::diff(&orphan, future_id).is_err());
}

#[test]
fn the_command_line_refuses_a_file_without_a_future_state() {
    let dir = temp();
    let path = file_in(&dir, "demo.waymark");
    ProjectFile::create(&path, &demo())
        .unwrap()
        .close()
        .unwrap();
    let run = waymark(&["diff", path_str(&path)]);
    assert!(!run.status.success());
    let message = String::from_utf8_lossy(&run.stderr);
    assert!(message.contains("has no future-state journey"), "{message}");
    let named = waymark(&["diff", path_str(&path), "--journey", "Nope"]);
    assert!(String::from_utf8_lossy(&named.stderr).contains("no journey named \"Nope\""));
    // A current-state journey named on purpose is refused by the core with its reason.
    let current = waymark(&[
        "diff",
        path_str(&path),
        "--journey",
        "Switching to Lumo Mobile (current state)",
    ]);
    assert!(String::from_utf8_lossy(&current.stderr).contains("not the future state"));
}
