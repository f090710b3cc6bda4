//! Live co-editing in the core: replicas are real .waymark files that exchange the engine's own
//! updates directly (the server only relays the same bytes; tests/live.rs covers it). Scripted
//! cases hold the documented rules (docs/sync.md); a seeded property test partitions three
//! replicas at random and checks they converge.

mod common;

use std::path::Path;

use common::*;
use proptest::prelude::*;
use waymark::store::ProjectFile;
use waymark::sync::{projection, undo};
use waymark::*;

fn small() -> Project {
    sample::generate(sample::Size {
        stages: 2,
        steps_per_stage: 2,
        lanes: 3,
        cards: 12,
        personas: 1,
    })
}

/// One shared project: the first file goes live, the others are clones of its state.
fn replicas(dir: &tempfile::TempDir, count: usize) -> Vec<ProjectFile> {
    let first_path = file_in(dir, "r0.waymark");
    let mut first = ProjectFile::create(&first_path, &small()).unwrap();
    first.go_live().unwrap();
    let state = vec![first.replica().unwrap().snapshot().unwrap()];
    let mut files = vec![first];
    for i in 1..count {
        let path = file_in(dir, &format!("r{i}.waymark"));
        files.push(ProjectFile::create_live(&path, &state).unwrap());
    }
    files
}

/// Sends what `to` lacks of `from`'s state, as a server would relay it.
fn send(files: &mut [ProjectFile], from: usize, to: usize) -> Change {
    let version = files[to].replica().unwrap().version();
    let update = files[from]
        .replica()
        .unwrap()
        .updates_since(&version)
        .unwrap();
    files[to].receive(&[update]).unwrap()
}

fn sync_all(files: &mut [ProjectFile]) {
    for _ in 0..2 {
        for from in 0..files.len() {
            for to in 0..files.len() {
                if from != to {
                    send(files, from, to);
                }
            }
        }
    }
}

/// Content without the file's own timestamp.
fn content(project: &Project) -> String {
    let mut project = project.clone();
    project.modified = String::new();
    interchange::json::to_string(&project)
}

fn assert_converged(files: &[ProjectFile]) {
    let first = content(files[0].project());
    for (i, file) in files.iter().enumerate() {
        assert_eq!(content(file.project()), first, "replica {i} differs");
        let projected =
            projection::project(file.replica().unwrap(), &file.project().modified).unwrap();
        assert_eq!(
            content(&projected),
            content(file.project()),
            "replica {i}: the tables are not the engine's state"
        );
        file.project().validate().unwrap();
    }
}

fn card(files: &[ProjectFile], i: usize, id: Id) -> Option<Card> {
    files[i]
        .project()
        .cards
        .iter()
        .find(|c| c.id == id)
        .cloned()
}

fn update(before: Card, after: Card) -> Change {
    Change::new(vec![Edit::Update {
        before: Record::Card(before),
        after: Record::Card(after),
    }])
}

fn empty_lane(files: &mut [ProjectFile], i: usize) -> Lane {
    let journey = files[i].project().journeys[0].id;
    let lane = Lane {
        id: uuid::Uuid::new_v4(),
        journey,
        kind: LaneKind::Notes,
        title: "Parking lot".into(),
        order: OrderKey::first().after().after().after(),
    };
    files[i]
        .apply(&Change::new(vec![Edit::Add {
            record: Record::Lane(lane.clone()),
        }]))
        .unwrap();
    lane
}

#[test]
fn a_removal_wins_over_a_concurrent_edit_and_undoing_it_brings_the_edit_back() {
    let dir = temp();
    let mut files = replicas(&dir, 2);
    let target = files[0].project().cards[0].clone();
    let removal = Change::new(vec![Edit::Remove {
        record: Record::Card(target.clone()),
    }]);
    files[0].apply(&removal).unwrap();
    let mut edited = target.clone();
    edited.text = "Edited while someone removed it".into();
    files[1]
        .apply(&update(target.clone(), edited.clone()))
        .unwrap();
    sync_all(&mut files);
    assert_converged(&files);
    assert_eq!(card(&files, 0, target.id), None);
    assert_eq!(card(&files, 1, target.id), None);

    let undo = undo::undo_own(&removal, files[0].project(), files[0].replica());
    files[0].apply(&undo).unwrap();
    sync_all(&mut files);
    assert_converged(&files);
    assert_eq!(card(&files, 1, target.id).unwrap().text, edited.text);
}

