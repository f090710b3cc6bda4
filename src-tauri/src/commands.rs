//! The commands the front end can invoke. Each one delegates to the core; the export and image
//! commands run on a blocking thread so the window stays responsive while they work.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, State, WebviewWindow};
use waymark::priority::RankedOpportunity;
use waymark::room::{Interface, Phase, RoomChange, RoomOptions, RoomStatus};
use waymark::{Change, Id, Image, OrderKey};

use crate::error::{ErrorCode, IpcError};
use crate::export::{self, ExportRequest, Exported, Preview};
use crate::live::WindowLive;
use crate::merge::{MergeChoice, MergePlanView, MergeResult};
use crate::preferences::{Preferences, PreferencesView};
use crate::ranking;
use crate::recent::RecentFile;
use crate::room::{RoomView, WindowRoom};
use crate::state::{self, Applied, Opened, OpenedView};
use crate::survey;
use crate::templates::{self, TemplateInfo};
use crate::user_templates::UserTemplates;

/// The project this window was opened on: `None` when it was started without a file.
#[tauri::command]
pub fn open_project(opened: State<'_, Opened>) -> Result<Option<OpenedView>, IpcError> {
    opened.current()
}

/// Opens another project file in this window.
#[tauri::command]
pub fn open_file(
    window: WebviewWindow,
    opened: State<'_, Opened>,
    path: PathBuf,
) -> Result<OpenedView, IpcError> {
    titled(&window, opened.open_file(&path))
}

/// Creates a project from a template (built-in, or `user/…` for one of the user's) at `path`
/// (never over an existing file) and opens it; its text is in `locale`'s language.
#[tauri::command]
pub fn new_project(
    window: WebviewWindow,
    opened: State<'_, Opened>,
    user: State<'_, UserTemplates>,
    path: PathBuf,
    name: String,
    template: String,
    locale: Option<String>,
) -> Result<OpenedView, IpcError> {
    let locale = locale.unwrap_or_else(|| "en".into());
    let made = user
        .resolve(&template)
        .and_then(|template| opened.new_project_from(&path, &name, &template, &locale));
    titled(&window, made)
}

/// Makes a project from a CSV journey grid at `path` (never over an existing file) and opens it;
/// its channels, emotion scale and printed words are in `locale`'s language.
#[tauri::command]
pub fn import_grid(
    window: WebviewWindow,
    opened: State<'_, Opened>,
    grid: PathBuf,
    path: PathBuf,
    locale: Option<String>,
) -> Result<OpenedView, IpcError> {
    let locale = locale.unwrap_or_else(|| "en".into());
    titled(&window, opened.import_grid(&grid, &path, &locale))
}

/// Writes a copy of the project to `path`; the window continues on the copy.
#[tauri::command]
pub fn save_as(
    window: WebviewWindow,
    opened: State<'_, Opened>,
    path: PathBuf,
) -> Result<OpenedView, IpcError> {
    titled(&window, opened.save_as(&path))
}

/// "Open a copy" of a read-only file: writes it to `path` and continues on the copy.
#[tauri::command]
pub fn open_copy(
    window: WebviewWindow,
    opened: State<'_, Opened>,
    path: PathBuf,
) -> Result<OpenedView, IpcError> {
    titled(&window, opened.open_copy(&path))
}

/// Takes the open file over from whoever has it marked in use; the user has confirmed.
#[tauri::command]
pub fn take_over(opened: State<'_, Opened>) -> Result<OpenedView, IpcError> {
    opened.take_over()
}

/// Whether the open file was changed from outside since this window last read or wrote it.
#[tauri::command]
pub fn check_disk(opened: State<'_, Opened>) -> Result<bool, IpcError> {
    opened.check_disk()
}

/// Reads the open file again from disk; the window's undo history goes with the old state.
#[tauri::command]
pub fn reload(opened: State<'_, Opened>) -> Result<OpenedView, IpcError> {
    opened.reload()
}

/// Writes the project as the window has it to a new file at `path`; returns where it went.
#[tauri::command]
pub fn save_mine(opened: State<'_, Opened>, path: PathBuf) -> Result<PathBuf, IpcError> {
    opened.save_mine(&path)
}

