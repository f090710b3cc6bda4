//! PDF export of the benchmark map (40 stages × 10 lanes, 400 cards, 5 personas with curves, no
//! images), and, for comparison, headless Chromium printing the same map laid out as HTML.
//! See docs/performance.md.

use std::fmt::Write as _;
use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use waymark::export::pdf::{self, PdfOptions};
use waymark::layout::{self, MapOptions};
use waymark::sample::{generate, Size};
use waymark::Project;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The same grid as the PDF — stage band, steps, lanes of cards, the curves as SVG — scaled onto
/// one A3 landscape page like `--fit`.
fn html(project: &Project) -> String {
    let journey = &project.journeys[0];
    let steps = project.journey_steps(journey.id);
    let scene = layout::journey(project, journey, &MapOptions::default());
    let zoom = (400.0 * 72.0 / 25.4) / scene.width;
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html><html><head><meta charset=utf-8><style>@page{{size:420mm 297mm;margin:10mm}}\
         body{{font-family:'Noto Sans',sans-serif;margin:0;zoom:{zoom}}}table{{border-collapse:collapse;table-layout:fixed}}\
         td{{width:132pt;vertical-align:top;border:0.6pt solid #d9dce1;padding:5pt;font-size:8pt}}\
         th{{text-align:left;padding:5pt;font-size:9.5pt}}.card{{border:0.6pt solid #aab;border-radius:3pt;padding:4pt;margin-bottom:4pt;background:#eef}}\
         </style></head><body><h1>{}</h1><p>{}</p><table><tr><th style='width:118pt'>Stages</th>",
        escape(&project.info.name),
        escape(&journey.name)
    );
    for stage in project.stages_of(journey.id) {
        let n = project.steps_of(stage.id).len().max(1);
        let _ = write!(
            h,
            "<th colspan={n} style='background:{};color:#fff'>{}</th>",
            stage.colour,
            escape(&stage.name)
        );
    }
    h.push_str("</tr><tr><th>Steps</th>");
    for step in &steps {
        let _ = write!(h, "<th>{}</th>", escape(&step.title));
    }
    h.push_str("</tr>");
    let width = steps.len() as f32 * 132.0;
    let mut svg = format!("<svg width='{width}pt' height='120pt' viewBox='0 0 {width} 120'>");
    for persona in project.personas_of(journey) {
        let points: Vec<String> = steps
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let p = project
                    .emotion_points
                    .iter()
                    .find(|p| p.persona == persona.id && p.step == s.id)?;
                Some(format!(
                    "{},{}",
                    i as f32 * 132.0 + 66.0,
                    60.0 - p.value as f32 * 10.0
                ))
            })
            .collect();
        let _ = write!(
            svg,
            "<polyline fill='none' stroke='{}' stroke-width='1.6' points='{}'/>",
            persona.colour,
            points.join(" ")
        );
    }
    svg.push_str("</svg>");
    let _ = write!(
        h,
        "<tr><th>Emotion</th><td colspan={} style='padding:0'>{svg}</td></tr>",
        steps.len()
    );
    for lane in project.lanes_of(journey.id) {
        let _ = write!(h, "<tr><th>{}</th>", escape(&lane.title));
        for step in &steps {
            h.push_str("<td>");
            for card in project.cards_in(lane.id, step.id) {
                let _ = write!(h, "<div class=card>{}</div>", escape(&card.text));
            }
            h.push_str("</td>");
        }
        h.push_str("</tr>");
    }
    h.push_str("</table></body></html>");
    h
}

/// Wall time of one headless print, process start to PDF on disk, as a user of a web tool waits.
fn chromium_print(
    dir: &std::path::Path,
    page: &std::path::Path,
    n: usize,
) -> Option<(Duration, u64)> {
    let out = dir.join(format!("chromium-{n}.pdf"));
    let profile = dir.join(format!("profile-{n}"));
    let start = Instant::now();
    let status = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .ok()?;
    let elapsed = start.elapsed();
    let size = std::fs::metadata(&out).ok()?.len();
    (status.success() && size > 0).then_some((elapsed, size))
}

fn benches(c: &mut Criterion) {
    let project = generate(Size::BENCHMARK);
    let options = PdfOptions {
        personas: false,
        created: time::macros::datetime!(2026-12-01 10:00 UTC),
        ..PdfOptions::default()
    };
    let bytes = pdf::render(&project, &options).expect("render").bytes;

    let mut group = c.benchmark_group("export");
    group.sample_size(30);
    group.bench_function("pdf of the benchmark map (fit, A3)", |b| {
        b.iter(|| black_box(pdf::render(&project, &options).expect("render").bytes))
    });
    group.finish();

    let mut times = Vec::new();
    for _ in 0..10 {
        let start = Instant::now();
        black_box(pdf::render(&project, &options).expect("render").bytes);
        times.push(start.elapsed());
    }
    times.sort();
    let ours = times[times.len() / 2];
    println!(
        "waymark pdf: median {:.1} ms, {:.1} KB",
        ours.as_secs_f64() * 1e3,
        bytes.len() as f64 / 1024.0
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("map.html");
    std::fs::write(&page, html(&project)).expect("write html");
    // Kept on request, to time the two whole commands side by side from outside
    // (docs/performance.md, "Release build and packages").
    if let Some(keep) = std::env::var_os("WAYMARK_BENCH_HTML") {
        std::fs::copy(&page, keep).expect("keep the html");
    }
    let runs: Vec<(Duration, u64)> = (0..3)
        .filter_map(|n| chromium_print(dir.path(), &page, n))
        .collect();
    if runs.is_empty() {
        println!("chromium: not measured (is Debian's chromium installed?)");
        return;
    }
    let mut chrome: Vec<Duration> = runs.iter().map(|r| r.0).collect();
    chrome.sort();
    let theirs = chrome[chrome.len() / 2];
    println!(
        "chromium --print-to-pdf of the same map as HTML: median {:.0} ms over {} runs, {:.1} KB; ratio {:.0}× slower",
        theirs.as_secs_f64() * 1e3,
        runs.len(),
        runs[0].1 as f64 / 1024.0,
        theirs.as_secs_f64() / ours.as_secs_f64()
    );
}

criterion_group!(export, benches);
criterion_main!(export);
