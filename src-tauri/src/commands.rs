//! The commands the front end can invoke. Each one delegates to the core.

use tauri::State;

use crate::error::IpcError;
use crate::state::{Opened, OpenedView};

/// The project this window was opened on, with its file name and read-only reason.
#[tauri::command]
pub fn open_project(opened: State<'_, Opened>) -> Result<OpenedView, IpcError> {
    opened.view()
}