#[test]
fn two_people_moving_one_card_leave_it_whole_in_one_of_their_cells() {
    let dir = temp();
    let mut files = replicas(&dir, 2);
    let project = files[0].project().clone();
    let journey = project.journeys[0].id;
    let lanes = project.lanes_of(journey);
    let steps = project.journey_steps(journey);
    let target = project.cards_in(lanes[0].id, steps[0].id)[0].clone();
    let mut to_a = target.clone();
    (to_a.lane, to_a.step) = (lanes[1].id, steps[1].id);
    let mut to_b = target.clone();
    (to_b.lane, to_b.step) = (lanes[2].id, steps[2].id);
    // Ratings must suit the lane kind; the sample's lanes 1 and 2 take plain cards.
    files[0]
        .apply(&update(target.clone(), to_a.clone()))
        .unwrap();
    files[1]
        .apply(&update(target.clone(), to_b.clone()))
        .unwrap();
    sync_all(&mut files);
    assert_converged(&files);
    let moved = card(&files, 0, target.id).unwrap();
    let cell = (moved.lane, moved.step, moved.order.clone());
    assert!(
        cell == (to_a.lane, to_a.step, to_a.order.clone())
            || cell == (to_b.lane, to_b.step, to_b.order.clone()),
        "the card is split across the two moves: {cell:?}"
    );
}

#[test]
fn a_card_added_to_a_lane_removed_elsewhere_goes_with_the_lane_and_comes_back_with_it() {
    let dir = temp();
    let mut files = replicas(&dir, 2);
    let lane = empty_lane(&mut files, 0);
    sync_all(&mut files);
    let step = files[1].project().steps[0].id;
    let new_card = Card {
        id: uuid::Uuid::new_v4(),
        lane: lane.id,
        step,
        order: OrderKey::first(),
        text: "Added to a lane that is going away".into(),
        ..Card::default()
    };
    let removal = Change::new(vec![Edit::Remove {
        record: Record::Lane(lane.clone()),
    }]);
    files[0].apply(&removal).unwrap();
    files[1]
        .apply(&Change::new(vec![Edit::Add {
            record: Record::Card(new_card.clone()),
        }]))
        .unwrap();
    sync_all(&mut files);
    assert_converged(&files);
    for i in 0..2 {
        assert!(!files[i].project().lanes.iter().any(|l| l.id == lane.id));
        assert_eq!(card(&files, i, new_card.id), None, "replica {i}");
    }
    // The card is kept in the engine: undoing the removal brings lane and card back everywhere.
    let undo = undo::undo_own(&removal, files[0].project(), files[0].replica());
    files[0].apply(&undo).unwrap();
    sync_all(&mut files);
    assert_converged(&files);
    assert_eq!(card(&files, 1, new_card.id), Some(new_card));
}

#[test]
fn two_inserts_at_the_same_position_keep_both_in_the_same_order_everywhere() {
    let dir = temp();
    let mut files = replicas(&dir, 2);
    let lane = empty_lane(&mut files, 0);
    sync_all(&mut files);
    let step = files[0].project().steps[0].id;
    let mut added = vec![];
    for i in 0..2 {
        let new_card = Card {
            id: uuid::Uuid::new_v4(),
            lane: lane.id,
            step,
            order: OrderKey::first(),
            text: format!("Inserted by replica {i}"),
            ..Card::default()
        };
        files[i]
            .apply(&Change::new(vec![Edit::Add {
                record: Record::Card(new_card.clone()),
            }]))
            .unwrap();
        added.push(new_card);
    }
    sync_all(&mut files);
    assert_converged(&files);
    let cell: Vec<Id> = files[1]
        .project()
        .cards_in(lane.id, step)
        .iter()
        .map(|c| c.id)
        .collect();
    let mut expected: Vec<Id> = added.iter().map(|c| c.id).collect();
    expected.sort();
    assert_eq!(cell, expected, "same key: ordered by id, on every replica");
}

