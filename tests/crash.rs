//! Crash safety: a child process applies edits through the core and reports each one the core
//! acknowledged; the parent kills it with SIGKILL at random moments. After every kill the file
//! must open, pass `PRAGMA integrity_check` and `waymark validate`, and hold every acknowledged edit.
//!
//! CI runs a short version; `WAYMARK_CRASH_CYCLES=200 cargo test --test crash` is the full run.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use waymark::store::ProjectFile;
use waymark::*;

const KEEP: u64 = 30;

fn crash_text(n: u64) -> String {
    format!("crash {n}: Zażółć gęślą jaźń")
}

fn number(text: &str) -> Option<u64> {
    text.strip_prefix("crash ")?.split(':').next()?.parse().ok()
}

/// Run only as the child: endless edits, each acknowledged on stdout once `apply` returned.
#[test]
#[ignore = "the child half of killed_at_random_moments_loses_nothing_acknowledged"]
fn child_edit_loop() {
    let Some(path) = std::env::var_os("WAYMARK_CRASH_FILE") else {
        return;
    };
    let mut file = ProjectFile::open(std::path::Path::new(&path)).expect("open");
    let journey = file.project().journeys[0].id;
    let lane = file.project().lanes_of(journey)[0].id;
    let step = file.project().journey_steps(journey)[0].id;
    let mut next = file
        .project()
        .cards
        .iter()
        .filter_map(|c| number(&c.text))
        .max()
        .map_or(0, |n| n + 1);
    let mut out = std::io::stdout().lock();
    loop {
        let mut edits = vec![Edit::Add {
            record: Record::Card(Card {
                id: uuid::Uuid::new_v4(),
                lane,
                step,
                order: OrderKey::first(),
                text: crash_text(next),
                ..Card::default()
            }),
        }];
        if let Some(old) = file
            .project()
            .cards
            .iter()
            .find(|c| next >= KEEP && number(&c.text) == Some(next - KEEP))
        {
            edits.push(Edit::Remove {
                record: Record::Card(old.clone()),
            });
        }
        file.apply(&Change::new(edits)).expect("edit");
        writeln!(out, "ack {next}")
            .and_then(|_| out.flush())
            .expect("parent listens");
        next += 1;
    }
}

fn cycles(default: u64) -> u64 {
    std::env::var("WAYMARK_CRASH_CYCLES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}

#[test]
fn killed_at_random_moments_loses_nothing_acknowledged() {
    kill_at_random_moments(cycles(15), false);
}

/// A live file writes the sync engine's state in the transaction of each change: after any
/// kill, the engine's state and the tables still show the same project.
#[test]
fn a_live_file_killed_mid_change_keeps_engine_and_tables_together() {
    kill_at_random_moments(cycles(8), true);
}

fn kill_at_random_moments(cycles: u64, live: bool) {
    let dir = temp();
    let path = file_in(&dir, "crash.waymark");
    let mut file = ProjectFile::create(&path, &sample_with_image()).unwrap();
    if live {
        file.go_live().unwrap();
    }
    file.close().unwrap();
    let mut seed: u64 = 0x5eed;
    let mut last_acked: Option<u64> = None;
    let mut total_acked = 0u64;
    let started = Instant::now();

    for cycle in 0..cycles {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = Duration::from_millis(5 + (seed >> 33) % 120);
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "child_edit_loop",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("WAYMARK_CRASH_FILE", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut acked = None;
            let mut lines = vec![];
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                // libtest may print its "test … " prefix on the same line as the first ack.
                if let Some(n) = line
                    .split("ack ")
                    .nth(1)
                    .and_then(|n| n.trim().parse::<u64>().ok())
                {
                    acked = Some(n);
                }
                lines.push(line);
            }
            (acked, lines)
        });
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let (acked, lines) = reader.join().unwrap();
        if let (Some(a), Some(b)) = (acked, last_acked) {
            total_acked += a - b;
        }
        last_acked = acked.or(last_acked);

        let output = waymark(&["validate", path_str(&path)]);
        assert!(
            output.status.success(),
            "cycle {cycle}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let conn = rusqlite::Connection::open(&path).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "cycle {cycle}");
        drop(conn);

        let project = waymark::store::read(&path).unwrap();
        if live {
            let reopened = ProjectFile::open(&path).unwrap();
            let engine = waymark::sync::projection::project(
                reopened.replica().expect("still live"),
                &reopened.project().modified,
            )
            .unwrap();
            assert_eq!(
                &engine,
                reopened.project(),
                "cycle {cycle}: engine and tables split"
            );
            reopened.close().unwrap();
        }
        let stored: Vec<u64> = project
            .cards
            .iter()
            .filter_map(|c| number(&c.text))
            .collect();
        if let Some(acked) = last_acked {
            let newest = stored.iter().copied().max().unwrap();
            // The edit in flight at the kill may or may not have committed; nothing earlier is missing.
            assert!(
                newest == acked || newest == acked + 1,
                "cycle {cycle}: acked {acked}, newest stored {newest}; child said {lines:?}"
            );
            for n in acked.saturating_sub(KEEP - 2)..=acked {
                assert!(
                    stored.contains(&n),
                    "cycle {cycle}: acknowledged edit {n} is missing"
                );
            }
        }
    }
    let listing: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    eprintln!(
        "{cycles} kills, {total_acked} acknowledged edits across them, {:.1} s; files left: {listing:?}",
        started.elapsed().as_secs_f64()
    );
    assert!(last_acked.is_some(), "the child never got an edit through");
}
