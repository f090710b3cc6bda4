//! Dot voting and the "fix first" ranking on real files: the schema-3 records stored, validated,
//! merged and exported; `waymark rank` through the real CLI.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use uuid::Uuid;
use waymark::store::{self, ProjectFile};
use waymark::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A copy of the schema-3 fixture: one participant (3 dots), a pain point at a moment of truth,
/// an opportunity answering it (impact 4, effort 2, 1 vote on paper, 2 dots) and another
/// (impact 3, effort 4, 1 dot). Migrated to the current schema here, so the tests below see
/// only what they write themselves (no migration, no backup beside it).
fn fixture(dir: &tempfile::TempDir) -> PathBuf {
    let path = file_in(dir, "workshop.waymark");
    std::fs::copy(fixtures().join("schema-v3.waymark"), &path).unwrap();
    ProjectFile::open(&path).unwrap().close().unwrap();
    std::fs::remove_file(file_in(dir, "workshop.v3-backup.waymark")).unwrap();
    path
}

fn card_named<'a>(project: &'a Project, text: &str) -> &'a Card {
    project.cards.iter().find(|c| c.text == text).unwrap()
}

fn participant(name: &str, dots: u32) -> Participant {
    Participant {
        id: Uuid::new_v4(),
        name: name.into(),
        colour: "#2f7ab9".into(),
        dots,
        order: OrderKey::first(),
    }
}

fn dot(card: Id, participant: Id) -> Dot {
    Dot {
        id: Uuid::new_v4(),
        card,
        participant,
    }
}

fn add(record: Record) -> Edit {
    Edit::Add { record }
}

#[test]
fn the_fixture_ranks_by_the_rule() {
    let dir = temp();
    let path = fixture(&dir);
    let project = store::read(&path).unwrap();
    let journey = project.journeys[0].id;
    let ranking = priority::rank(&project, journey);
    let top = card_named(&project, "Preise auf der Startseite zeigen");
    let other = card_named(&project, "Preisrechner");
    let pain = card_named(&project, "Preise sind schwer zu finden");
    assert_eq!(ranking.len(), 2);
    assert_eq!(ranking[0].card, top.id);
    assert_eq!(ranking[0].votes, 3, "1 counted on paper + 2 dots");
    assert!(ranking[0].at_moment_of_truth);
    assert_eq!(ranking[0].score, (4 * (6 - 2) + 3) * 2);
    assert_eq!(ranking[0].answers, vec![pain.id]);
    assert_eq!(ranking[1].card, other.id);
    assert_eq!((ranking[1].score, ranking[1].rank), (3 * (6 - 4) + 1, 2));
    assert!(!ranking[1].at_moment_of_truth && !ranking[1].unrated);
}

#[test]
fn participants_and_dots_survive_the_file_and_json() {
    let dir = temp();
    let path = fixture(&dir);
    let project = store::read(&path).unwrap();
    assert_eq!(project.participants.len(), 1);
    assert_eq!(project.participants[0].name, "Zofia Łukasiewicz");
    assert_eq!(project.dots.len(), 3);

    let json = interchange::json::to_string(&project);
    let back = interchange::json::from_str(&json, Path::new("workshop.json")).unwrap();
    assert_eq!(back, project);
    let copy = file_in(&dir, "copy.waymark");
    ProjectFile::create(&copy, &back).unwrap().close().unwrap();
    let reread = store::read(&copy).unwrap();
    assert_eq!(reread.participants, project.participants);
    assert_eq!(reread.dots, project.dots);

    // JSON written before schema 3 has neither list (nor schema 6's room records) and still imports.
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let fields = value["project"].as_object_mut().unwrap();
    for list in ["participants", "dots", "submissions", "ratings"] {
        fields.remove(list);
    }
    // Dots gone, so is what they added to the ranking; the rest of the project is the same.
    let older = interchange::json::from_str(&value.to_string(), Path::new("old.json")).unwrap();
    assert!(older.participants.is_empty() && older.dots.is_empty());
    assert_eq!(older.cards, project.cards);
}

