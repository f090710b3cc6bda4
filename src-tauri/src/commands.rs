//! The commands the front end can invoke. Each one delegates to the core; the export commands
//! run on a blocking thread so the window stays responsive while a big map is laid out.

use std::path::PathBuf;

use tauri::State;

use crate::error::IpcError;
use crate::export::{self, ExportRequest, Exported, Preview};
use crate::state::{Opened, OpenedView};

/// The project this window was opened on, with its file name and read-only reason.
#[tauri::command]
pub fn open_project(opened: State<'_, Opened>) -> Result<OpenedView, IpcError> {
    opened.view()
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
    let path = if path.is_relative() && !path.as_os_str().is_empty() {
        opened.folder()?.join(path)
    } else {
        path
    };
    let exported =
        off_thread(move || export::export(&project, &request, Some(file_name), &path)).await?;
    opened.set_exported(exported.path.clone());
    Ok(exported)
}

/// Shows the last exported PDF in the system's file manager.
#[tauri::command]
pub fn reveal_export(opened: State<'_, Opened>) -> Result<(), IpcError> {
    let path = opened.exported().ok_or_else(|| {
        IpcError::new("usage", "nothing has been exported yet; export a PDF first")
    })?;
    tauri_plugin_opener::reveal_item_in_dir(&path).map_err(|e| {
        IpcError::new(
            "reveal",
            format!(
                "could not show {} in a file manager ({e}); open its folder yourself",
                path.display()
            ),
        )
    })
}

async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| {
            IpcError::new(
                "internal",
                format!("the export stopped unexpectedly ({e}); try again"),
            )
        })?
}
