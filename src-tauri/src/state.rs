//! What the shell holds between commands: the project file this window shows.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use waymark::store::ProjectFile;
use waymark::Project;

use crate::error::IpcError;

/// The file given on the command line, opened once at start. A file that failed to open keeps
/// its error, so the window can say what went wrong instead of showing nothing.
pub struct Opened {
    file: Mutex<Result<ProjectFile, IpcError>>,
    /// The last PDF this window exported: the one file "Show in folder" may reveal.
    exported: Mutex<Option<PathBuf>>,
}

/// What the front end needs to show a project.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenedView {
    pub path: PathBuf,
    pub file_name: String,
    /// Why the file cannot be edited, if it cannot.
    pub read_only: Option<String>,
    /// Where the export dialog proposes to write: `<project name>.pdf` beside the file.
    pub export_path: PathBuf,
    pub project: Project,
}

impl Opened {
    pub fn open(path: Option<&Path>) -> Opened {
        let file = match path {
            Some(path) => ProjectFile::open(path).map_err(IpcError::from),
            None => Err(IpcError::new(
                "no-file",
                "No project given: start Waymark as `waymark-app FILE.waymark`",
            )),
        };
        Opened {
            file: Mutex::new(file),
            exported: Mutex::new(None),
        }
    }

    pub fn view(&self) -> Result<OpenedView, IpcError> {
        let guard = self.file.lock().map_err(|_| poisoned())?;
        let file = guard.as_ref().map_err(Clone::clone)?;
        Ok(OpenedView {
            path: file.path().to_path_buf(),
            file_name: file_name(file.path()),
            read_only: file.read_only().map(str::to_string),
            export_path: crate::export::default_path(file.path(), &file.project().info.name),
            project: file.project().clone(),
        })
    }

    /// A copy of the project and its file name, for work that runs off the command thread.
    pub fn snapshot(&self) -> Result<(Project, String), IpcError> {
        let guard = self.file.lock().map_err(|_| poisoned())?;
        let file = guard.as_ref().map_err(Clone::clone)?;
        Ok((file.project().clone(), file_name(file.path())))
    }

    /// The folder of the project file: where a relative export path is taken from.
    pub fn folder(&self) -> Result<PathBuf, IpcError> {
        let guard = self.file.lock().map_err(|_| poisoned())?;
        let file = guard.as_ref().map_err(Clone::clone)?;
        Ok(file
            .path()
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default())
    }

    pub fn set_exported(&self, path: PathBuf) {
        if let Ok(mut last) = self.exported.lock() {
            *last = Some(path);
        }
    }

    pub fn exported(&self) -> Option<PathBuf> {
        self.exported.lock().ok().and_then(|last| last.clone())
    }

    /// The window title: the file name, or the app's name when nothing is open.
    pub fn title(&self) -> String {
        match self.file.lock().as_deref() {
            Ok(Ok(file)) => format!("{} — Waymark", file_name(file.path())),
            _ => "Waymark".to_string(),
        }
    }
}

pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn poisoned() -> IpcError {
    IpcError::new("internal", "the project state is poisoned; restart Waymark")
}
