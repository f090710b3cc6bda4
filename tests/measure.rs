//! Measured touchpoints through the real CLI and a real project file: survey responses drawn
//! from a known model are imported, and the KPIs must agree with the figures computed from the
//! rows here, independently, and with the model they were drawn from. Every refused import
//! leaves the project file's bytes as they were.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::{path_str, sha256, temp, waymark};
use waymark::store::ProjectFile;
use waymark::*;

/// A small deterministic generator (SplitMix64), so the drawn responses are the same each run.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Touchpoint texts and keys of the test journey; "Letter" sits at two steps.
const TOUCHPOINTS: [(&str, Option<&str>); 5] = [
    ("Website", Some("TP-01")),
    ("Call centre", Some("TP-02")),
    ("Branch visit", None),
    ("Letter", None),
    ("Letter", None),
];

/// A project with one journey whose touchpoint lane holds `TOUCHPOINTS`, one per step.
fn project_file(dir: &Path) -> PathBuf {
    let mut project = catalogue::new_project("Measured", "en", &now());
    let journey = Journey::current("Onboarding");
    let stage = Stage {
        id: uuid::Uuid::new_v4(),
        journey: journey.id,
        name: "Use".into(),
        colour: "#336699".into(),
        order: OrderKey::first(),
    };
    let lane = Lane {
        id: uuid::Uuid::new_v4(),
        journey: journey.id,
        kind: LaneKind::Touchpoints,
        title: "Touchpoints".into(),
        order: OrderKey::first(),
    };
    let orders = OrderKey::sequence(TOUCHPOINTS.len());
    for (i, (text, key)) in TOUCHPOINTS.iter().enumerate() {
        let step = Step {
            id: uuid::Uuid::new_v4(),
            stage: stage.id,
            title: format!("Step {}", i + 1),
            order: orders[i].clone(),
        };
        project.cards.push(Card {
            id: uuid::Uuid::new_v4(),
            lane: lane.id,
            step: step.id,
            text: text.to_string(),
            measure_key: key.map(str::to_string),
            ..Card::default()
        });
        project.steps.push(step);
    }
    project.journeys.push(journey);
    project.stages.push(stage);
    project.lanes.push(lane);
    let path = dir.join("measured.waymark");
    ProjectFile::create(&path, &project)
        .expect("created")
        .close()
        .expect("closed");
    path
}

/// One generated answer, as the test keeps it to compute the expected figures.
struct Answer {
    touchpoint: usize,
    month: u32,
    satisfaction: u8,
    expectation: u8,
    effort: u8,
    recommend: u8,
    overall: u8,
}