fn refused(path: &Path, edits: Vec<Edit>, expect: &[&str]) {
    let before = sha256(path);
    let mut file = ProjectFile::open(path).unwrap();
    let err = file.apply(&Change::new(edits)).unwrap_err().to_string();
    for part in expect {
        assert!(err.contains(part), "expected {part:?} in: {err}");
    }
    file.close().unwrap();
    assert_eq!(sha256(path), before, "a refused change writes nothing");
}

#[test]
fn the_rules_of_dot_voting_are_kept() {
    let dir = temp();
    let path = fixture(&dir);
    let project = store::read(&path).unwrap();
    let zofia = project.participants[0].clone();
    let top = card_named(&project, "Preise auf der Startseite zeigen").clone();
    let pain = card_named(&project, "Preise sind schwer zu finden").clone();

    // Her 3 dots are placed; a fourth is refused, naming her.
    refused(
        &path,
        vec![add(Record::Dot(dot(top.id, zofia.id)))],
        &["Zofia Łukasiewicz", "has placed 4 dots but has only 3"],
    );
    // Lowering her allowance below what she placed is refused the same way.
    let fewer = Participant {
        dots: 2,
        ..zofia.clone()
    };
    refused(
        &path,
        vec![Edit::Update {
            before: Record::Participant(zofia.clone()),
            after: Record::Participant(fewer),
        }],
        &["has placed 3 dots but has only 2"],
    );
    refused(
        &path,
        vec![add(Record::Dot(dot(pain.id, zofia.id)))],
        &["is not an opportunity"],
    );
    refused(
        &path,
        vec![add(Record::Dot(dot(Uuid::new_v4(), zofia.id)))],
        &["which does not exist"],
    );
    refused(
        &path,
        vec![add(Record::Dot(dot(top.id, Uuid::new_v4())))],
        &["who does not exist"],
    );
    refused(
        &path,
        vec![add(Record::Participant(participant("  ", 3)))],
        &["the participant's name must not be empty"],
    );
    refused(
        &path,
        vec![add(Record::Participant(participant("Ben", 0)))],
        &["at least 1 dot"],
    );
    // A card with dots on it goes only together with its dots.
    refused(
        &path,
        vec![Edit::Remove {
            record: Record::Card(top.clone()),
        }],
        &["does not exist"],
    );
    let mut file = ProjectFile::open(&path).unwrap();
    let mut edits: Vec<Edit> = file
        .project()
        .dots
        .iter()
        .filter(|d| d.card == top.id)
        .map(|d| Edit::Remove {
            record: Record::Dot(d.clone()),
        })
        .collect();
    edits.push(Edit::Remove {
        record: Record::Card(top.clone()),
    });
    file.apply(&Change::new(edits)).unwrap();
    assert_eq!(file.project().dots.len(), 1);
    file.close().unwrap();
    store::validate(&path).unwrap();
}

#[test]
fn dots_placed_on_two_copies_merge() {
    let dir = temp();
    let mine = fixture(&dir);
    let theirs = file_in(&dir, "theirs.waymark");
    std::fs::copy(&mine, &theirs).unwrap();
    let project = store::read(&mine).unwrap();
    let other = card_named(&project, "Preisrechner").id;
    let ben = participant("Ben", 2);
    let cleo = participant("Cléo", 1);
    let place = |path: &Path, who: &Participant, dots: usize| {
        let mut edits = vec![add(Record::Participant(who.clone()))];
        edits.extend((0..dots).map(|_| add(Record::Dot(dot(other, who.id)))));
        let mut file = ProjectFile::open(path).unwrap();
        file.apply(&Change::new(edits)).unwrap();
        file.close().unwrap();
    };
    place(&mine, &ben, 2);
    place(&theirs, &cleo, 1);
    let out = file_in(&dir, "merged.waymark");
    let report = merge::merge_files(&mine, &theirs, &out, None).unwrap();
    assert!(report.written && report.conflicts.is_empty(), "{report:?}");
    let merged = store::read(&out).unwrap();
    assert_eq!(merged.participants.len(), 3);
    assert_eq!(merged.dots.len(), 6);
    let row = priority::rank(&merged, merged.journeys[0].id)
        .into_iter()
        .find(|r| r.card == other)
        .unwrap();
    assert_eq!(row.votes, 4, "1 dot before, 2 from mine, 1 from theirs");
}