/// What merging the copy at `theirs` into the open file would do: what comes over on its own,
/// and the conflicts to choose.
#[tauri::command]
pub fn plan_merge(opened: State<'_, Opened>, theirs: PathBuf) -> Result<MergePlanView, IpcError> {
    opened.plan_merge(&theirs)
}

/// Merges the copy at `theirs` into the open file as one change; the window records it for undo.
#[tauri::command]
pub fn merge_copy(
    opened: State<'_, Opened>,
    theirs: PathBuf,
    choices: Vec<MergeChoice>,
) -> Result<MergeResult, IpcError> {
    opened.merge(&theirs, &choices)
}

/// The built-in templates and the user's own, with their text in `language` (e.g. `de`).
#[tauri::command]
pub fn templates(
    user: State<'_, UserTemplates>,
    language: Option<String>,
) -> Result<Vec<TemplateInfo>, IpcError> {
    templates::list(language.as_deref().unwrap_or("en"), &user)
}

/// Saves `journey` of the open project (stages, steps, lanes; no cards) as a template of the
/// user's own named `name`; refused when the name is empty or taken.
#[tauri::command]
pub fn save_template(
    opened: State<'_, Opened>,
    user: State<'_, UserTemplates>,
    journey: waymark::Id,
    name: String,
) -> Result<TemplateInfo, IpcError> {
    templates::save(&opened, &user, journey, &name)
}

/// The saved UI language, if any, and the OS locale to fall back on.
#[tauri::command]
pub fn preferences(preferences: State<'_, Preferences>) -> PreferencesView {
    preferences.view()
}

/// Remembers the UI language for the next launch.
#[tauri::command]
pub fn set_language(preferences: State<'_, Preferences>, code: String) -> Result<(), IpcError> {
    preferences.set_language(&code)
}

/// Most recent first; entries whose file is gone say so.
#[tauri::command]
pub fn recent_files(opened: State<'_, Opened>) -> Vec<RecentFile> {
    opened.recent_files()
}

/// Applies one change as one transaction; durable when it returns.
#[tauri::command]
pub fn apply_change(
    opened: State<'_, Opened>,
    live: State<'_, WindowLive>,
    change: Change,
) -> Result<Applied, IpcError> {
    let applied = opened.apply(&change)?;
    live.edited();
    Ok(applied)
}

/// Undo (or redo) on a live file: undoes the window's own `change` as far as it is still its
/// own, sends what it did to the others, and returns it for the window's copy and history.
#[tauri::command]
pub fn undo_own(
    opened: State<'_, Opened>,
    live: State<'_, WindowLive>,
    change: Change,
) -> Result<state::Undone, IpcError> {
    let undone = opened.undo_own(&change)?;
    if !undone.change.edits.is_empty() {
        live.edited();
    }
    Ok(undone)
}

/// The change that adds a future-state copy of `journey`; the window commits it like any edit,
/// so it is one undo step.
#[tauri::command]
pub fn plan_future_state(
    opened: State<'_, Opened>,
    journey: waymark::Id,
    name: String,
) -> Result<Change, IpcError> {
    opened.read(|project| waymark::future::plan_future_state(project, journey, &name))
}

/// What the future-state `journey` changes against the current journey it redesigns.
#[tauri::command]
pub fn future_diff(
    opened: State<'_, Opened>,
    journey: waymark::Id,
) -> Result<waymark::future::FutureDiff, IpcError> {
    opened.read(|project| waymark::future::diff(project, journey))
}

/// `count` increasing order keys strictly between two neighbours; either may be absent.
#[tauri::command]
pub fn order_keys(
    after: Option<OrderKey>,
    before: Option<OrderKey>,
    count: u32,
) -> Result<Vec<OrderKey>, IpcError> {
    let count = usize::try_from(count).unwrap_or(usize::MAX);
    Ok(OrderKey::sequence_between(
        after.as_ref(),
        before.as_ref(),
        count,
    )?)
}

