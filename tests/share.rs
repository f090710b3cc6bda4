//! Two people, one file: in-use marks, stale marks, take-over, and changes made from outside.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use rusqlite::Connection;
use waymark::store::{self, mark_path, InUse, Liveness, ProjectFile};
use waymark::*;

fn project_file(dir: &tempfile::TempDir) -> PathBuf {
    let path = file_in(dir, "team.waymark");
    ProjectFile::create(&path, &sample_with_image())
        .unwrap()
        .close()
        .unwrap();
    path
}

fn rename_stage(project: &Project, name: &str) -> Change {
    let before = project.stages[0].clone();
    let mut after = before.clone();
    after.name = name.into();
    Change::new(vec![Edit::Update {
        before: Record::Stage(before),
        after: Record::Stage(after),
    }])
}

fn write_mark(path: &Path, mark: &InUse) {
    std::fs::write(mark_path(path), serde_json::to_vec(mark).unwrap()).unwrap();
}

/// A mark as another program would leave it; `host` of this machine comes from a real one.
fn foreign_mark(path: &Path, host: &str, pid: u32, heartbeat: &str) -> InUse {
    let here = ProjectFile::open(path).unwrap();
    let mut mark = here.mark().expect("our mark").clone();
    here.close().unwrap();
    mark.user = "alice".into();
    mark.host = if host.is_empty() {
        mark.host
    } else {
        host.into()
    };
    mark.pid = pid;
    mark.since = heartbeat.into();
    mark.heartbeat = heartbeat.into();
    mark.session = uuid::Uuid::new_v4().to_string();
    write_mark(path, &mark);
    mark
}

/// A pid that belonged to a process which has ended.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn a_second_open_is_read_only_and_names_who_has_the_file() {
    let dir = temp();
    let path = project_file(&dir);
    let mut first = ProjectFile::open(&path).unwrap();
    assert!(first.read_only().is_none());
    let mine = first.mark().expect("a mark while open for editing").clone();
    assert!(mark_path(&path).exists());
    let hash = sha256(&path);

    let mut second = ProjectFile::open(&path).unwrap();
    let reason = second.read_only().expect("read-only").to_string();
    assert!(
        reason.contains(&format!("in use by {} on {} since", mine.user, mine.host)),
        "{reason}"
    );
    assert!(reason.contains("open a copy"), "{reason}");
    assert_eq!(second.in_use().unwrap().session, mine.session);
    let err = second
        .apply(&rename_stage(second.project(), "Nope"))
        .unwrap_err();
    assert!(matches!(err, Error::ReadOnly { .. }), "{err}");
    // A copy can be opened and edited meanwhile, and keeps the lineage for a merge back.
    let copy = file_in(&dir, "copy.waymark");
    second.save_copy(&copy).unwrap();
    second.close().unwrap();
    assert_eq!(
        sha256(&path),
        hash,
        "a read-only open never writes the file"
    );
    assert!(mark_path(&path).exists(), "the holder's mark stays");
    let mut copy = ProjectFile::open(&copy).unwrap();
    assert!(copy.read_only().is_none());
    copy.apply(&rename_stage(copy.project(), "Copy")).unwrap();
    copy.close().unwrap();

    first
        .apply(&rename_stage(first.project(), "Still mine"))
        .unwrap();
    first.close().unwrap();
    assert!(!mark_path(&path).exists(), "closing removes the mark");
}

#[test]
fn dropping_an_open_file_removes_its_mark() {
    let dir = temp();
    let path = project_file(&dir);
    let file = ProjectFile::open(&path).unwrap();
    assert!(mark_path(&path).exists());
    drop(file);
    assert!(!mark_path(&path).exists());
    // A read-only open leaves no mark at all.
    drop(ProjectFile::open_read_only(&path).unwrap());
    assert!(!mark_path(&path).exists());
}

#[test]
fn the_mark_of_an_ended_process_on_this_machine_is_stale_and_taken_over() {
    let dir = temp();
    let path = project_file(&dir);
    let dead = foreign_mark(&path, "", dead_pid(), &waymark::now());
    let (found, liveness) = store::in_use(&path).unwrap();
    assert_eq!(found, dead);
    assert_eq!(liveness, Liveness::Dead);
    let file = ProjectFile::open(&path).unwrap();
    assert!(file.read_only().is_none(), "{:?}", file.read_only());
    assert_eq!(file.mark().unwrap().pid, std::process::id());
    file.close().unwrap();
}

#[test]
fn a_mark_without_sign_of_life_for_a_day_is_reported_stale_and_can_be_taken_over() {
    let dir = temp();
    let path = project_file(&dir);
    foreign_mark(&path, "alices-laptop", 4242, "2020-01-01T09:00:00Z");
    assert_eq!(store::in_use(&path).unwrap().1, Liveness::Old);
    let hash = sha256(&path);
    let file = ProjectFile::open(&path).unwrap();
    let reason = file.read_only().expect("read-only").to_string();
    assert!(
        reason.contains("alice on alices-laptop since 2020-01-01 09:00:00 UTC"),
        "{reason}"
    );
    assert!(reason.contains("no sign of life"), "{reason}");
    file.close().unwrap();
    assert_eq!(sha256(&path), hash);

    let mut taken = ProjectFile::take_over(&path).unwrap();
    assert!(taken.read_only().is_none());
    taken
        .apply(&rename_stage(taken.project(), "Ours now"))
        .unwrap();
    taken.close().unwrap();
    assert!(!mark_path(&path).exists());
}