/// The model: each respondent has an overall satisfaction 1–5. The website's satisfaction
/// follows it closely, the call centre's loosely, the branch's not at all; expectation is
/// 4 for the website and 3 elsewhere, ±1.
fn generate(respondents: usize, seed: u64) -> (String, Vec<Answer>) {
    let mut draw = Draw(seed);
    let mut csv = String::from(
        "respondent,response,touchpoint,date,satisfaction,expectation,effort,recommend,overall\n",
    );
    let mut answers = Vec::new();
    for r in 0..respondents {
        let overall = draw.below(5) as u8 + 1;
        for (touchpoint, name) in ["TP-01", "TP-02", "Branch visit"].iter().enumerate() {
            let satisfaction = match touchpoint {
                0 => overall,
                1 if draw.below(2) == 0 => overall,
                _ => draw.below(5) as u8 + 1,
            };
            let expectation = ([4, 3, 3][touchpoint] as i64 + draw.below(3) as i64 - 1) as u8;
            let effort = draw.below(7) as u8 + 1;
            let recommend = draw.below(11) as u8;
            let month = draw.below(6) as u32 + 1;
            let day = draw.below(28) + 1;
            // The overall rating is given once per respondent, on the first touchpoint's row;
            // the others are paired with it through the respondent id.
            let overall_cell = if touchpoint == 0 {
                overall.to_string()
            } else {
                String::new()
            };
            writeln!(
                csv,
                "R{r},R{r}-{touchpoint},{name},2026-{month:02}-{day:02}T10:00:00Z,{satisfaction},{expectation},{effort},{recommend},{overall_cell}"
            )
            .unwrap();
            answers.push(Answer {
                touchpoint,
                month,
                satisfaction,
                expectation,
                effort,
                recommend,
                overall,
            });
        }
    }
    (csv, answers)
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// Spearman's ρ over pairs, ranking each value among all (midranks for ties).
fn spearman(pairs: &[(f64, f64)]) -> f64 {
    let ranks = |values: Vec<f64>| -> Vec<f64> {
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        values
            .iter()
            .map(|v| {
                let below = sorted.partition_point(|w| w < v) as f64;
                let equal = sorted.partition_point(|w| w <= v) as f64 - below;
                below + (equal + 1.0) / 2.0
            })
            .collect()
    };
    let a = ranks(pairs.iter().map(|p| p.0).collect());
    let b = ranks(pairs.iter().map(|p| p.1).collect());
    let (ma, mb) = (mean(&a), mean(&b));
    let cov: f64 = a.iter().zip(&b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

fn run_ok(args: &[&str]) -> String {
    let output = waymark(args);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn kpis_json(file: &Path, period: &str) -> Vec<serde_json::Value> {
    let text = run_ok(&["kpis", path_str(file), "--json", "--period", period]);
    serde_json::from_str(&text).expect("JSON list")
}

fn number(value: &serde_json::Value, path: &str) -> f64 {
    let mut at = value;
    for part in path.split('.') {
        at = &at[part];
    }
    at.as_f64()
        .unwrap_or_else(|| panic!("{path} is a number in {value}"))
}

#[test]
fn kpis_of_generated_responses_match_the_rows_and_the_model() {
    let dir = temp();
    let file = project_file(dir.path());
    let (csv, answers) = generate(900, 7);
    let responses = dir.path().join("responses.csv");
    std::fs::write(&responses, csv).unwrap();

    let summary = run_ok(&["measure", path_str(&file), path_str(&responses)]);
    assert!(summary.contains("imported 2700 of 2700 rows"), "{summary}");
    assert!(summary.contains("3 touchpoints measured"), "{summary}");

    let kpis = kpis_json(&file, "month");
    assert_eq!(kpis.len(), 3, "the measured touchpoints only");
    let keys: Vec<&str> = kpis[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected_keys = vec![
        "touchpoint",
        "key",
        "n",
        "expectation",
        "satisfaction",
        "gap",
        "csat",
        "effort",
        "nps",
        "importance",
        "periods",
    ];
    expected_keys.sort();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    assert_eq!(keys_sorted, expected_keys);

    for (t, name) in ["Website", "Call centre", "Branch visit"]
        .iter()
        .enumerate()
    {
        let kpi = kpis
            .iter()
            .find(|k| k["touchpoint"] == *name)
            .expect("listed");
        let mine: Vec<&Answer> = answers.iter().filter(|a| a.touchpoint == t).collect();
        let s: Vec<f64> = mine.iter().map(|a| f64::from(a.satisfaction)).collect();
        let e: Vec<f64> = mine.iter().map(|a| f64::from(a.expectation)).collect();
        let effort: Vec<f64> = mine.iter().map(|a| f64::from(a.effort)).collect();
        let csat = 100.0 * s.iter().filter(|v| **v >= 4.0).count() as f64 / s.len() as f64;
        let promoters = mine.iter().filter(|a| a.recommend >= 9).count() as f64;
        let detractors = mine.iter().filter(|a| a.recommend <= 6).count() as f64;
        let nps = 100.0 * (promoters - detractors) / mine.len() as f64;
        let rho = spearman(
            &mine
                .iter()
                .map(|a| (f64::from(a.satisfaction), f64::from(a.overall)))
                .collect::<Vec<_>>(),
        );
        assert_eq!(kpi["n"], 900);
        let close = |got: f64, want: f64, what: &str| {
            assert!((got - want).abs() < 1e-9, "{name} {what}: {got} vs {want}")
        };
        close(number(kpi, "satisfaction.value"), mean(&s), "satisfaction");
        close(number(kpi, "expectation.value"), mean(&e), "expectation");
        close(number(kpi, "gap.value"), mean(&s) - mean(&e), "gap");
        close(number(kpi, "effort.value"), mean(&effort), "effort");
        close(number(kpi, "csat.value"), csat, "csat");
        close(number(kpi, "nps.value"), nps, "nps");
        close(number(kpi, "importance.value"), rho, "importance");
        assert_eq!(kpi["satisfaction"]["few"], false);

        // The model's own expectation (4 or 3) lies inside the 95 % interval.
        let model_expectation = [4.0, 3.0, 3.0][t];
        assert!(
            number(kpi, "expectation.low") < model_expectation
                && model_expectation < number(kpi, "expectation.high"),
            "{name}: {kpi}"
        );
        // Months: one period per month drawn, their n adding up to the touchpoint's.
        let periods = kpi["periods"].as_array().expect("periods");
        assert_eq!(periods.len(), 6);
        assert_eq!(periods[0]["period"], "2026-01");
        let in_january = mine.iter().filter(|a| a.month == 1).count();
        assert_eq!(periods[0]["n"], in_january);
        let sum: u64 = periods.iter().map(|p| p["n"].as_u64().unwrap()).sum();
        assert_eq!(sum, 900);
    }
    // The drivers as the model made them: the website follows overall satisfaction exactly,
    // the call centre half the time, the branch not at all.
    let rank = |name: &str| {
        let kpi = kpis.iter().find(|k| k["touchpoint"] == name).unwrap();
        (
            kpi["importance"]["rank"].as_u64().unwrap(),
            number(kpi, "importance.value"),
        )
    };
    assert_eq!(rank("Website"), (1, 1.0));
    assert_eq!(rank("Call centre").0, 2);
    assert!(rank("Call centre").1 > 0.4 && rank("Call centre").1 < 0.9);
    assert_eq!(rank("Branch visit").0, 3);
    assert!(
        rank("Branch visit").1.abs() < 0.1,
        "{:?}",
        rank("Branch visit")
    );

    let quarters = kpis_json(&file, "quarter");
    let periods = quarters[0]["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 2);
    assert_eq!(periods[0]["period"], "2026-Q1");

    let table = run_ok(&["kpis", path_str(&file)]);
    assert!(
        table.contains("TP-01 Website") && table.contains("2026-06"),
        "{table}"
    );
}

#[test]
fn an_import_is_one_recorded_change_and_the_file_stays_small() {
    let dir = temp();
    let file = project_file(dir.path());
    let before = std::fs::metadata(&file).unwrap().len();
    let (csv, _) = generate(2000, 11);
    let responses = dir.path().join("responses.csv");
    std::fs::write(&responses, &csv).unwrap();
    let history_before = ProjectFile::open(&file).unwrap().history().unwrap().len();
    run_ok(&["measure", path_str(&file), path_str(&responses)]);

    let mut opened = ProjectFile::open(&file).unwrap();
    let history = opened.history().unwrap();
    assert_eq!(history.len(), history_before + 1, "one change");
    let change = history.last().unwrap().change.clone();
    let project = opened.project().clone();
    assert_eq!(project.survey_imports.len(), 1);
    assert_eq!(project.survey_imports[0].rows, 6000);
    // Three touchpoints over six months: 18 measurements, whatever the number of answers.
    assert_eq!(project.measurements.len(), 18);
    let grown = std::fs::metadata(&file).unwrap().len() - before;
    assert!(
        grown < 200_000,
        "6000 answers grew the file by {grown} bytes"
    );

    opened.apply(&change.inverse()).expect("undo");
    assert!(opened.project().measurements.is_empty());
    assert!(opened.project().survey_imports.is_empty());
    opened.close().unwrap();
    // Undone, the same file may come in again.
    run_ok(&["measure", path_str(&file), path_str(&responses)]);
    assert_eq!(waymark::store::read(&file).unwrap().measurements.len(), 18);
}

#[test]
fn response_ids_seen_before_are_skipped_and_counted() {
    let dir = temp();
    let file = project_file(dir.path());
    let first = dir.path().join("first.csv");
    std::fs::write(
        &first,
        "response,touchpoint,date,satisfaction\nA1,TP-01,2026-01-05,5\nA2,TP-01,2026-01-06,4\nA2,TP-01,2026-01-06,4\n",
    )
    .unwrap();
    let summary = run_ok(&["measure", path_str(&file), path_str(&first)]);
    assert!(summary.contains("imported 2 of 3 rows"), "{summary}");
    assert!(
        summary.contains("skipped 1 rows whose response id"),
        "{summary}"
    );
    // An overlapping later export: A1 and A2 again, A3 new.
    let second = dir.path().join("second.csv");
    std::fs::write(
        &second,
        "response,touchpoint,date,satisfaction\nA1,TP-01,2026-01-05,5\nA2,TP-01,2026-01-06,4\nA3,TP-01,2026-02-01,1\n",
    )
    .unwrap();
    let summary = run_ok(&["measure", path_str(&file), path_str(&second)]);
    assert!(summary.contains("imported 1 of 3 rows"), "{summary}");
    assert!(summary.contains("skipped 2 rows"), "{summary}");
    let kpis = kpis_json(&file, "month");
    assert_eq!(kpis[0]["n"], 3);
    assert_eq!(kpis[0]["satisfaction"]["value"], 10.0 / 3.0);
}

#[test]
fn german_and_polish_headers_and_semicolons_are_read() {
    let dir = temp();
    let file = project_file(dir.path());
    let german = dir.path().join("umfrage.csv");
    std::fs::write(
        &german,
        "\u{feff}Kontaktpunkt;Datum;Zufriedenheit;Erwartung;Aufwand;Weiterempfehlung;Gesamtzufriedenheit;Notiz\nTP-02;2026-03-01;4;3;2;9;4;ok\n",
    )
    .unwrap();
    run_ok(&["measure", path_str(&file), path_str(&german)]);
    let polish = dir.path().join("ankieta.csv");
    std::fs::write(
        &polish,
        "punkt styku,data,zadowolenie,oczekiwanie\nBranch visit,2026-03-02,2,4\n",
    )
    .unwrap();
    run_ok(&["measure", path_str(&file), path_str(&polish)]);
    let kpis = kpis_json(&file, "month");
    let call = kpis.iter().find(|k| k["key"] == "TP-02").unwrap();
    assert_eq!(call["effort"]["value"], 2.0);
    assert_eq!(call["nps"]["value"], 100.0);
    let branch = kpis
        .iter()
        .find(|k| k["touchpoint"] == "Branch visit")
        .unwrap();
    assert_eq!(branch["gap"]["value"], -2.0);
    assert_eq!(branch["satisfaction"]["few"], true);
}

/// A refused import: exit 1, one line naming the problem, and the project file byte for byte
/// as before.
fn refused(file: &Path, responses: &Path, expect: &[&str]) -> String {
    let before = sha256(file);
    let output = waymark(&["measure", path_str(file), path_str(responses)]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for words in expect {
        assert!(stderr.contains(words), "{words:?} not in: {stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr
            .lines()
            .last()
            .unwrap()
            .contains("nothing was imported"),
        "{stderr}"
    );
    assert_eq!(sha256(file), before, "the project file changed");
    stderr
}

fn bad_rows(row: &str, expect: &[&str]) {
    let dir = temp();
    let file = project_file(dir.path());
    let responses = dir.path().join("responses.csv");
    std::fs::write(
        &responses,
        format!("touchpoint,date,satisfaction,recommend\nTP-01,2026-01-01,4,9\n{row}\n"),
    )
    .unwrap();
    let stderr = refused(&file, &responses, expect);
    assert!(stderr.contains("row 3:"), "the row number: {stderr}");
    assert!(
        stderr.contains("1 of 2 rows cannot be imported"),
        "{stderr}"
    );
    // --skip-bad imports the good row and says how many it skipped.
    let summary = run_ok(&[
        "measure",
        path_str(&file),
        path_str(&responses),
        "--skip-bad",
    ]);
    assert!(summary.contains("imported 1 of 2 rows"), "{summary}");
    assert!(
        summary.contains("skipped 1 rows that cannot be imported"),
        "{summary}"
    );
}

#[test]
fn a_rating_out_of_range() {
    bad_rows(
        "TP-01,2026-01-02,6,9",
        &["satisfaction 6 is not a whole number from 1 to 5"],
    );
    bad_rows(
        "TP-01,2026-01-02,4,11",
        &["recommend 11 is not a whole number from 0 to 10"],
    );
}

#[test]
fn a_rating_that_is_not_a_number() {
    bad_rows(
        "TP-01,2026-01-02,good,9",
        &["satisfaction \"good\" is not a number"],
    );
}

#[test]
fn a_date_that_is_not_a_date() {
    bad_rows(
        "TP-01,14.03.2026,4,9",
        &["date \"14.03.2026\" is not an ISO 8601 date"],
    );
    bad_rows("TP-01,2026-02-30,4,9", &["is not an ISO 8601 date"]);
}

#[test]
fn an_ambiguous_touchpoint() {
    bad_rows(
        "Letter,2026-01-02,4,9",
        &[
            "ambiguous touchpoint",
            "\"Letter\" is the text of 2 touchpoints",
            "Step 4",
            "Step 5",
        ],
    );
}

#[test]
fn an_unknown_touchpoint() {
    bad_rows(
        "Carrier pigeon,2026-01-02,4,9",
        &["unknown touchpoint", "\"Carrier pigeon\""],
    );
}

#[test]
fn a_row_without_a_rating() {
    bad_rows("TP-01,2026-01-02,,", &["the row has no rating"]);
}

fn refused_file(content: &[u8], expect: &[&str]) {
    let dir = temp();
    let file = project_file(dir.path());
    let responses = dir.path().join("responses.csv");
    std::fs::write(&responses, content).unwrap();
    let stderr = refused(&file, &responses, expect);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
}

#[test]
fn an_empty_file() {
    refused_file(b"", &["the file is empty"]);
    refused_file(b"touchpoint,date,satisfaction\n", &["no rows of answers"]);
}

#[test]
fn a_file_that_is_not_csv() {
    let mut png = common::tiny_png();
    png.extend_from_slice(b"\ntouchpoint\n");
    refused_file(&png, &["not a CSV text file"]);
    refused_file(b"{\"touchpoint\": 1}\n", &["no touchpoint column"]);
}

#[test]
fn a_header_without_touchpoint() {
    refused_file(
        b"contact,date,satisfaction\nTP-01,2026-01-01,4\n",
        &["no touchpoint column"],
    );
    refused_file(b"touchpoint,satisfaction\nTP-01,4\n", &["no date column"]);
}

#[test]
fn the_same_file_twice() {
    let dir = temp();
    let file = project_file(dir.path());
    let responses = dir.path().join("responses.csv");
    std::fs::write(
        &responses,
        "touchpoint,date,satisfaction\nTP-01,2026-01-01,4\n",
    )
    .unwrap();
    run_ok(&["measure", path_str(&file), path_str(&responses)]);
    let copy = dir.path().join("copy of responses.csv");
    std::fs::copy(&responses, &copy).unwrap();
    refused(
        &file,
        &copy,
        &["this file was imported already (as responses.csv"],
    );
}

#[test]
fn a_200_megabyte_file_is_streamed() {
    let dir = temp();
    let file = project_file(dir.path());
    let responses = dir.path().join("big.csv");
    {
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::fs::File::create(&responses).unwrap());
        // Wide rows (a long free-text column, as survey exports have) reach 200 MB in few rows.
        writeln!(out, "touchpoint,date,satisfaction,comment").unwrap();
        let comment = "x".repeat(2000);
        let mut written = 0u64;
        let mut row = 0u64;
        while written < 200_000_000 {
            let line = format!(
                "TP-0{},2026-0{}-01,{},{comment}\n",
                row % 2 + 1,
                row % 9 + 1,
                row % 5 + 1
            );
            written += line.len() as u64;
            out.write_all(line.as_bytes()).unwrap();
            row += 1;
        }
        writeln!(out, "Carrier pigeon,2026-01-01,4,late").unwrap();
    }
    // One unknown touchpoint at the very end: found after streaming the whole file, and the
    // project is untouched.
    let stderr = refused(
        &file,
        &responses,
        &["unknown touchpoint", "\"Carrier pigeon\""],
    );
    assert!(stderr.contains("1 of "), "{stderr}");
    let summary = run_ok(&[
        "measure",
        path_str(&file),
        path_str(&responses),
        "--skip-bad",
    ]);
    assert!(
        summary.contains("read 200.0 MB in") || summary.contains("read 200.1 MB in"),
        "{summary}"
    );
    let kpis = kpis_json(&file, "month");
    assert_eq!(kpis.len(), 2);
}

#[test]
fn measuring_keys_are_unique_within_a_journey() {
    let dir = temp();
    let file = project_file(dir.path());
    let mut opened = ProjectFile::open(&file).unwrap();
    let project = opened.project().clone();
    let branch = project
        .cards
        .iter()
        .find(|c| c.text == "Branch visit")
        .unwrap();
    let mut keyed = branch.clone();
    keyed.measure_key = Some("TP-01".into());
    let change = Change::new(vec![Edit::Update {
        before: Record::Card(branch.clone()),
        after: Record::Card(keyed.clone()),
    }]);
    let error = opened.apply(&change).expect_err("a key used twice");
    assert!(
        error
            .to_string()
            .contains("already used by another touchpoint"),
        "{error}"
    );
    keyed.measure_key = Some("TP-03".into());
    opened
        .apply(&Change::new(vec![Edit::Update {
            before: Record::Card(branch.clone()),
            after: Record::Card(keyed),
        }]))
        .expect("a fresh key");
    opened.close().unwrap();
    assert_eq!(
        waymark::store::read(&file)
            .unwrap()
            .cards
            .iter()
            .find(|c| c.text == "Branch visit")
            .unwrap()
            .measure_key
            .as_deref(),
        Some("TP-03")
    );
}

/// Text of one PDF page as poppler reads it.
fn page_text(pdf: &Path, page: usize) -> String {
    let page = page.to_string();
    let output = std::process::Command::new("pdftotext")
        .args(["-raw", "-f", &page, "-l", &page, path_str(pdf), "-"])
        .output()
        .expect("pdftotext runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_pdf_has_a_touchpoint_kpis_page_in_the_projects_language() {
    let dir = temp();
    let file = project_file(dir.path());
    let plain = dir.path().join("before.pdf");
    run_ok(&["export", path_str(&file), "-o", path_str(&plain)]);
    let whole = std::process::Command::new("pdftotext")
        .args([path_str(&plain), "-"])
        .output()
        .expect("pdftotext runs");
    assert!(whole.status.success());
    assert!(
        !String::from_utf8_lossy(&whole.stdout).contains("Touchpoint KPIs"),
        "no page without survey results"
    );

    let (csv, _) = generate(300, 5);
    let responses = dir.path().join("responses.csv");
    std::fs::write(&responses, csv).unwrap();
    run_ok(&["measure", path_str(&file), path_str(&responses)]);
    let pdf = dir.path().join("measured.pdf");
    run_ok(&["export", path_str(&file), "-o", path_str(&pdf)]);
    let text = page_text(&pdf, 2);
    for words in [
        "Touchpoint KPIs — Onboarding",
        "Fix first",
        "Keep up",
        "Possible overkill",
        "Low priority",
        "Importance: correlation with overall satisfaction",
        "Satisfaction (mean, 1–5)",
        "Expectation",
        "CSAT %",
        "Branch visit",
        "TP-01",
        "TP-02",
    ] {
        assert!(text.contains(words), "{words:?} not on the page:\n{text}");
    }
    // The table's figures are the CLI's: the website's importance is 1.00 and ranks first.
    assert!(text.contains("1.00 #1"), "{text}");

    // A German project prints the page in German, with decimal commas.
    let mut project = waymark::store::read(&file).unwrap();
    project.info.locale = "de-DE".into();
    let german = dir.path().join("de.json");
    std::fs::write(&german, waymark::interchange::json::to_string(&project)).unwrap();
    let german_file = dir.path().join("de.waymark");
    run_ok(&["import", path_str(&german), "-o", path_str(&german_file)]);
    let german_pdf = dir.path().join("de.pdf");
    run_ok(&[
        "export",
        path_str(&german_file),
        "-o",
        path_str(&german_pdf),
    ]);
    let text = page_text(&german_pdf, 2);
    for words in [
        "Kontaktpunkt-KPIs — Onboarding",
        "Zuerst beheben",
        "Zufriedenheit",
        "1,00 #1",
    ] {
        assert!(text.contains(words), "{words:?} not on the page:\n{text}");
    }
}