/// Reads a PNG, JPEG or WebP picture into an image record: checked, downscaled, metadata dropped.
/// The front end adds it to the project with `apply_change`.
#[tauri::command]
pub async fn import_image(path: PathBuf) -> Result<Image, IpcError> {
    off_thread(move || Ok(waymark::image_import::import(&path)?)).await
}

/// Page thumbnails of the PDF the dialog's options would write.
#[tauri::command]
pub async fn preview_export(
    opened: State<'_, Opened>,
    request: ExportRequest,
) -> Result<Preview, IpcError> {
    let (project, file_name) = opened.snapshot()?;
    off_thread(move || export::preview(&project, &request, Some(file_name))).await
}

/// Writes the PDF to `path` (a relative path is taken from the project's folder).
#[tauri::command]
pub async fn export_pdf(
    opened: State<'_, Opened>,
    request: ExportRequest,
    path: PathBuf,
) -> Result<Exported, IpcError> {
    let (project, file_name) = opened.snapshot()?;
    let path = opened.beside(&path)?;
    let exported =
        off_thread(move || export::export(&project, &request, Some(file_name), &path)).await?;
    opened.set_exported(exported.path.clone());
    Ok(exported)
}

/// The opportunities of `journey` (its id), in the order to fix them (`waymark::priority`).
#[tauri::command]
pub fn rank_opportunities(
    opened: State<'_, Opened>,
    journey: String,
) -> Result<Vec<RankedOpportunity>, IpcError> {
    ranking::rank(&opened, &journey)
}

/// Writes the ranking of `journey` as CSV to `path` (relative: from the project's folder).
#[tauri::command]
pub fn write_ranking_csv(
    opened: State<'_, Opened>,
    journey: String,
    path: PathBuf,
) -> Result<PathBuf, IpcError> {
    ranking::write_csv(&opened, &journey, &path)
}

/// Reads a survey export for `journey` (its id), sending `survey-progress` events, and keeps the
/// plan for `import_survey`; returns what would be imported and what cannot be.
#[tauri::command]
pub async fn preview_survey(
    window: WebviewWindow,
    path: PathBuf,
    journey: String,
) -> Result<waymark::measure::SurveyPreview, IpcError> {
    off_thread(move || {
        let opened = window.state::<Opened>();
        let surveys = window.state::<survey::Surveys>();
        survey::preview(&opened, &surveys, &window, &path, &journey)
    })
    .await
}

/// Imports the previewed survey file as one change; the window records it for undo.
#[tauri::command]
pub fn import_survey(
    opened: State<'_, Opened>,
    surveys: State<'_, survey::Surveys>,
    path: PathBuf,
) -> Result<Change, IpcError> {
    survey::accept(&opened, &surveys, &path)
}

/// The KPIs of `journey`'s measured touchpoints per `period`.
#[tauri::command]
pub fn touchpoint_kpis(
    opened: State<'_, Opened>,
    journey: String,
    period: waymark::measure::Period,
) -> Result<waymark::measure::JourneyKpis, IpcError> {
    survey::kpis(&opened, &journey, period)
}

/// Shows the last exported PDF in the system's file manager.
#[tauri::command]
pub fn reveal_export(opened: State<'_, Opened>) -> Result<(), IpcError> {
    let path = opened.exported().ok_or_else(|| {
        IpcError::new(
            ErrorCode::Usage,
            "nothing has been exported yet; export a PDF first",
        )
    })?;
    tauri_plugin_opener::reveal_item_in_dir(&path).map_err(|e| {
        IpcError::new(
            ErrorCode::Reveal,
            format!(
                "could not show {} in a file manager ({e}); open its folder yourself",
                path.display()
            ),
        )
    })
}

/// This machine's addresses a room could listen on, for the facilitator to choose from.
#[tauri::command]
pub fn room_interfaces() -> Result<Vec<Interface>, IpcError> {
    Ok(waymark::room::interfaces()?)
}

/// Opens the workshop room over this window's project on `bind`, one address from the list.
#[tauri::command]
pub async fn open_room(
    app: AppHandle,
    opened: State<'_, Opened>,
    room: State<'_, WindowRoom>,
    bind: String,
    options: RoomOptions,
) -> Result<RoomView, IpcError> {
    room.open(app, &opened, &bind, options).await
}

