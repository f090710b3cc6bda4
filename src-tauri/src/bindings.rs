//! The TypeScript side of every type that crosses IPC, generated with ts-rs into one checked-in
//! file. The test fails when the file and the Rust types differ, so neither side can drift;
//! `WAYMARK_BLESS=1 cargo test -p waymark-app bindings` rewrites it.

use std::path::PathBuf;

use ts_rs::{Config, TS};

const HEADER: &str = "\
// Generated from the Rust types by src-tauri/src/bindings.rs; do not edit by hand.
// Regenerate: WAYMARK_BLESS=1 cargo test -p waymark-app bindings
";

fn target() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings/ipc.ts")
}

fn push<T: TS + ?Sized>(cfg: &Config, out: &mut String) {
    out.push('\n');
    if let Some(docs) = T::docs() {
        out.push_str(&docs);
    }
    out.push_str("export ");
    out.push_str(&T::decl(cfg));
    out.push('\n');
}

macro_rules! declare {
    ($cfg:expr, $out:expr; $($ty:ty),* $(,)?) => {
        $( push::<$ty>($cfg, $out); )*
    };
}

/// The whole file, in the order a reader meets the types: the document, its edits, the shell.
pub fn typescript() -> String {
    use waymark::*;
    let cfg = Config::new();
    let mut out = HEADER.to_string();
    declare!(&cfg, &mut out;
        OrderKey, Project, ProjectInfo, Channel, ChannelIcon, Persona, JourneyState, EmotionScale,
        Journey, Stage, Step, LaneKind, Lane, Card, EmotionPoint, MomentTarget, MomentOfTruth,
        Participant, Dot, Measurement, SurveyImport, SubmissionState, Submission, Rating,
        ImageMime, Image,
        Record, RecordKey, RecordKind, Edit, Change, Origin,
        crate::ErrorCode, crate::IpcError, crate::OpenedView, crate::InUseView, crate::LiveSessionView, crate::Undone, crate::Applied, crate::TemplateInfo, crate::RecentFile,
        crate::preferences::PreferencesView,
        crate::export::ExportRequest, waymark::export::pdf::Paper, waymark::export::pdf::Orientation,
        crate::export::ExportMode, crate::export::Thumbnail, crate::export::Preview,
        crate::export::Exported, waymark::export::MissingGlyphs,
        waymark::priority::RankedOpportunity,
        waymark::measure::SurveyPreview, waymark::measure::Problem, waymark::measure::ProblemKind,
        waymark::measure::import::MatchedTouchpoint, crate::survey::SurveyProgress,
        waymark::measure::JourneyKpis, waymark::measure::ChartAxes, waymark::measure::TouchpointKpis,
        waymark::measure::PeriodKpis, waymark::measure::Figure, waymark::measure::Importance,
        waymark::measure::Period,
        crate::merge::MergePlanView, crate::merge::ConflictView, crate::merge::MergeConflictKind,
        crate::merge::FieldView, crate::merge::MergeSide, crate::merge::MergeChoice,
        crate::merge::MergeResult,
        waymark::future::FutureDiff, waymark::future::Matching, waymark::future::DiffStatus,
        waymark::future::CardField, waymark::future::CardDiff, waymark::future::StepDiff,
        waymark::future::EmotionDelta,
        waymark::room::RoomOptions, waymark::room::Phase, waymark::room::RoomEvent, waymark::room::RoomChange,
        waymark::room::RoomStatus, waymark::room::VoteProgress, waymark::room::Interface,
        waymark::ratings::RatingSpread,
        crate::room::RoomView,
        waymark::sync::connection::LiveEvent, waymark::sync::connection::Presence,
    );
    out.push_str(&record_kinds());
    out
}

/// Where each kind of record lives, from the core's one table of kinds (`waymark::record`), so
/// the window's copy of a project is kept by the same table as the file.
fn record_kinds() -> String {
    let rows: Vec<String> = waymark::RecordKind::ALL
        .iter()
        .map(|kind| {
            let tag = serde_json::to_string(kind).expect("a kind serialises as its tag");
            let list = kind
                .list()
                .map_or("null".to_string(), |list| format!("\"{list}\""));
            format!("{tag}: {{ list: {list}, key: \"{}\" }}", kind.key_field())
        })
        .collect();
    format!(
        "\n/**\n * Each kind of record: the project's list holding it (none for the project's own \
         record, its `info`) and the field that identifies it.\n */\n\
         export const RECORD_KINDS = {{ {} }} as const;\n",
        rows.join(", ")
    )
}

#[test]
fn bindings_match_the_checked_in_file() {
    let generated = typescript();
    let path = target();
    if std::env::var_os("WAYMARK_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("bindings folder");
        std::fs::write(&path, &generated).expect("write the bindings");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    if checked_in != generated {
        let line = checked_in
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| checked_in.lines().count().min(generated.lines().count()));
        panic!(
            "{} is out of date with the Rust IPC types (first difference at line {}). \
             Regenerate it with `WAYMARK_BLESS=1 cargo test -p waymark-app bindings` and commit it.",
            path.display(),
            line + 1
        );
    }
}

#[test]
fn tagged_enums_keep_their_serde_shape() {
    let cfg = Config::new();
    let record = waymark::Record::decl(&cfg);
    assert!(
        record.contains(r#"{ "kind": "emotion-point", "record": EmotionPoint }"#),
        "{record}"
    );
    let edit = waymark::Edit::decl(&cfg);
    assert!(
        edit.contains(r#"{ "op": "update", before: Record, after: Record, }"#)
            || edit.contains(r#""op": "update""#),
        "{edit}"
    );
    let target = waymark::MomentTarget::decl(&cfg);
    assert!(
        target.contains(r#"{ "kind": "step", "id": string }"#),
        "{target}"
    );
}