#[test]
fn a_schema_2_file_gets_its_backup_and_keeps_its_origin() {
    let dir = temp();
    let path = file_in(&dir, "old.waymark");
    std::fs::copy(fixtures().join("schema-v2.waymark"), &path).unwrap();
    let before = sha256(&path);
    // Ranking reads the file: no migration, no backup.
    let output = waymark(&["rank", path_str(&path)]);
    assert!(output.status.success());
    assert_eq!(sha256(&path), before);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    let file = ProjectFile::open(&path).unwrap();
    assert!(file.read_only().is_none());
    assert!(file.project().participants.is_empty());
    let history = file.history().unwrap();
    // The origin a schema-2 build recorded when the file was made is what this build derives
    // from the same content, so copies migrated by either build still merge.
    let mut start = file.project().clone();
    for entry in history[1..].iter().rev() {
        start.apply(&entry.change.inverse()).unwrap();
    }
    assert_eq!(store::origin_id(&start), history[0].change.id);
    file.close().unwrap();
    assert_eq!(
        sha256(&file_in(&dir, "old.v2-backup.waymark")),
        before,
        "the backup is the schema-2 file as it was"
    );
    let output = waymark(&["validate", path_str(&path)]);
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn waymark_rank_prints_the_table_and_writes_csv() {
    let dir = temp();
    let path = fixture(&dir);
    let output = waymark(&["rank", path_str(&path)]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.starts_with(priority::RULE), "{stdout}");
    assert!(stdout.contains("Fix first — Customer journey"), "{stdout}");
    let first = stdout
        .lines()
        .position(|l| l.contains("Preise auf der Startseite zeigen"))
        .unwrap();
    let second = stdout
        .lines()
        .position(|l| l.contains("Preisrechner"))
        .unwrap();
    assert!(first < second, "{stdout}");
    assert!(
        stdout.lines().nth(first).unwrap().ends_with("38"),
        "{stdout}"
    );

    let output = waymark(&["info", path_str(&path)]);
    let info = String::from_utf8(output.stdout).unwrap();
    assert!(
        info.contains("dot voting: 3 of 3 dots placed by Zofia Łukasiewicz"),
        "{info}"
    );
    let output = waymark(&["validate", path_str(&path)]);
    assert!(output.status.success(), "{output:?}");

    let csv = file_in(&dir, "ranking.csv");
    let output = waymark(&[
        "rank",
        path_str(&path),
        "--journey",
        "Customer journey",
        "--csv",
        path_str(&csv),
    ]);
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), 3, "{text:?}");
    assert!(!text.replace("\r\n", "").contains('\n'), "CRLF only");
    assert_eq!(
        lines[1],
        "1,Preise auf der Startseite zeigen,Awareness,Notices the need,4,2,3,yes,38,Preise sind schwer zu finden"
    );
    assert!(lines[2].starts_with("2,Preisrechner,"), "{}", lines[2]);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "nothing left beside the CSV"
    );
}

#[test]
fn waymark_rank_refuses_bad_input_in_one_line() {
    let dir = temp();
    let path = fixture(&dir);
    let before = sha256(&path);
    let missing_folder = dir.path().join("no/such/folder/ranking.csv");
    for (args, expect) in [
        (
            vec!["rank", path_str(&path), "--journey", "Onboarding"],
            "no journey named \"Onboarding\"; its journeys are \"Customer journey\"",
        ),
        (
            vec!["rank", path_str(&path), "--csv", path_str(&missing_folder)],
            "ranking.csv",
        ),
        (
            vec!["rank", path_str(&path), "--csv", path_str(dir.path())],
            "folder",
        ),
    ] {
        let output = waymark(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stderr.contains(expect), "expected {expect:?} in {stderr}");
    }
    assert_eq!(sha256(&path), before);
    assert!(!missing_folder.exists());
}
