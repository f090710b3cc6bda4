//! The .waymark file: round trips, durable edits, refusals, Save As, versions.

mod common;

use common::*;
use rusqlite::Connection;
use waymark::store::{ProjectFile, APPLICATION_ID, SCHEMA_VERSION};
use waymark::*;

fn card_edit(project: &Project) -> Change {
    let before = project.cards[0].clone();
    let mut after = before.clone();
    after.text = "Größe: Zażółć gęślą jaźń".into();
    Change::new(vec![Edit::Update {
        before: Record::Card(before),
        after: Record::Card(after),
    }])
}

#[test]
fn a_project_survives_file_and_json_round_trips_byte_for_byte() {
    let dir = temp();
    let project = sample_with_image();
    let first = file_in(&dir, "first.waymark");
    let opened = ProjectFile::create(&first, &project).unwrap();
    assert_eq!(opened.project(), &project);
    opened.close().unwrap();

    let json_one = interchange::json::to_string(&store::read(&first).unwrap());
    let json_path = file_in(&dir, "one.json");
    std::fs::write(&json_path, &json_one).unwrap();
    let second = file_in(&dir, "second.waymark");
    ProjectFile::create(&second, &interchange::json::read(&json_path).unwrap())
        .unwrap()
        .close()
        .unwrap();
    let json_two = interchange::json::to_string(&store::read(&second).unwrap());
    assert_eq!(json_one, json_two);
    assert!(json_one.contains(&interchange::json::FORMAT.to_string()));
    assert_eq!(store::read(&second).unwrap().images[0].data, tiny_png());
}

#[test]
fn an_edit_is_on_disk_when_apply_returns() {
    let dir = temp();
    let path = file_in(&dir, "map.waymark");
    let mut file = ProjectFile::create(&path, &sample_with_image()).unwrap();
    let change = card_edit(file.project());
    file.apply(&change).unwrap();
    // A second, independent connection sees it while the first is still open.
    let reread = store::read(&path).unwrap();
    assert_eq!(reread.cards[0].text, "Größe: Zażółć gęślą jaźń");
    assert_eq!(&reread, file.project());
    // Undo is the inverse change, also durable.
    file.apply(&change.inverse()).unwrap();
    assert_ne!(
        store::read(&path).unwrap().cards[0].text,
        "Größe: Zażółć gęślą jaźń"
    );
    file.close().unwrap();
}

#[test]
fn every_change_written_gets_the_next_number_and_a_refused_one_none() {
    let dir = temp();
    let path = file_in(&dir, "map.waymark");
    let mut file = ProjectFile::create(&path, &sample_with_image()).unwrap();
    let first = file.last_change();
    let change = card_edit(file.project());
    file.apply(&change).unwrap();
    let second = file.last_change();
    assert!(second > first, "{first} then {second}");
    // Refused (stale): no number taken.
    assert!(file.apply(&change).is_err());
    assert_eq!(file.last_change(), second);
    file.apply(&change.inverse()).unwrap();
    let third = file.last_change();
    assert!(third > second, "{second} then {third}");
    file.close().unwrap();
    // The numbers are the file's, not the connection's: reopened, it goes on from there.
    let mut file = ProjectFile::open(&path).unwrap();
    assert_eq!(file.last_change(), third);
    file.apply(&card_edit(file.project())).unwrap();
    assert!(file.last_change() > third);
    file.close().unwrap();
}

