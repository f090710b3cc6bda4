//! A bounded soak of `waymark serve` on 127.0.0.1: 30 headless clients each make 1 000 edits to
//! the benchmark map and sync every 100, then everyone syncs until all files hold the same
//! project. Prints the server's memory and the time to converge (docs/performance.md).
//!
//! Ignored in the normal run (minutes of work): `cargo test --release --test soak -- --ignored
//! --nocapture`; `WAYMARK_SOAK_CLIENTS` and `WAYMARK_SOAK_EDITS` make it smaller.

mod common;

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use common::*;
use waymark::store::ProjectFile;
use waymark::*;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// VmRSS and VmHWM (peak) of a process, in KiB.
fn memory_kib(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn content(file: &ProjectFile) -> String {
    let mut project = file.project().clone();
    project.modified = String::new();
    interchange::json::to_string(&project)
}

#[test]
#[ignore = "a soak of minutes; run by hand for docs/performance.md"]
fn thirty_clients_a_thousand_edits_each_converge() {
    let clients = setting("WAYMARK_SOAK_CLIENTS", 30);
    let edits = setting("WAYMARK_SOAK_EDITS", 1000);
    let dir = temp();
    let data = dir.path().join("data");
    let server = ServerProcess::start(&data, None, 0);
    let url = format!("ws://127.0.0.1:{}", server.port);
    let first = file_in(&dir, "shared.waymark");
    let mut file = ProjectFile::create(&first, &sample::generate(sample::Size::BENCHMARK)).unwrap();
    let link = sync::client::share(&mut file, &url).unwrap().to_string();
    file.close().unwrap();

    let started = Instant::now();
    let barrier = Arc::new(Barrier::new(clients));
    let deadline = started + Duration::from_secs(900);
    let workers: Vec<_> = (0..clients)
        .map(|n| {
            let (link, barrier) = (link.clone(), barrier.clone());
            let path = file_in(&dir, &format!("client-{n}.waymark"));
            std::thread::spawn(move || {
                let mut file = sync::client::clone(&link, &path).unwrap();
                let mut seed = 0x5eed_u64 + n as u64;
                for i in 0..edits {
                    assert!(Instant::now() < deadline, "the soak ran out of time");
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let cards = &file.project().cards;
                    let before = cards[(seed >> 33) as usize % cards.len()].clone();
                    let mut after = before.clone();
                    after.text.push(char::from(b'a' + (i % 26) as u8));
                    file.apply(&Change::new(vec![Edit::Update {
                        before: Record::Card(before),
                        after: Record::Card(after),
                    }]))
                    .unwrap();
                    if i % 100 == 99 {
                        sync::client::sync(&mut file).unwrap();
                    }
                }
                sync::client::sync(&mut file).unwrap();
                barrier.wait();
                let converging = Instant::now();
                // Everyone's last edits reached the server before anyone's final round.
                sync::client::sync(&mut file).unwrap();
                (file, converging.elapsed())
            })
        })
        .collect();
    let mut files = Vec::new();
    let mut slowest_round = Duration::ZERO;
    for worker in workers {
        let (file, took) = worker.join().unwrap();
        slowest_round = slowest_round.max(took);
        files.push(file);
    }
    let total = started.elapsed();
    let (rss, peak) = memory_kib(server.id());
    let expected = content(&files[0]);
    for (n, file) in files.iter().enumerate() {
        assert_eq!(content(file), expected, "client {n} did not converge");
        assert_eq!(file.waiting_to_sync().unwrap(), 0);
    }
    let characters =
        |project: &Project| -> usize { project.cards.iter().map(|c| c.text.chars().count()).sum() };
    let typed = characters(files[0].project());
    // Every character anyone typed is on a card: concurrent typing merges, nothing is lost.
    assert_eq!(
        typed,
        characters(&sample::generate(sample::Size::BENCHMARK)) + clients * edits
    );
    eprintln!(
        "{clients} clients × {edits} edits: all converged in {:.1} s (last round {:.2} s); server RSS {} MiB, peak {} MiB; {typed} characters on the cards",
        total.as_secs_f64(),
        slowest_round.as_secs_f64(),
        rss / 1024,
        peak / 1024
    );
    server.kill();
}