#[test]
fn undo_keeps_a_later_edit_someone_else_made_to_the_same_field() {
    let dir = temp();
    let mut files = replicas(&dir, 2);
    let journey = files[0].project().journeys[0].id;
    let stage = files[0].project().stages_of(journey)[0].clone();
    let mut mine = stage.clone();
    mine.name = "Mine".into();
    mine.colour = "#123456".into();
    let my_change = Change::new(vec![Edit::Update {
        before: Record::Stage(stage.clone()),
        after: Record::Stage(mine.clone()),
    }]);
    files[0].apply(&my_change).unwrap();
    sync_all(&mut files);
    let mut theirs = mine.clone();
    theirs.name = "Theirs".into();
    files[1]
        .apply(&Change::new(vec![Edit::Update {
            before: Record::Stage(mine.clone()),
            after: Record::Stage(theirs.clone()),
        }]))
        .unwrap();
    sync_all(&mut files);
    let undo = undo::undo_own(&my_change, files[0].project(), files[0].replica());
    files[0].apply(&undo).unwrap();
    sync_all(&mut files);
    assert_converged(&files);
    let after = files[1]
        .project()
        .stages
        .iter()
        .find(|s| s.id == stage.id)
        .unwrap()
        .clone();
    assert_eq!(after.name, "Theirs", "their later edit of the name stays");
    assert_eq!(after.colour, stage.colour, "my colour change is undone");
}

#[test]
fn two_people_typing_in_one_card_merge_character_by_character() {
    let dir = temp();
    let mut files = replicas(&dir, 2);
    let target = files[0].project().cards[0].clone();
    let mut hello = target.clone();
    hello.text = "Hello".into();
    files[0].apply(&update(target, hello.clone())).unwrap();
    sync_all(&mut files);
    let mut a = hello.clone();
    a.text = "Hello world".into();
    let mut b = hello.clone();
    b.text = "Oh, Hello".into();
    files[0].apply(&update(hello.clone(), a)).unwrap();
    files[1].apply(&update(hello.clone(), b)).unwrap();
    sync_all(&mut files);
    assert_converged(&files);
    assert_eq!(card(&files, 0, hello.id).unwrap().text, "Oh, Hello world");
}

#[test]
fn a_live_file_reopens_with_its_engine_state_equal_to_its_tables() {
    let dir = temp();
    let mut files = replicas(&dir, 2);
    let target = files[1].project().cards[3].clone();
    let mut edited = target.clone();
    edited.text.push_str(" — after reopening");
    files[1].apply(&update(target, edited.clone())).unwrap();
    sync_all(&mut files);
    let paths: Vec<_> = files.iter().map(|f| f.path().to_path_buf()).collect();
    for file in files {
        file.close().unwrap();
    }
    for path in &paths {
        let file = ProjectFile::open(path).unwrap();
        assert!(file.is_live());
        let projected =
            projection::project(file.replica().unwrap(), &file.project().modified).unwrap();
        assert_eq!(content(&projected), content(file.project()));
        assert!(file.project().cards.contains(&edited));
        file.close().unwrap();
        store::validate(path).unwrap();
    }
}

#[test]
fn a_file_that_never_went_live_keeps_no_engine_state() {
    let dir = temp();
    let path = file_in(&dir, "plain.waymark");
    let mut file = ProjectFile::create(&path, &small()).unwrap();
    let target = file.project().cards[0].clone();
    let mut edited = target.clone();
    edited.text = "plain".into();
    file.apply(&update(target, edited)).unwrap();
    assert!(!file.is_live());
    assert_eq!(file.waiting_to_sync().unwrap(), 0);
    file.close().unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let parts: i64 = conn
        .query_row("SELECT count(*) FROM sync_state", [], |r| r.get(0))
        .unwrap();
    assert_eq!(parts, 0);
}

#[test]
fn receiving_garbage_is_refused_and_changes_nothing() {
    let dir = temp();
    let mut files = replicas(&dir, 1);
    let before = content(files[0].project());
    let error = files[0].receive(&[b"not an update".to_vec()]).unwrap_err();
    assert!(matches!(error, Error::Sync { .. }), "{error}");
    assert_eq!(content(files[0].project()), before);
    let path = files[0].path().to_path_buf();
    files.pop().unwrap().close().unwrap();
    store::validate(&path).unwrap();
}

