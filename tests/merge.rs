//! `waymark merge`: two copies of one file, edited apart, merged through real files and the CLI.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use waymark::merge::{self, ConflictKind, Prefer, Side};
use waymark::store::ProjectFile;
use waymark::*;

struct Copies {
    _dir: tempfile::TempDir,
    mine: PathBuf,
    theirs: PathBuf,
    out: PathBuf,
}

/// A project file, closed and then copied byte for byte — the way it is mailed around.
fn copies() -> Copies {
    let dir = temp();
    let mine = file_in(&dir, "mine.waymark");
    let theirs = file_in(&dir, "theirs.waymark");
    let out = file_in(&dir, "merged.waymark");
    ProjectFile::create(&mine, &sample_with_image())
        .unwrap()
        .close()
        .unwrap();
    std::fs::copy(&mine, &theirs).unwrap();
    Copies {
        _dir: dir,
        mine,
        theirs,
        out,
    }
}

/// Cards nothing else refers to, so they can be deleted on their own.
fn free_cards(project: &Project) -> Vec<Card> {
    project
        .cards
        .iter()
        .filter(|c| {
            !project.cards.iter().any(|o| o.answers.contains(&c.id))
                && !project
                    .moments_of_truth
                    .iter()
                    .any(|m| m.target == MomentTarget::Card(c.id))
        })
        .cloned()
        .collect()
}

fn edit(path: &Path, edits: impl FnOnce(&Project) -> Vec<Edit>) {
    let mut file = ProjectFile::open(path).unwrap();
    assert!(file.read_only().is_none());
    let change = Change::new(edits(file.project()));
    file.apply(&change).unwrap();
    file.close().unwrap();
}

fn retext(card: &Card, text: &str) -> Edit {
    let mut after = card.clone();
    after.text = text.into();
    Edit::Update {
        before: Record::Card(card.clone()),
        after: Record::Card(after),
    }
}

fn card_text(project: &Project, id: Id) -> Option<String> {
    project
        .cards
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.text.clone())
}