#[test]
fn an_invalid_edit_writes_nothing() {
    let dir = temp();
    let path = file_in(&dir, "map.waymark");
    let mut file = ProjectFile::create(&path, &sample_with_image()).unwrap();
    let before_bytes = sha256(&path);
    let before_project = file.project().clone();

    // A card on a step that does not exist.
    let mut card = before_project.cards[0].clone();
    card.id = uuid::Uuid::new_v4();
    card.step = uuid::Uuid::new_v4();
    let err = file
        .apply(&Change::new(vec![Edit::Add {
            record: Record::Card(card),
        }]))
        .unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }), "{err}");
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert_eq!(
        sha256(&path),
        before_bytes,
        "a refused edit must not touch the file"
    );

    // A stale update: `before` no longer matches.
    let change = card_edit(&before_project);
    file.apply(&change).unwrap();
    let err = file.apply(&change).unwrap_err();
    assert!(err.to_string().contains("changed since"), "{err}");
    file.apply(&change.inverse()).unwrap();

    // Removing a stage that still has steps: all or nothing, even when the first edit was fine.
    let before_project = file.project().clone();
    let before_bytes = sha256(&path);
    let lane = before_project.lanes[0].clone();
    let stage = before_project.stages[0].clone();
    let err = file
        .apply(&Change::new(vec![
            Edit::Remove {
                record: Record::Lane(lane.clone()),
            },
            Edit::Remove {
                record: Record::Stage(stage),
            },
        ]))
        .unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }), "{err}");
    assert!(
        file.project() == &before_project,
        "the in-memory project was rolled back"
    );
    assert_eq!(sha256(&path), before_bytes);
    file.close().unwrap();
    assert!(store::read(&path).unwrap() == before_project);
}

#[test]
fn an_empty_name_is_refused() {
    let dir = temp();
    let path = file_in(&dir, "map.waymark");
    let mut file = ProjectFile::create(&path, &sample_with_image()).unwrap();
    let before = file.project().stages[0].clone();
    let mut after = before.clone();
    after.name = "  ".into();
    let err = file.apply(&Change::new(vec![Edit::Update {
        before: Record::Stage(before),
        after: Record::Stage(after),
    }]));
    assert!(err.unwrap_err().to_string().contains("must not be empty"));
}

#[test]
fn nothing_is_left_beside_the_file() {
    let dir = temp();
    let path = file_in(&dir, "map.waymark");
    let mut file = ProjectFile::create(&path, &sample_with_image()).unwrap();
    file.apply(&card_edit(&file.project().clone())).unwrap();
    let names = || -> Vec<String> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    // Even while open, between edits, the project is one file; beside it only the in-use mark,
    // which is not part of the project.
    let mut open_names = names();
    open_names.sort();
    assert_eq!(open_names, [".~map.waymark.lock", "map.waymark"]);
    file.close().unwrap();
    assert_eq!(names(), ["map.waymark"]);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
}

#[test]
fn save_as_writes_a_consistent_copy_that_opens() {
    let dir = temp();
    let path = file_in(&dir, "map.waymark");
    let mut file = ProjectFile::create(&path, &sample_with_image()).unwrap();
    file.apply(&card_edit(&file.project().clone())).unwrap();
    let copy = file_in(&dir, "copy.waymark");
    std::fs::write(&copy, b"an older file that Save As replaces").unwrap();
    let expected = file.project().clone();
    let file = file.save_as(&copy).unwrap();
    assert_eq!(file.path(), copy.as_path());
    assert_eq!(file.project(), &expected);
    file.close().unwrap();
    let conn = Connection::open(&copy).unwrap();
    let id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!((id, version), (APPLICATION_ID, SCHEMA_VERSION));
    assert_eq!(store::read(&path).unwrap(), expected);
}

#[test]
fn a_newer_file_opens_read_only_and_is_never_written() {
    let dir = temp();
    let path = file_in(&dir, "newer.waymark");
    ProjectFile::create(&path, &sample_with_image())
        .unwrap()
        .close()
        .unwrap();
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let hash = sha256(&path);

    let mut file = ProjectFile::open(&path).unwrap();
    let reason = file.read_only().expect("read-only").to_string();
    assert!(
        reason.contains(&format!("file format {}", SCHEMA_VERSION + 1)),
        "{reason}"
    );
    assert!(
        reason.contains(&format!("knows up to {SCHEMA_VERSION}")),
        "{reason}"
    );
    let err = file.apply(&card_edit(&file.project().clone())).unwrap_err();
    assert!(matches!(err, Error::ReadOnly { .. }), "{err}");
    file.close().unwrap();
    assert_eq!(sha256(&path), hash);
}