// --- The property test ------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Action {
    /// Replica, card (index mod count), text inserted at a position.
    Type(usize, usize, usize, String),
    /// Replica, card, target lane and step (indices).
    Move(usize, usize, usize, usize),
    /// Replica, lane, step.
    AddCard(usize, usize, usize),
    RemoveCard(usize, usize),
    AddLane(usize),
    /// Removes a lane with the cards this replica sees on it, as the app's cascade does.
    RemoveLane(usize, usize),
    RenameStage(usize, usize, String),
    /// Toggles whether the link between two replicas is up.
    Partition(usize, usize),
    /// Exchanges state over every link that is up.
    Exchange,
}

fn action() -> impl Strategy<Value = Action> {
    let r = 0usize..3;
    prop_oneof![
        (r.clone(), 0usize..64, 0usize..40, "[a-zą ]{1,4}")
            .prop_map(|(a, b, c, d)| Action::Type(a, b, c, d)),
        (r.clone(), 0usize..64, 0usize..8, 0usize..8)
            .prop_map(|(a, b, c, d)| Action::Move(a, b, c, d)),
        (r.clone(), 0usize..8, 0usize..8).prop_map(|(a, b, c)| Action::AddCard(a, b, c)),
        (r.clone(), 0usize..64).prop_map(|(a, b)| Action::RemoveCard(a, b)),
        r.clone().prop_map(Action::AddLane),
        (r.clone(), 0usize..8).prop_map(|(a, b)| Action::RemoveLane(a, b)),
        (r.clone(), 0usize..4, "[A-Z][a-z]{1,6}")
            .prop_map(|(a, b, c)| Action::RenameStage(a, b, c)),
        (r.clone(), r.clone()).prop_map(|(a, b)| Action::Partition(a, b)),
        Just(Action::Exchange),
    ]
}

fn plain_lanes(project: &Project) -> Vec<Lane> {
    let journey = project.journeys[0].id;
    project
        .lanes_of(journey)
        .into_iter()
        .filter(|l| {
            !matches!(
                l.kind,
                LaneKind::Touchpoints
                    | LaneKind::PainPoints
                    | LaneKind::Delights
                    | LaneKind::Opportunities
                    | LaneKind::Images
            )
        })
        .cloned()
        .collect()
}

/// Cards nothing else points at, on lanes whose kind takes no ratings.
fn free_cards(project: &Project) -> Vec<Card> {
    let plain: Vec<Id> = plain_lanes(project).iter().map(|l| l.id).collect();
    project
        .cards
        .iter()
        .filter(|c| plain.contains(&c.lane))
        .filter(|c| !project.cards.iter().any(|o| o.answers.contains(&c.id)))
        .filter(|c| !project.dots.iter().any(|d| d.card == c.id))
        .filter(|c| {
            !project
                .moments_of_truth
                .iter()
                .any(|m| m.target == MomentTarget::Card(c.id))
        })
        .cloned()
        .collect()
}

