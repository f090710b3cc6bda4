//! Core figures on the benchmark map (40 stages × 10 lanes, 400 cards, 5 personas with curves):
//! open, one durable edit (p50/p99), JSON export and import. See docs/performance.md.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use waymark::sample::{generate, Size};
use waymark::store::ProjectFile;
use waymark::{interchange::json, Change, Edit, Record};

fn rename_first_card(file: &ProjectFile, n: usize) -> Change {
    let before = file.project().cards[0].clone();
    let mut after = before.clone();
    after.text = format!("Edit {n}: Größe");
    Change::new(vec![Edit::Update {
        before: Record::Card(before),
        after: Record::Card(after),
    }])
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Criterion reports means; the edit target is a tail latency, so it is measured directly.
fn edit_latency(dir: &std::path::Path) {
    let full = std::env::args().any(|a| a == "--bench");
    let rounds = if full { 2000 } else { 20 };
    let path = dir.join("latency.waymark");
    let mut file = ProjectFile::create(&path, &generate(Size::BENCHMARK)).expect("create");
    let mut times = Vec::with_capacity(rounds);
    for n in 0..rounds {
        let change = rename_first_card(&file, n);
        let start = Instant::now();
        file.apply(&change).expect("edit");
        times.push(start.elapsed());
    }
    times.sort();
    let floor = fsync_floor(dir, rounds.min(500));
    println!(
        "this disk's floor, one 4 KiB page overwritten + fdatasync: p50 {:.3} ms, p99 {:.3} ms",
        percentile(&floor, 0.5).as_secs_f64() * 1e3,
        percentile(&floor, 0.99).as_secs_f64() * 1e3
    );
    println!(
        "durable edit on the benchmark map, {rounds} edits: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
}

/// What one fsync costs here: a durable edit cannot be cheaper than the syncs it needs.
fn fsync_floor(dir: &std::path::Path, rounds: usize) -> Vec<Duration> {
    use std::os::unix::fs::FileExt;
    let file = std::fs::File::create(dir.join("fsync-floor")).expect("create");
    // Overwrite one page in place and sync its data, as SQLite does (fdatasync on Linux).
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            file.write_all_at(&[0u8; 4096], 0).expect("write");
            file.sync_data().expect("fdatasync");
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = generate(Size::BENCHMARK);
    let path = dir.path().join("bench.waymark");
    ProjectFile::create(&path, &project)
        .expect("create")
        .close()
        .expect("close");
    let text = json::to_string(&project);

    c.bench_function("open (whole project into the model)", |b| {
        b.iter(|| black_box(ProjectFile::open(&path).expect("open")))
    });
    let mut file = ProjectFile::open(&path).expect("open");
    let mut n = 0;
    c.bench_function("one durable edit", |b| {
        b.iter(|| {
            n += 1;
            let change = rename_first_card(&file, n);
            file.apply(&change).expect("edit")
        })
    });
    drop(file);
    let mut memory = project.clone();
    let mut m = 0;
    c.bench_function("one edit in memory (apply and validate, no disk)", |b| {
        b.iter(|| {
            m += 1;
            let before = memory.cards[0].clone();
            let mut after = before.clone();
            after.text = format!("Edit {m}");
            memory
                .apply(&Change::new(vec![Edit::Update {
                    before: Record::Card(before),
                    after: Record::Card(after),
                }]))
                .expect("edit")
        })
    });
    c.bench_function("JSON export", |b| {
        b.iter(|| black_box(json::to_string(&project)))
    });
    c.bench_function("JSON import (parse and validate)", |b| {
        b.iter(|| {
            black_box(json::from_str(&text, std::path::Path::new("bench.json")).expect("parse"))
        })
    });
    let journey = project.journeys[0].id;
    c.bench_function("rank a journey's opportunities (fix first)", |b| {
        b.iter(|| black_box(waymark::priority::rank(&project, journey)))
    });
    c.bench_function("plan a journey's future state", |b| {
        b.iter(|| {
            black_box(
                waymark::future::plan_future_state(&project, journey, "Future").expect("plan"),
            )
        })
    });
    let mut redesigned = project.clone();
    let plan = waymark::future::plan_future_state(&project, journey, "Future").expect("plan");
    redesigned.apply(&plan).expect("apply the plan");
    let future = redesigned
        .journeys
        .iter()
        .find(|j| j.redesigns == Some(journey))
        .expect("the future journey")
        .id;
    c.bench_function("future state against current (diff)", |b| {
        b.iter(|| black_box(waymark::future::diff(&redesigned, future).expect("diff")))
    });
    edit_latency(dir.path());
}

criterion_group! {
    name = core;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(core);