#[test]
fn after_a_take_over_the_former_holder_can_no_longer_write() {
    let dir = temp();
    let path = project_file(&dir);
    let mut former = ProjectFile::open(&path).unwrap();
    let mut taker = ProjectFile::take_over(&path).unwrap();
    assert!(taker.read_only().is_none());
    let err = former
        .apply(&rename_stage(former.project(), "Former"))
        .unwrap_err();
    assert!(err.to_string().contains("took it over"), "{err}");
    assert!(former.read_only().is_some());
    taker
        .apply(&rename_stage(taker.project(), "Taker"))
        .unwrap();
    former.close().unwrap();
    assert!(
        mark_path(&path).exists(),
        "the former holder does not remove the new mark"
    );
    taker.close().unwrap();
    assert_eq!(store::read(&path).unwrap().stages[0].name, "Taker");
}

#[test]
fn waymark_info_names_who_has_the_file() {
    let dir = temp();
    let path = project_file(&dir);
    let info = waymark(&["info", path_str(&path)]);
    assert!(String::from_utf8_lossy(&info.stdout).contains("not in use by anyone else"));
    let open = ProjectFile::open(&path).unwrap();
    let mine = open.mark().unwrap().clone();
    let info = waymark(&["info", path_str(&path)]);
    let stdout = String::from_utf8_lossy(&info.stdout);
    assert!(info.status.success());
    assert!(
        stdout.contains(&format!("in use by {} on {}", mine.user, mine.host)),
        "{stdout}"
    );
    open.close().unwrap();
}

#[test]
fn a_change_from_another_program_is_noticed_and_never_written_over() {
    let dir = temp();
    let path = project_file(&dir);
    let mut file = ProjectFile::open(&path).unwrap();
    file.apply(&rename_stage(file.project(), "Our own edit"))
        .unwrap();
    assert!(!file.changed_on_disk().unwrap(), "our own edit is not news");

    // Another process writes the file (it ignores marks, as an older program would).
    let other = Connection::open(&path).unwrap();
    other
        .execute(
            "UPDATE stages SET name = 'Their edit' WHERE name = 'Our own edit'",
            [],
        )
        .unwrap();
    drop(other);
    assert!(file.changed_on_disk().unwrap());
    let err = file
        .apply(&rename_stage(file.project(), "Would overwrite"))
        .unwrap_err();
    assert!(matches!(err, Error::ChangedOnDisk { .. }), "{err}");
    assert_eq!(store::read(&path).unwrap().stages[0].name, "Their edit");
    file.close().unwrap();
}

#[test]
fn a_replaced_file_is_noticed() {
    let dir = temp();
    let path = project_file(&dir);
    let file = ProjectFile::open(&path).unwrap();
    let replacement = file_in(&dir, "from-mail.waymark");
    file.save_copy(&replacement).unwrap();
    assert!(!file.changed_on_disk().unwrap());
    std::fs::rename(&replacement, &path).unwrap();
    assert!(file.changed_on_disk().unwrap());
    file.close().unwrap();
}

#[test]
fn a_read_only_viewer_notices_the_holders_edits() {
    let dir = temp();
    let path = project_file(&dir);
    let mut holder = ProjectFile::open(&path).unwrap();
    let viewer = ProjectFile::open(&path).unwrap();
    assert!(viewer.read_only().is_some());
    assert!(!viewer.changed_on_disk().unwrap());
    holder
        .apply(&rename_stage(holder.project(), "Holder's edit"))
        .unwrap();
    assert!(viewer.changed_on_disk().unwrap());
    assert!(!holder.changed_on_disk().unwrap());
    viewer.close().unwrap();
    holder.close().unwrap();
}

/// A live file keeps its engine state as a snapshot and the updates after it; closing the file
/// that holds the mark folds them into one snapshot of the same state, while a second,
/// read-only opening of it leaves them alone.
#[test]
fn closing_a_live_file_folds_its_engine_parts_into_one_snapshot_and_only_its_owner_does() {
    let dir = temp();
    let path = project_file(&dir);
    let parts = || -> i64 {
        Connection::open(&path)
            .unwrap()
            .query_row("SELECT count(*) FROM sync_state", [], |r| r.get(0))
            .unwrap()
    };
    let mut file = ProjectFile::open(&path).unwrap();
    file.go_live().unwrap();
    for name in ["One", "Two", "Three"] {
        let change = rename_stage(file.project(), name);
        file.apply(&change).unwrap();
    }
    let version = file.replica().unwrap().version();
    let project = file.project().clone();
    assert_eq!(parts(), 4);

    let second = ProjectFile::open(&path).unwrap();
    assert!(second.read_only().is_some());
    second.close().unwrap();
    assert_eq!(parts(), 4, "a read-only opening never writes");

    file.close().unwrap();
    assert_eq!(parts(), 1);
    let again = ProjectFile::open(&path).unwrap();
    assert_eq!(again.replica().unwrap().version(), version);
    assert_eq!(again.project().stages, project.stages);
    again.close().unwrap();
    store::validate(&path).unwrap();
}
