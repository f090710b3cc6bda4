//! Measured touchpoints on the benchmark map (40 steps, one touchpoint each, keyed TP-01…TP-40):
//! a survey export of a million rows over 24 months imported (time, peak memory, file growth),
//! and the KPIs of all 40 touchpoints over those 24 months. See docs/performance.md.

use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use waymark::measure::{journey_kpis, read_survey, Period};
use waymark::sample::{generate, Size};
use waymark::store::ProjectFile;
use waymark::{LaneKind, Project};

/// The benchmark map with every touchpoint card given a measuring key.
fn measured_map() -> Project {
    let mut project = generate(Size::BENCHMARK);
    let touchpoint_lanes: Vec<_> = project
        .lanes
        .iter()
        .filter(|l| l.kind == LaneKind::Touchpoints)
        .map(|l| l.id)
        .collect();
    let mut n = 0;
    for card in project.cards.iter_mut() {
        if touchpoint_lanes.contains(&card.lane) {
            n += 1;
            card.measure_key = Some(format!("TP-{n:02}"));
        }
    }
    project
}

/// `rows` answers from respondents who each rate four touchpoints, spread over 24 months, with
/// response and respondent ids, as a survey tool exports them.
fn write_responses(path: &Path, rows: usize, touchpoints: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    writeln!(
        out,
        "response,respondent,touchpoint,date,satisfaction,expectation,effort,recommend,overall"
    )
    .expect("write");
    let mut state: u64 = 7;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) % n
    };
    for row in 0..rows {
        let respondent = row / 4;
        let overall = next(5) + 1;
        let month = next(24);
        writeln!(
            out,
            "R{row},P{respondent},TP-{:02},{}-{:02}-{:02}T10:15:00Z,{},{},{},{},{}",
            next(touchpoints as u64) + 1,
            2025 + month / 12,
            month % 12 + 1,
            next(28) + 1,
            (overall + next(2)).min(5),
            next(5) + 1,
            next(7) + 1,
            next(11),
            overall
        )
        .expect("write");
    }
}

/// Resets the process's peak resident memory (Linux), so the next reading is this work's peak.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn peak_megabytes() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Imports `rows` answers into a fresh copy of the map and prints what it cost; returns the
/// project as imported, for the KPI benchmark.
fn import(dir: &Path, rows: usize) -> Project {
    let project = measured_map();
    let touchpoints = project
        .cards
        .iter()
        .filter(|c| c.measure_key.is_some())
        .count();
    let csv = dir.join("responses.csv");
    write_responses(&csv, rows, touchpoints);
    let path = dir.join("measured.waymark");
    ProjectFile::create(&path, &project)
        .expect("create")
        .close()
        .expect("close");
    let before = std::fs::metadata(&path).expect("file").len();
    reset_peak();
    let start = Instant::now();
    let mut file = ProjectFile::open(&path).expect("open");
    let journey = file.project().journeys[0].id;
    let earlier = file.imported_response_ids().expect("ids");
    let plan = read_survey(file.project(), journey, &csv, &earlier, &mut |_, _| {}).expect("read");
    file.apply_import(&plan.change, plan.import, &plan.response_ids)
        .expect("import");
    let took = start.elapsed();
    let peak = peak_megabytes();
    let project = file.project().clone();
    file.close().expect("close");
    let after = std::fs::metadata(&path).expect("file").len();
    println!(
        "import of {rows} rows ({:.0} MB of CSV, {touchpoints} touchpoints × 24 months): {:.2} s, peak memory {peak:.0} MB, file {:.2} MB → {:.2} MB (+{:.2} MB; {} measurements)",
        std::fs::metadata(&csv).map_or(0, |m| m.len()) as f64 / 1e6,
        took.as_secs_f64(),
        before as f64 / 1e6,
        after as f64 / 1e6,
        (after - before) as f64 / 1e6,
        project.measurements.len(),
    );
    project
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    // `cargo test --benches` runs this once, small; `cargo bench` runs the million.
    let full = std::env::args().any(|a| a == "--bench");
    let project = import(dir.path(), if full { 1_000_000 } else { 10_000 });
    let journey = project.journeys[0].id;
    c.bench_function("KPIs of 40 touchpoints over 24 months (monthly)", |b| {
        b.iter(|| black_box(journey_kpis(&project, journey, Period::Month)))
    });
    c.bench_function("KPIs of 40 touchpoints over 24 months (quarterly)", |b| {
        b.iter(|| black_box(journey_kpis(&project, journey, Period::Quarter)))
    });
}

criterion_group! {
    name = measure;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(measure);