#[test]
fn a_locked_file_is_reported_as_busy() {
    let dir = temp();
    let path = file_in(&dir, "locked.waymark");
    ProjectFile::create(&path, &sample_with_image())
        .unwrap()
        .close()
        .unwrap();
    let holder = Connection::open(&path).unwrap();
    holder
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
        .unwrap();
    let err = ProjectFile::open(&path)
        .err()
        .expect("refused while locked");
    assert!(matches!(err, Error::Locked { .. }), "{err}");
    holder.execute_batch("COMMIT").unwrap();
}

fn schema_of(path: &std::path::Path) -> String {
    let conn = Connection::open(path).unwrap();
    let mut statement = conn
        .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type, name")
        .unwrap();
    let schema: Vec<String> = statement
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|s| s.unwrap() + ";\n")
        .collect();
    schema.concat()
}

fn fixtures() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn migrations_are_valid_and_give_the_recorded_schema() {
    waymark::store::migrations().validate().unwrap();
    let dir = temp();
    let path = file_in(&dir, "schema.waymark");
    ProjectFile::create(
        &path,
        &waymark::catalogue::new_project("Schema", "en", "2026-01-01T00:00:00Z"),
    )
    .unwrap()
    .close()
    .unwrap();
    let schema = schema_of(&path);
    let recorded_path = fixtures().join(format!("schema-v{SCHEMA_VERSION}.sql"));
    if std::env::var_os("WAYMARK_RECORD_SCHEMA").is_some() {
        std::fs::write(&recorded_path, &schema).unwrap();
    }
    let recorded = std::fs::read_to_string(&recorded_path).unwrap();
    assert_eq!(
        schema, recorded,
        "schema drifted; if intended, rerun with WAYMARK_RECORD_SCHEMA=1"
    );

    // Every older version, migrated, ends at the same schema as a new file.
    for version in 1..SCHEMA_VERSION {
        let old = file_in(&dir, &format!("old-{version}.waymark"));
        std::fs::copy(fixtures().join(format!("schema-v{version}.waymark")), &old).unwrap();
        assert_eq!(
            schema_of(&old),
            std::fs::read_to_string(fixtures().join(format!("schema-v{version}.sql"))).unwrap(),
            "the schema-{version} fixture is not of schema {version}"
        );
        ProjectFile::open(&old).unwrap().close().unwrap();
        assert_eq!(schema_of(&old), recorded, "schema {version} migrated");
    }
}

#[test]
fn the_committed_json_schema_matches_the_types() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/project.schema.json");
    if std::env::var_os("WAYMARK_RECORD_SCHEMA").is_some() {
        std::fs::write(&path, interchange::json::schema()).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        interchange::json::schema(),
        "run with WAYMARK_RECORD_SCHEMA=1"
    );
}

/// One file per schema version this build has ever written; each must keep opening. An older one
/// is backed up byte for byte beside itself before it is migrated.
#[test]
fn every_schema_version_fixture_opens() {
    for version in 1..=SCHEMA_VERSION {
        let original = fixtures().join(format!("schema-v{version}.waymark"));
        // Work on a copy: opening an older version migrates it.
        let dir = temp();
        let path = file_in(&dir, "fixture.waymark");
        std::fs::copy(&original, &path).unwrap();
        let hash = sha256(&path);
        let file = ProjectFile::open(&path).unwrap_or_else(|e| panic!("schema {version}: {e}"));
        assert!(file.read_only().is_none());
        assert!(
            file.project().info.name.starts_with("Fixture: schema"),
            "{}",
            file.project().info.name
        );
        let stages: Vec<_> = file
            .project()
            .stages
            .iter()
            .map(|s| s.name.clone())
            .collect();
        assert!(stages.contains(&"Awareness".to_string()), "{stages:?}");
        assert!(!file.history().unwrap().is_empty());
        file.close().unwrap();
        let backup = file_in(&dir, &format!("fixture.v{version}-backup.waymark"));
        if version == SCHEMA_VERSION {
            assert_eq!(
                sha256(&path),
                hash,
                "opening a current file must not write to it"
            );
            assert!(!backup.exists());
        } else {
            assert_eq!(sha256(&backup), hash, "the backup is the file as it was");
            store::validate(&path).unwrap();
            store::validate(&backup).unwrap_or_else(|e| panic!("the backup opens: {e}"));
        }
    }
}