fn run_merge(c: &Copies, prefer: Option<&str>) -> std::process::Output {
    let mut args = vec![
        "merge",
        path_str(&c.mine),
        path_str(&c.theirs),
        "-o",
        path_str(&c.out),
    ];
    if let Some(prefer) = prefer {
        args.extend(["--prefer", prefer]);
    }
    waymark(&args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn assert_valid(path: &Path) {
    let validated = waymark(&["validate", path_str(path)]);
    assert!(validated.status.success(), "{}", text(&validated.stderr));
}

#[test]
fn edits_made_apart_on_both_sides_all_survive() {
    let c = copies();
    let base = store::read(&c.mine).unwrap();
    let cards = free_cards(&base);
    let (a, b) = (cards[0].clone(), cards[1].clone());
    let stage = base.stages[0].clone();
    edit(&c.mine, |_| {
        let mut moved = stage.clone();
        moved.order = base.stages.last().unwrap().order.after();
        vec![
            retext(&a, "Mine: asks a friend"),
            Edit::Update {
                before: Record::Stage(stage.clone()),
                after: Record::Stage(moved),
            },
        ]
    });
    let mut added = b.clone();
    added.id = uuid::Uuid::new_v4();
    added.text = "Theirs: a new card".into();
    added.order = b.order.after();
    edit(&c.theirs, |_| {
        let mut renamed = stage.clone();
        renamed.name = "Entdeckung".into();
        vec![
            retext(&b, "Theirs: reads reviews"),
            Edit::Add {
                record: Record::Card(added.clone()),
            },
            Edit::Update {
                before: Record::Stage(stage.clone()),
                after: Record::Stage(renamed),
            },
        ]
    });
    let (mine_hash, theirs_hash) = (sha256(&c.mine), sha256(&c.theirs));

    let merged = run_merge(&c, None);
    assert!(merged.status.success(), "{}", text(&merged.stderr));
    assert!(
        text(&merged.stdout).contains("0 conflicts"),
        "{}",
        text(&merged.stdout)
    );
    assert_valid(&c.out);
    let result = store::read(&c.out).unwrap();
    assert_eq!(card_text(&result, a.id).unwrap(), "Mine: asks a friend");
    assert_eq!(card_text(&result, b.id).unwrap(), "Theirs: reads reviews");
    assert_eq!(card_text(&result, added.id).unwrap(), "Theirs: a new card");
    // One side moved the stage, the other renamed it: both, field by field.
    let merged_stage = result.stages.iter().find(|s| s.id == stage.id).unwrap();
    assert_eq!(merged_stage.name, "Entdeckung");
    assert_eq!(
        merged_stage.order,
        base.stages.last().unwrap().order.after()
    );
    // The inputs are only read.
    assert_eq!(
        (sha256(&c.mine), sha256(&c.theirs)),
        (mine_hash, theirs_hash)
    );
}

/// Mine: card 0 → "M", deletes card 1, edits card 2, moves stage 0 after the last.
/// Theirs: card 0 → "T", edits card 1, deletes card 2, moves stage 0 before the first.
fn conflicting(c: &Copies) -> (Project, Vec<Card>, Stage) {
    let base = store::read(&c.mine).unwrap();
    let cards = free_cards(&base);
    let stage = base.stages[1].clone();
    let mut late = stage.clone();
    late.order = base.stages.last().unwrap().order.after();
    let mut early = stage.clone();
    early.order = base.stages[0].order.before();
    edit(&c.mine, |_| {
        vec![
            retext(&cards[0], "M: calls the hotline"),
            Edit::Remove {
                record: Record::Card(cards[1].clone()),
            },
            retext(&cards[2], "M: keeps this one"),
            Edit::Update {
                before: Record::Stage(stage.clone()),
                after: Record::Stage(late),
            },
        ]
    });
    edit(&c.theirs, |_| {
        vec![
            retext(&cards[0], "T: writes an e-mail"),
            retext(&cards[1], "T: keeps this one"),
            Edit::Remove {
                record: Record::Card(cards[2].clone()),
            },
            Edit::Update {
                before: Record::Stage(stage.clone()),
                after: Record::Stage(early),
            },
        ]
    });
    (base, cards, stage)
}

#[test]
fn every_kind_of_conflict_is_reported_and_nothing_is_written() {
    let c = copies();
    let (_, cards, stage) = conflicting(&c);
    let merged = run_merge(&c, None);
    assert!(!merged.status.success());
    assert!(
        !c.out.exists(),
        "a merge with open conflicts writes nothing"
    );
    let report = text(&merged.stdout);
    let stderr = text(&merged.stderr);
    assert!(stderr.contains("4 conflicts"), "{stderr}");
    assert!(stderr.contains("--prefer mine"), "{stderr}");
    let line = |needle: &str| {
        report
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?} in\n{report}"))
            .to_string()
    };
    let both = line("M: calls the hotline");
    assert!(both.contains("changed on both sides"), "{both}");
    assert!(both.contains("\"T: writes an e-mail\" in theirs"), "{both}");
    assert!(line("T: keeps this one").contains("deleted in mine but changed in theirs"));
    assert!(line("M: keeps this one").contains("deleted in theirs but changed in mine"));
    let moved = line(&format!("stage {:?}", stage.name));
    assert!(moved.contains("moved or reordered differently"), "{moved}");

    // The library says the same, typed.
    let plan = merge::plan(Side::read(&c.mine).unwrap(), Side::read(&c.theirs).unwrap()).unwrap();
    let mut kinds: Vec<_> = plan.conflicts.iter().map(|c| c.kind).collect();
    kinds.sort_by_key(|k| format!("{k:?}"));
    assert_eq!(
        kinds,
        [
            ConflictKind::ChangedOnBoth,
            ConflictKind::DeletedInMine,
            ConflictKind::DeletedInTheirs,
            ConflictKind::ReorderedOnBoth
        ]
    );
    assert!(plan
        .conflicts
        .iter()
        .any(|x| x.key == RecordKey::Card(cards[0].id)));

    // Each conflict's fields with both sides' values, as the app's merge dialog lists them.
    let of = |id| {
        plan.conflicts
            .iter()
            .find(|x| x.key == RecordKey::Card(id))
            .unwrap()
    };
    let both = of(cards[0].id);
    assert_eq!(both.record(), "card \"M: calls the hotline\"");
    assert_eq!(
        both.values(),
        [merge::FieldValues {
            field: "text".into(),
            mine: "\"M: calls the hotline\"".into(),
            theirs: "\"T: writes an e-mail\"".into(),
        }]
    );
    let deleted = of(cards[1].id).values();
    assert_eq!(deleted.len(), 1, "{deleted:?}");
    assert_eq!(
        (deleted[0].mine.as_str(), deleted[0].theirs.as_str()),
        ("deleted", "\"T: keeps this one\"")
    );
}

#[test]
fn prefer_mine_and_prefer_theirs_resolve_every_conflict() {
    let c = copies();
    let (base, cards, stage) = conflicting(&c);
    let merged = run_merge(&c, Some("mine"));
    assert!(merged.status.success(), "{}", text(&merged.stderr));
    assert!(text(&merged.stdout).contains("kept mine:"));
    assert_valid(&c.out);
    let result = store::read(&c.out).unwrap();
    assert_eq!(
        card_text(&result, cards[0].id).unwrap(),
        "M: calls the hotline"
    );
    assert_eq!(card_text(&result, cards[1].id), None);
    assert_eq!(
        card_text(&result, cards[2].id).unwrap(),
        "M: keeps this one"
    );
    let order = |p: &Project| {
        p.stages
            .iter()
            .find(|s| s.id == stage.id)
            .unwrap()
            .order
            .clone()
    };
    assert_eq!(order(&result), base.stages.last().unwrap().order.after());

    std::fs::remove_file(&c.out).unwrap();
    let merged = run_merge(&c, Some("theirs"));
    assert!(merged.status.success(), "{}", text(&merged.stderr));
    assert_valid(&c.out);
    let result = store::read(&c.out).unwrap();
    assert_eq!(
        card_text(&result, cards[0].id).unwrap(),
        "T: writes an e-mail"
    );
    assert_eq!(
        card_text(&result, cards[1].id).unwrap(),
        "T: keeps this one"
    );
    assert_eq!(card_text(&result, cards[2].id), None);
    assert_eq!(order(&result), base.stages[0].order.before());
}

#[test]
fn copies_of_different_projects_are_refused() {
    let c = copies();
    std::fs::remove_file(&c.theirs).unwrap();
    let mut other = sample_with_image();
    other.info.id = uuid::Uuid::new_v4();
    ProjectFile::create(&c.theirs, &other)
        .unwrap()
        .close()
        .unwrap();
    let merged = run_merge(&c, Some("mine"));
    assert!(!merged.status.success());
    let stderr = text(&merged.stderr);
    assert!(stderr.contains("copies of different projects"), "{stderr}");
    assert!(!c.out.exists());
}

#[test]
fn copies_without_shared_history_are_refused() {
    // One project id, but the second file's history starts from other content.
    let c = copies();
    let mut other = store::read(&c.mine).unwrap();
    other.cards[0].text = "edited before any history was kept".into();
    std::fs::remove_file(&c.theirs).unwrap();
    ProjectFile::create(&c.theirs, &other)
        .unwrap()
        .close()
        .unwrap();
    let merged = run_merge(&c, None);
    assert!(!merged.status.success());
    assert!(
        text(&merged.stderr).contains("share no recorded history"),
        "{}",
        text(&merged.stderr)
    );
}

#[test]
fn a_later_merge_finds_the_ancestor_the_first_one_recorded() {
    let c = copies();
    let base = store::read(&c.mine).unwrap();
    let cards = free_cards(&base);
    edit(&c.mine, |_| vec![retext(&cards[0], "mine, first round")]);
    edit(&c.theirs, |_| {
        vec![retext(&cards[1], "theirs, first round")]
    });
    assert!(run_merge(&c, None).status.success());
    // Mine continues on the merged file; theirs edits the card it already sent again.
    std::fs::rename(&c.out, &c.mine).unwrap();
    let sent = store::read(&c.theirs).unwrap();
    let card = sent
        .cards
        .iter()
        .find(|x| x.id == cards[1].id)
        .unwrap()
        .clone();
    edit(&c.theirs, |_| vec![retext(&card, "theirs, second round")]);

    let merged = run_merge(&c, None);
    assert!(
        merged.status.success(),
        "{}{}",
        text(&merged.stdout),
        text(&merged.stderr)
    );
    let result = store::read(&c.out).unwrap();
    assert_eq!(
        card_text(&result, cards[0].id).unwrap(),
        "mine, first round"
    );
    assert_eq!(
        card_text(&result, cards[1].id).unwrap(),
        "theirs, second round"
    );
    assert_valid(&c.out);
}

#[test]
fn a_lane_deleted_on_one_side_is_kept_for_the_card_the_other_added() {
    let c = copies();
    let base = store::read(&c.mine).unwrap();
    let journey = base.journeys[0].id;
    let step = base.journey_steps(journey)[0].id;
    let lane = Lane {
        id: uuid::Uuid::new_v4(),
        journey,
        kind: LaneKind::Notes,
        title: "Side notes".into(),
        order: base.lanes.last().unwrap().order.after(),
    };
    // Both copies start with the empty lane.
    edit(&c.mine, |_| {
        vec![Edit::Add {
            record: Record::Lane(lane.clone()),
        }]
    });
    std::fs::remove_file(&c.theirs).unwrap();
    std::fs::copy(&c.mine, &c.theirs).unwrap();
    edit(&c.mine, |_| {
        vec![Edit::Remove {
            record: Record::Lane(lane.clone()),
        }]
    });
    let card = Card {
        id: uuid::Uuid::new_v4(),
        lane: lane.id,
        step,
        text: "Ask the shop about opening hours".into(),
        ..Card::default()
    };
    edit(&c.theirs, |_| {
        vec![Edit::Add {
            record: Record::Card(card.clone()),
        }]
    });
    let merged = run_merge(&c, None);
    assert!(merged.status.success(), "{}", text(&merged.stderr));
    let report = text(&merged.stdout);
    assert!(
        report.contains("kept lane \"Side notes\": mine deleted it, but the merge still uses it"),
        "{report}"
    );
    let result = store::read(&c.out).unwrap();
    assert!(result.lanes.iter().any(|l| l.id == lane.id));
    assert!(result.cards.iter().any(|x| x.id == card.id));
    assert_valid(&c.out);
}

#[test]
fn the_library_plan_resolves_conflict_by_conflict() {
    let c = copies();
    let (_, cards, _) = conflicting(&c);
    let plan = merge::plan(Side::read(&c.mine).unwrap(), Side::read(&c.theirs).unwrap()).unwrap();
    assert!(plan.resolve(&[]).is_err(), "one choice per conflict");
    let choices: Vec<Prefer> = plan
        .conflicts
        .iter()
        .map(|x| {
            if x.key == RecordKey::Card(cards[0].id) {
                Prefer::Theirs
            } else {
                Prefer::Mine
            }
        })
        .collect();
    let merged = plan.resolve(&choices).unwrap();
    assert_eq!(
        card_text(&merged.project, cards[0].id).unwrap(),
        "T: writes an e-mail"
    );
    assert_eq!(
        card_text(&merged.project, cards[2].id).unwrap(),
        "M: keeps this one"
    );
    merged.write(&c.out).unwrap();
    store::validate(&c.out).unwrap();
    let history = ProjectFile::open_read_only(&c.out)
        .unwrap()
        .history()
        .unwrap();
    let theirs_history = ProjectFile::open_read_only(&c.theirs)
        .unwrap()
        .history()
        .unwrap();
    let last = history.last().unwrap();
    assert!(last
        .merged
        .contains(&theirs_history.last().unwrap().change.id));
}

#[test]
fn a_schema_1_copy_merges_with_a_migrated_copy_of_the_same_file() {
    let c = copies();
    let v1 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.waymark");
    std::fs::remove_file(&c.mine).unwrap();
    std::fs::remove_file(&c.theirs).unwrap();
    std::fs::copy(&v1, &c.mine).unwrap();
    std::fs::copy(&v1, &c.theirs).unwrap();
    let step = store::read(&c.mine).unwrap().steps[0].clone();
    // Mine is opened (and so migrated) and edited; theirs stays a schema-1 file.
    edit(&c.mine, |_| {
        let mut after = step.clone();
        after.title = "Edited after the upgrade".into();
        vec![Edit::Update {
            before: Record::Step(step.clone()),
            after: Record::Step(after),
        }]
    });
    let theirs_hash = sha256(&c.theirs);
    let merged = run_merge(&c, None);
    assert!(merged.status.success(), "{}", text(&merged.stderr));
    assert_eq!(
        sha256(&c.theirs),
        theirs_hash,
        "a merge input is never migrated"
    );
    let result = store::read(&c.out).unwrap();
    let title = &result.steps.iter().find(|s| s.id == step.id).unwrap().title;
    assert_eq!(title, "Edited after the upgrade");
    assert_valid(&c.out);
}

#[test]
fn a_merge_applies_to_the_open_file_and_is_recorded_there() {
    let c = copies();
    let base = store::read(&c.mine).unwrap();
    let cards = free_cards(&base);
    edit(&c.mine, |_| vec![retext(&cards[0], "mine, in the app")]);
    edit(&c.theirs, |_| vec![retext(&cards[1], "theirs, mailed")]);
    let mut open = ProjectFile::open(&c.mine).unwrap();
    let plan = merge::plan(Side::of(&open).unwrap(), Side::read(&c.theirs).unwrap()).unwrap();
    assert!(plan.conflicts.is_empty());
    plan.resolve(&[]).unwrap().apply_to(&mut open).unwrap();
    assert_eq!(
        card_text(open.project(), cards[1].id).unwrap(),
        "theirs, mailed"
    );
    open.close().unwrap();
    assert_valid(&c.mine);
    // Merging the same copy again finds nothing new.
    let again = merge::plan(Side::read(&c.mine).unwrap(), Side::read(&c.theirs).unwrap()).unwrap();
    let merged = again.resolve(&[]).unwrap();
    assert!(again.conflicts.is_empty());
    assert!(merged.change.edits.is_empty(), "{:?}", merged.change.edits);
}
