//! Waymark's desktop shell. It opens the project given on the command line and serves the
//! Svelte front end; everything about projects lives in the `waymark` core.

mod commands;
mod error;
pub mod export;
mod state;

use std::path::PathBuf;

use tauri::Manager;

pub use error::IpcError;
pub use state::{Opened, OpenedView};

/// The project to open: the first argument that is not an option (launchers such as
/// WebKitWebDriver may add their own flags).
pub fn project_argument(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    args.into_iter()
        .skip(1)
        .find(|arg| !arg.starts_with('-'))
        .map(PathBuf::from)
}

pub fn run() {
    let opened = Opened::open(project_argument(std::env::args()).as_deref());
    let title = opened.title();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(opened)
        .invoke_handler(tauri::generate_handler![
            commands::open_project,
            commands::preview_export,
            commands::export_pdf,
            commands::reveal_export
        ])
        .setup(move |app| {
            if let Some(window) = app.get_webview_window("main") {
                window.set_title(&title)?;
            }
            Ok(())
        })
        .run(tauri::generate_context!("../tauri.conf.json"))
        .unwrap_or_else(|error| {
            eprintln!("waymark-app: could not start the window: {error}");
            std::process::exit(1);
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn takes_the_first_plain_argument_as_the_project() {
        assert_eq!(
            project_argument(args(&["waymark-app", "map.waymark"])),
            Some(PathBuf::from("map.waymark"))
        );
        assert_eq!(
            project_argument(args(&["waymark-app", "--automation", "a.waymark"])),
            Some(PathBuf::from("a.waymark"))
        );
        assert_eq!(project_argument(args(&["waymark-app"])), None);
    }

    #[test]
    fn a_missing_file_becomes_an_ipc_error_naming_it() {
        let opened = Opened::open(Some(std::path::Path::new("/nonexistent/none.waymark")));
        let error = opened.view().err().expect("opening a missing file fails");
        assert!(error.message.contains("none.waymark"), "{}", error.message);
        assert!(!error.code.is_empty());
        assert_eq!(opened.title(), "Waymark");
    }

    #[test]
    fn a_project_file_is_shown_with_its_name_and_title() {
        let dir = std::env::temp_dir().join(format!("waymark-app-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("Kundenreise März.waymark");
        let _ = std::fs::remove_file(&path);
        let project = waymark::Project::new("Switching contracts", "de-DE", &waymark::now());
        waymark::store::ProjectFile::create(&path, &project)
            .expect("create")
            .close()
            .expect("close");

        let opened = Opened::open(Some(&path));
        let view = opened.view().expect("the file opens");
        assert_eq!(view.file_name, "Kundenreise März.waymark");
        assert_eq!(view.project.info.name, "Switching contracts");
        assert_eq!(view.read_only, None);
        assert_eq!(opened.title(), "Kundenreise März.waymark — Waymark");
        let json = serde_json::to_value(&view).expect("serialises");
        assert!(
            json.get("fileName").is_some() && json.get("readOnly").is_some(),
            "{json}"
        );
        drop(opened);
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn no_argument_says_how_to_start() {
        let error = Opened::open(None).view().err().expect("nothing to show");
        assert_eq!(error.code, "no-file");
    }
}