#[test]
fn a_backup_never_replaces_an_earlier_one() {
    let dir = temp();
    let path = file_in(&dir, "map.waymark");
    let v1 = fixtures().join("schema-v1.waymark");
    let earlier = file_in(&dir, "map.v1-backup.waymark");
    std::fs::write(&earlier, b"an earlier backup the user keeps").unwrap();
    std::fs::copy(&v1, &path).unwrap();
    ProjectFile::open(&path).unwrap().close().unwrap();
    assert_eq!(
        std::fs::read(&earlier).unwrap(),
        b"an earlier backup the user keeps"
    );
    assert_eq!(
        sha256(&file_in(&dir, "map.v1-backup-2.waymark")),
        sha256(&v1)
    );
}

#[test]
fn a_schema_2_fixture_keeps_its_history() {
    let file = ProjectFile::open_read_only(&fixtures().join("schema-v2.waymark")).unwrap();
    let history = file.history().unwrap();
    assert_eq!(history.len(), 2, "origin and one edit");
    assert!(history[0].change.edits.is_empty());
    assert_eq!(
        history[1].change.id.to_string(),
        "5a7e2f00-0000-4000-8000-000000000002"
    );
    // Reading a schema-1 file (as export does) leaves it as it is: no migration, no backup.
    let dir = temp();
    let v1 = file_in(&dir, "v1.waymark");
    std::fs::copy(fixtures().join("schema-v1.waymark"), &v1).unwrap();
    let hash = sha256(&v1);
    let project = store::read(&v1).unwrap();
    let read_only = ProjectFile::open_read_only(&v1).unwrap();
    // Its origin is derived from what it holds, so copies of one schema-1 file migrated apart
    // share it.
    assert_eq!(
        read_only.history().unwrap()[0].change.id,
        store::origin_id(&project)
    );
    read_only.close().unwrap();
    assert_eq!(sha256(&v1), hash);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn every_applied_change_is_recorded_with_the_edit() {
    let dir = temp();
    let path = file_in(&dir, "map.waymark");
    let mut file = ProjectFile::create(&path, &sample_with_image()).unwrap();
    assert_eq!(
        file.history().unwrap().len(),
        1,
        "a new file has its origin"
    );
    let change = card_edit(file.project());
    file.apply(&change).unwrap();
    file.apply(&change.inverse()).unwrap();
    // A refused change leaves no trace.
    assert!(file.apply(&change.inverse()).is_err());
    file.close().unwrap();

    let file = ProjectFile::open_read_only(&path).unwrap();
    let history = file.history().unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[1].change, change);
    assert_eq!(history[2].change.edits, change.inverse().edits);
    // A copy made through Save As carries the lineage along.
    let copy = file_in(&dir, "copy.waymark");
    file.save_copy(&copy).unwrap();
    assert_eq!(
        ProjectFile::open_read_only(&copy)
            .unwrap()
            .history()
            .unwrap(),
        history
    );
}

/// A hand-made file with a non-hex order key is refused as damaged, never a crash.
#[test]
fn a_file_with_a_foreign_character_in_an_order_key_is_refused() {
    let dir = temp();
    let path = file_in(&dir, "forged.waymark");
    ProjectFile::create(&path, &sample_with_image())
        .unwrap()
        .close()
        .unwrap();
    Connection::open(&path)
        .unwrap()
        .execute("UPDATE stages SET sort = '8\u{e4}0'", [])
        .unwrap();
    let hash = sha256(&path);
    let err = ProjectFile::open(&path).err().expect("refused");
    assert!(matches!(err, Error::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("not an order key"), "{err}");
    assert_eq!(sha256(&path), hash);
}