/// The open room at a glance (phase, who joined, "14 of 18 have voted"); none when closed.
#[tauri::command]
pub async fn room_status(room: State<'_, WindowRoom>) -> Result<Option<RoomStatus>, IpcError> {
    room.status().await
}

#[tauri::command]
pub async fn set_room_phase(room: State<'_, WindowRoom>, phase: Phase) -> Result<(), IpcError> {
    room.set_phase(phase).await
}

/// Puts submissions on the map, each a card; the change is the window's undo step.
#[tauri::command]
pub async fn approve_submissions(
    room: State<'_, WindowRoom>,
    submissions: Vec<Id>,
) -> Result<RoomChange, IpcError> {
    room.approve(&submissions).await
}

/// Puts one submission on the map in the facilitator's words.
#[tauri::command]
pub async fn approve_edited(
    room: State<'_, WindowRoom>,
    submission: Id,
    text: String,
) -> Result<RoomChange, IpcError> {
    room.approve_edited(submission, &text).await
}

/// Puts duplicates on the map as one card.
#[tauri::command]
pub async fn merge_submissions(
    room: State<'_, WindowRoom>,
    submissions: Vec<Id>,
    text: Option<String>,
) -> Result<RoomChange, IpcError> {
    room.merge(&submissions, text.as_deref()).await
}

#[tauri::command]
pub async fn hide_submissions(
    room: State<'_, WindowRoom>,
    submissions: Vec<Id>,
) -> Result<RoomChange, IpcError> {
    room.hide(&submissions).await
}

#[tauri::command]
pub async fn kick_participant(
    room: State<'_, WindowRoom>,
    participant: Id,
) -> Result<(), IpcError> {
    room.kick(participant).await
}

/// Makes this window's project live on `server` (`ws://HOST:PORT?token=TOKEN`) and follows it;
/// returns the link others join with.
#[tauri::command]
pub async fn share_live(
    app: AppHandle,
    opened: State<'_, Opened>,
    live: State<'_, WindowLive>,
    server: String,
) -> Result<String, IpcError> {
    live.share(app, &opened, server).await
}

/// Clones the project `link` names into a new file at `path` and opens it here, following it.
#[tauri::command]
pub async fn join_live(
    app: AppHandle,
    window: WebviewWindow,
    opened: State<'_, Opened>,
    live: State<'_, WindowLive>,
    link: String,
    path: PathBuf,
) -> Result<OpenedView, IpcError> {
    titled(&window, live.join(app, &opened, link, path).await)
}

/// Follows the server of the file the window shows, if it is live (false when it is not).
#[tauri::command]
pub async fn follow_live(
    app: AppHandle,
    opened: State<'_, Opened>,
    live: State<'_, WindowLive>,
) -> Result<bool, IpcError> {
    live.follow(app, &opened)
}

/// The card or header (stage, step, lane) this window has selected now, shown to the others as an
/// outline; none when it has none.
#[tauri::command]
pub fn live_editing(live: State<'_, WindowLive>, record: Option<Id>) {
    live.editing(record);
}

/// Closes the room; with `forget_names` the file keeps counts but no names (that change returned).
#[tauri::command]
pub async fn close_room(
    room: State<'_, WindowRoom>,
    forget_names: bool,
) -> Result<Option<RoomChange>, IpcError> {
    room.close(forget_names).await
}

pub(crate) async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| {
            IpcError::new(
                ErrorCode::Internal,
                format!("the work stopped unexpectedly ({e}); try again"),
            )
        })?
}

/// Shows the open file's name in the title bar once the window is on it.
fn titled(
    window: &WebviewWindow,
    view: Result<OpenedView, IpcError>,
) -> Result<OpenedView, IpcError> {
    if let Ok(view) = &view {
        if let Err(e) = window.set_title(&state::title_for(&view.path)) {
            eprintln!("waymark-app: could not set the window title: {e}");
        }
    }
    view
}