/// The typed change an action makes on one replica, or none when it does not apply there.
fn local_change(project: &Project, action: &Action) -> Option<Change> {
    let journey = project.journeys[0].id;
    let lanes = plain_lanes(project);
    let steps: Vec<Step> = project
        .journey_steps(journey)
        .into_iter()
        .cloned()
        .collect();
    let cards = free_cards(project);
    let pick = |list_len: usize, i: usize| (list_len > 0).then(|| i % list_len);
    let edit = match action {
        Action::Type(_, c, at, text) => {
            let before = cards.get(pick(cards.len(), *c)?)?.clone();
            let mut after = before.clone();
            let chars: Vec<char> = after.text.chars().collect();
            let at = at % (chars.len() + 1);
            after.text = chars[..at]
                .iter()
                .chain(text.chars().collect::<Vec<_>>().iter())
                .chain(chars[at..].iter())
                .collect();
            Edit::Update {
                before: Record::Card(before),
                after: Record::Card(after),
            }
        }
        Action::Move(_, c, l, s) => {
            let before = cards.get(pick(cards.len(), *c)?)?.clone();
            let mut after = before.clone();
            after.lane = lanes.get(pick(lanes.len(), *l)?)?.id;
            after.step = steps.get(pick(steps.len(), *s)?)?.id;
            Edit::Update {
                before: Record::Card(before),
                after: Record::Card(after),
            }
        }
        Action::AddCard(_, l, s) => Edit::Add {
            record: Record::Card(Card {
                id: uuid::Uuid::new_v4(),
                lane: lanes.get(pick(lanes.len(), *l)?)?.id,
                step: steps.get(pick(steps.len(), *s)?)?.id,
                order: OrderKey::first(),
                text: "new".into(),
                ..Card::default()
            }),
        },
        Action::RemoveCard(_, c) => Edit::Remove {
            record: Record::Card(cards.get(pick(cards.len(), *c)?)?.clone()),
        },
        Action::AddLane(_) => Edit::Add {
            record: Record::Lane(Lane {
                id: uuid::Uuid::new_v4(),
                journey,
                kind: LaneKind::Notes,
                title: "Added".into(),
                order: OrderKey::first().after().after(),
            }),
        },
        Action::RemoveLane(_, l) => {
            let lane = lanes.get(pick(lanes.len(), *l)?)?.clone();
            let on_it: Vec<&Card> = project.cards.iter().filter(|c| c.lane == lane.id).collect();
            if on_it.iter().any(|c| !cards.iter().any(|f| f.id == c.id)) {
                return None;
            }
            let mut edits: Vec<Edit> = on_it
                .into_iter()
                .map(|c| Edit::Remove {
                    record: Record::Card(c.clone()),
                })
                .collect();
            edits.push(Edit::Remove {
                record: Record::Lane(lane),
            });
            return Some(Change::new(edits));
        }
        Action::RenameStage(_, s, name) => {
            let stages = project.stages_of(journey);
            let before = (*stages.get(pick(stages.len(), *s)?)?).clone();
            let mut after = before.clone();
            after.name = name.clone();
            Edit::Update {
                before: Record::Stage(before),
                after: Record::Stage(after),
            }
        }
        Action::Partition(..) | Action::Exchange => return None,
    };
    Some(Change::new(vec![edit]))
}

fn run(actions: &[Action]) -> Result<(), TestCaseError> {
    let dir = temp();
    let mut files = replicas(&dir, 3);
    let mut up = [[true; 3]; 3];
    for action in actions {
        match action {
            Action::Partition(a, b) if a != b => {
                up[*a][*b] = !up[*a][*b];
                up[*b][*a] = up[*a][*b];
            }
            Action::Partition(..) => {}
            Action::Exchange => {
                for from in 0..3 {
                    for to in 0..3 {
                        if from != to && up[from][to] {
                            send(&mut files, from, to);
                        }
                    }
                }
            }
            Action::Type(r, ..)
            | Action::Move(r, ..)
            | Action::AddCard(r, ..)
            | Action::RemoveCard(r, ..)
            | Action::AddLane(r)
            | Action::RemoveLane(r, ..)
            | Action::RenameStage(r, ..) => {
                if let Some(change) = local_change(files[*r].project(), action) {
                    files[*r]
                        .apply(&change)
                        .map_err(|e| TestCaseError::fail(format!("{action:?}: {e}")))?;
                }
            }
        }
    }
    // Everyone reconnects.
    sync_all(&mut files);
    assert_converged(&files);
    let paths: Vec<_> = files.iter().map(|f| f.path().to_path_buf()).collect();
    let expected = content(files[0].project());
    for file in files {
        file.close().unwrap();
    }
    for path in paths {
        store::validate(Path::new(&path)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let reopened = ProjectFile::open(&path).unwrap();
        prop_assert_eq!(content(reopened.project()), expected.clone());
        reopened.close().unwrap();
    }
    Ok(())
}

proptest! {
    // Seeded and bounded: the same cases every run, each a few dozen actions.
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: None,
        rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed_3),
        ..ProptestConfig::default()
    })]
    #[test]
    fn three_replicas_partitioned_at_random_converge(actions in proptest::collection::vec(action(), 1..40)) {
        run(&actions)?;
    }
}
