//! How the command line shows an import and the KPIs: a summary line, the list of rows that
//! cannot be imported, a table, and the JSON of `waymark kpis --json`.

use std::time::Duration;

use super::import::{ProblemKind, SurveyPreview};
use super::kpis::{Figure, JourneyKpis, PeriodKpis, TouchpointKpis};

/// One line per row that cannot be imported, then what was left unlisted.
pub fn problems(preview: &SurveyPreview) -> String {
    let mut text = String::new();
    for problem in &preview.problems {
        let kind = match problem.kind {
            ProblemKind::Unmatched => "unknown touchpoint",
            ProblemKind::Ambiguous => "ambiguous touchpoint",
            ProblemKind::Malformed => "bad value",
        };
        text += &format!("row {}: {kind}: {}\n", problem.row, problem.reason);
    }
    let unlisted = preview
        .bad_rows()
        .saturating_sub(preview.problems.len() as u64);
    if unlisted > 0 {
        text += &format!("… and {unlisted} more rows that cannot be imported\n");
    }
    text
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

/// The summary of an accepted import, with how fast the file was read.
pub fn imported(preview: &SurveyPreview, journey: &str, took: Duration) -> String {
    let seconds = took.as_secs_f64().max(0.001);
    let mut text = format!(
        "imported {} of {} rows of {} into journey {journey:?}: {} touchpoints measured\n",
        preview.matched,
        preview.rows,
        preview.file_name,
        preview.touchpoints.len()
    );
    if preview.duplicates > 0 {
        text += &format!(
            "skipped {} rows whose response id was imported before\n",
            preview.duplicates
        );
    }
    if preview.bad_rows() > 0 {
        text += &format!(
            "skipped {} rows that cannot be imported ({} unknown, {} ambiguous, {} bad values)\n",
            preview.bad_rows(),
            preview.unmatched,
            preview.ambiguous,
            preview.malformed
        );
    }
    text += &format!(
        "read {:.1} MB in {:.1} s ({:.0} MB/s)\n",
        megabytes(preview.bytes),
        seconds,
        megabytes(preview.bytes) / seconds
    );
    text
}

/// `waymark kpis --json`: one object per touchpoint with exactly the keys documented in
/// docs/measure.md. The card id is the app's business, not the command line's.
pub fn json(kpis: &JourneyKpis) -> String {
    let list: Vec<serde_json::Value> = kpis
        .touchpoints
        .iter()
        .map(|t| {
            let mut value = serde_json::to_value(t).unwrap_or_default();
            if let Some(object) = value.as_object_mut() {
                object.remove("card");
            }
            value
        })
        .collect();
    format!(
        "{}\n",
        serde_json::to_string_pretty(&list).unwrap_or_default()
    )
}

fn cell(figure: &Option<Figure>, decimals: usize) -> String {
    match figure {
        None => "–".into(),
        Some(f) => format!("{:.decimals$}{}", f.value, if f.few { "*" } else { "" }),
    }
}

fn row(name: &str, n: u32, figures: [&Option<Figure>; 6], importance: String) -> String {
    let [expectation, satisfaction, gap, csat, effort, nps] = figures;
    format!(
        "{name:<28} {n:>7} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {importance:>10}\n",
        cell(expectation, 2),
        cell(satisfaction, 2),
        cell(gap, 2),
        cell(csat, 0),
        cell(effort, 2),
        cell(nps, 0),
    )
}

fn short(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() > 28 {
        format!("{}…", text.chars().take(27).collect::<String>())
    } else {
        text.to_string()
    }
}

fn touchpoint_rows(t: &TouchpointKpis) -> String {
    let name = match &t.key {
        Some(key) => short(&format!("{key} {}", t.touchpoint)),
        None => short(&t.touchpoint),
    };
    let importance = match &t.importance {
        Some(i) => format!("{:.2} #{}{}", i.value, i.rank, if i.few { "*" } else { "" }),
        None => "–".into(),
    };
    let mut text = row(
        &name,
        t.n,
        [
            &t.expectation,
            &t.satisfaction,
            &t.gap,
            &t.csat,
            &t.effort,
            &t.nps,
        ],
        importance,
    );
    for p in &t.periods {
        let PeriodKpis { period, n, .. } = p;
        text += &row(
            &format!("  {period}"),
            *n,
            [
                &p.expectation,
                &p.satisfaction,
                &p.gap,
                &p.csat,
                &p.effort,
                &p.nps,
            ],
            String::new(),
        );
    }
    text
}

/// The KPIs as a table: each touchpoint, then its periods indented.
pub fn table(kpis: &JourneyKpis, journey: &str) -> String {
    if kpis.touchpoints.is_empty() {
        return format!(
            "journey {journey:?} has no measured touchpoints; import survey responses with `waymark measure`\n"
        );
    }
    let mut text = format!("Touchpoint KPIs — {journey}\n");
    text += &format!(
        "{:<28} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>10}\n",
        "touchpoint", "n", "expect", "satisf", "gap", "csat%", "effort", "nps", "importance"
    );
    for touchpoint in &kpis.touchpoints {
        text += &touchpoint_rows(touchpoint);
    }
    text += "* fewer than 30 answers\n";
    text
}
