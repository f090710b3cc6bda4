//! "Import survey results…" and the KPI view: the file is read off the command thread with its
//! progress sent to the window, the plan waits here until the user accepts it, and accepting
//! applies it as one change that the window records for undo. The core reads, matches and
//! counts (`waymark::measure`); this only keeps the plan between the two steps.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use tauri::{Emitter, WebviewWindow};
use ts_rs::TS;
use waymark::measure::{JourneyKpis, Period, SurveyPlan, SurveyPreview};
use waymark::{Change, Id};

use crate::error::{ErrorCode, IpcError};
use crate::state::Opened;

/// The event that reports how far a survey file has been read.
pub const PROGRESS_EVENT: &str = "survey-progress";

/// How far the survey file has been read, in bytes.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SurveyProgress {
    pub read: f64,
    pub total: f64,
}

/// The plan the window previewed, until it is accepted or another file is previewed.
#[derive(Default)]
pub struct Surveys {
    pending: Mutex<Option<(PathBuf, SurveyPlan)>>,
}

fn journey_id(text: &str) -> Result<Id, IpcError> {
    text.parse().map_err(|_| {
        IpcError::new(
            ErrorCode::Usage,
            format!(
                "{text:?} is not a journey of this project; reload the window and choose a journey"
            ),
        )
    })
}

/// Reads `path` for `journey` and keeps the plan; returns what it would import.
pub fn preview(
    opened: &Opened,
    surveys: &Surveys,
    window: &WebviewWindow,
    path: &Path,
    journey: &str,
) -> Result<SurveyPreview, IpcError> {
    let journey = journey_id(journey)?;
    let (project, _) = opened.snapshot()?;
    let earlier = opened.imported_response_ids()?;
    let plan =
        waymark::measure::read_survey(&project, journey, path, &earlier, &mut |read, total| {
            let _ = window.emit(
                PROGRESS_EVENT,
                SurveyProgress {
                    read: read as f64,
                    total: total as f64,
                },
            );
        })?;
    let preview = plan.preview.clone();
    if let Ok(mut pending) = surveys.pending.lock() {
        *pending = Some((path.to_path_buf(), plan));
    }
    Ok(preview)
}

/// Applies the previewed plan of `path`; the change it returns is the window's undo step.
pub fn accept(opened: &Opened, surveys: &Surveys, path: &Path) -> Result<Change, IpcError> {
    let plan = surveys
        .pending
        .lock()
        .ok()
        .and_then(|mut pending| pending.take())
        .filter(|(previewed, _)| previewed == path)
        .map(|(_, plan)| plan)
        .ok_or_else(|| {
            IpcError::new(
                ErrorCode::Usage,
                format!(
                    "{} has not been previewed; choose it again with Import survey results…",
                    path.display()
                ),
            )
        })?;
    opened.import_survey(&plan)?;
    Ok(plan.change)
}

/// The KPIs of `journey` per `period`.
pub fn kpis(opened: &Opened, journey: &str, period: Period) -> Result<JourneyKpis, IpcError> {
    let journey = journey_id(journey)?;
    opened.read(|project| Ok(waymark::measure::journey_kpis(project, journey, period)))
}
