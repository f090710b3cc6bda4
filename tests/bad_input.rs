//! Bad input through the real CLI: each case exits 1 with one line naming the file and the
//! problem, never panics, and leaves the input's bytes as they were.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use waymark::store::ProjectFile;

struct Case {
    input: PathBuf,
    args: Vec<String>,
    expect: &'static str,
}

fn refused(case: &Case) {
    let before = if case.input.is_file() {
        Some(sha256(&case.input))
    } else {
        None
    };
    let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
    let output = waymark(&args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line for {args:?}: {stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{stderr}"
    );
    let name = case.input.file_name().unwrap().to_string_lossy();
    assert!(
        stderr.contains(name.as_ref()),
        "the message names {name}: {stderr}"
    );
    assert!(
        stderr.contains(case.expect),
        "expected {:?} in: {stderr}",
        case.expect
    );
    if let Some(before) = before {
        assert_eq!(sha256(&case.input), before, "{name} was changed");
    }
}

fn project(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    let path = file_in(dir, name);
    ProjectFile::create(&path, &sample_with_image())
        .unwrap()
        .close()
        .unwrap();
    path
}

fn info(input: &Path, expect: &'static str) -> Case {
    Case {
        input: input.to_path_buf(),
        args: vec!["info".into(), path_str(input).into()],
        expect,
    }
}

fn import(input: &Path, dir: &tempfile::TempDir, expect: &'static str) -> Case {
    let out = file_in(dir, "out.waymark");
    Case {
        input: input.to_path_buf(),
        args: vec![
            "import".into(),
            path_str(input).into(),
            "-o".into(),
            path_str(&out).into(),
        ],
        expect,
    }
}

#[test]
fn a_directory() {
    let dir = temp();
    refused(&info(dir.path(), "is a directory"));
}

#[test]
fn an_empty_file() {
    let dir = temp();
    let path = file_in(&dir, "empty.waymark");
    std::fs::write(&path, b"").unwrap();
    refused(&info(&path, "the file is empty"));
}

#[test]
fn random_bytes() {
    let dir = temp();
    let path = file_in(&dir, "random.waymark");
    // Deterministic noise; no RNG needed.
    let bytes: Vec<u8> = (0u32..8192)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&path, bytes).unwrap();
    refused(&info(&path, "not an SQLite database"));
}

#[test]
fn a_truncated_project() {
    let dir = temp();
    let whole = project(&dir, "whole.waymark");
    let bytes = std::fs::read(&whole).unwrap();
    let path = file_in(&dir, "truncated.waymark");
    std::fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
    refused(&info(&path, "is damaged"));
    refused(&Case {
        args: vec!["validate".into(), path_str(&path).into()],
        ..info(&path, "is damaged")
    });
}

#[test]
fn another_programs_database() {
    let dir = temp();
    let path = file_in(&dir, "contacts.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Anna');")
        .unwrap();
    drop(conn);
    refused(&info(&path, "an SQLite database of another program"));
}

#[test]
fn a_newer_version_project() {
    let dir = temp();
    let path = project(&dir, "newer.waymark");
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let change = file_in(&dir, "change.json");
    std::fs::write(
        &change,
        r#"{"id":"00000000-0000-4000-8000-000000000001","edits":[]}"#,
    )
    .unwrap();
    // Reading works and says why it is read-only; writing is refused.
    let output = waymark(&["info", path_str(&path)]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("read-only"));
    refused(&Case {
        input: path.clone(),
        args: vec![
            "apply".into(),
            path_str(&path).into(),
            path_str(&change).into(),
        ],
        expect: "file format 99",
    });
}

#[test]
fn a_read_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp();
    let path = project(&dir, "protected.waymark");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let project = store_read(&path);
    let before = project.stages[0].clone();
    let mut after = before.clone();
    after.name = "Renamed".into();
    let change = waymark::Change::new(vec![waymark::Edit::Update {
        before: waymark::Record::Stage(before),
        after: waymark::Record::Stage(after),
    }]);
    let change_path = file_in(&dir, "change.json");
    std::fs::write(&change_path, serde_json::to_string(&change).unwrap()).unwrap();
    refused(&Case {
        input: path.clone(),
        args: vec![
            "apply".into(),
            path_str(&path).into(),
            path_str(&change_path).into(),
        ],
        expect: "write-protected",
    });
}

fn store_read(path: &Path) -> waymark::Project {
    waymark::store::read(path).unwrap()
}

#[test]
fn malformed_json() {
    let dir = temp();
    let path = file_in(&dir, "broken.json");
    std::fs::write(
        &path,
        "{\n  \"format\": \"waymark-project\",\n  \"version\": 1,\n  \"project\": {\n",
    )
    .unwrap();
    refused(&import(&path, &dir, "not valid JSON at line"));
}

#[test]
fn json_of_an_unknown_version() {
    let dir = temp();
    let good = waymark::interchange::json::to_string(&sample_with_image());
    let path = file_in(&dir, "future.json");
    std::fs::write(&path, good.replacen("\"version\": 1", "\"version\": 42", 1)).unwrap();
    refused(&import(&path, &dir, "version 42 is not supported"));
}

#[test]
fn json_with_a_card_in_a_stage_that_does_not_exist() {
    let dir = temp();
    let mut project = sample_with_image();
    // Its step's stage is gone: the card sits in a stage that does not exist.
    let stage = project.stages.remove(0).id;
    assert!(project.steps.iter().any(|s| s.stage == stage));
    let path = file_in(&dir, "dangling.json");
    let mut value = serde_json::to_value(&project).unwrap();
    value = serde_json::json!({ "format": "waymark-project", "version": 1, "project": value });
    std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    refused(&import(&path, &dir, "which does not exist"));
    assert!(
        !file_in(&dir, "out.waymark").exists(),
        "no project file is left behind"
    );
}

#[test]
fn an_unknown_command_or_missing_argument() {
    let output = waymark(&["export"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&output.stderr).lines().count(), 1);
}

#[test]
fn an_existing_output_is_never_overwritten_by_new_or_import() {
    let dir = temp();
    let path = project(&dir, "taken.waymark");
    refused(&Case {
        input: path.clone(),
        args: vec!["new".into(), path_str(&path).into()],
        expect: "already exists",
    });
}
