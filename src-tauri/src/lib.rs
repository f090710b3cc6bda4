//! Waymark's desktop shell. It opens the project given on the command line (or shows the start
//! screen), serves the Svelte front end and hands every edit to the `waymark` core.

#[cfg(test)]
mod bindings;
mod commands;
mod error;
pub mod export;
pub mod instance;
pub mod live;
pub mod merge;
pub mod paths;
pub mod preferences;
pub mod ranking;
pub mod recent;
pub mod room;
mod state;
pub mod survey;
pub mod templates;
pub mod user_templates;

use std::path::PathBuf;

use tauri::Manager;

pub use error::{ErrorCode, IpcError};
pub use recent::{RecentFile, RecentFiles};
pub use state::{Applied, InUseView, LiveSessionView, Opened, OpenedView, Undone};
pub use templates::TemplateInfo;

/// The project to open: the first argument that is not an option (launchers such as
/// WebKitWebDriver may add their own flags).
pub fn project_argument(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    args.into_iter()
        .skip(1)
        .find(|arg| !arg.starts_with('-'))
        .map(PathBuf::from)
}

pub fn run() {
    let start = project_argument(std::env::args());
    let context = tauri::generate_context!("../tauri.conf.json");
    let builder = tauri::Builder::default();
    #[cfg(target_os = "linux")]
    let builder = one_window_per_file(builder, &context.config().identifier, start.as_deref());
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(window_memory())
        .invoke_handler(tauri::generate_handler![
            commands::open_project,
            commands::open_file,
            commands::new_project,
            commands::import_grid,
            commands::save_as,
            commands::open_copy,
            commands::take_over,
            commands::check_disk,
            commands::reload,
            commands::save_mine,
            commands::plan_merge,
            commands::merge_copy,
            commands::templates,
            commands::save_template,
            commands::recent_files,
            commands::preferences,
            commands::set_language,
            commands::apply_change,
            commands::order_keys,
            commands::plan_future_state,
            commands::future_diff,
            commands::import_image,
            commands::preview_export,
            commands::export_pdf,
            commands::reveal_export,
            commands::rank_opportunities,
            commands::write_ranking_csv,
            commands::preview_survey,
            commands::import_survey,
            commands::touchpoint_kpis,
            commands::room_interfaces,
            commands::open_room,
            commands::room_status,
            commands::set_room_phase,
            commands::approve_submissions,
            commands::approve_edited,
            commands::merge_submissions,
            commands::hide_submissions,
            commands::kick_participant,
            commands::close_room,
            commands::share_live,
            commands::join_live,
            commands::follow_live,
            commands::live_editing,
            commands::undo_own
        ])
        .setup(move |app| {
            let config = paths::ConfigFolder::at(app.path().app_config_dir().ok());
            app.manage(user_templates::UserTemplates::at(config.templates()));
            app.manage(preferences::Preferences::at(config.preferences()));
            app.manage(survey::Surveys::default());
            app.manage(room::WindowRoom::default());
            app.manage(live::WindowLive::default());
            let opened = Opened::open(start.as_deref(), RecentFiles::at(config.recent()));
            if let Some(window) = app.get_webview_window("main") {
                window.set_title(&opened.title())?;
            }
            app.manage(opened);
            quit_on_signals(app.handle().clone());
            Ok(())
        })
        .build(context)
        .unwrap_or_else(|error| {
            eprintln!("waymark-app: could not start the window: {error}");
            std::process::exit(1);
        })
        .run(|app, event| {
            #[cfg(target_os = "macos")]
            if let tauri::RunEvent::Opened { urls } = &event {
                open_documents(app, urls);
            }
            // Every edit is already in the file; closing only takes the in-use mark away.
            let quitting = matches!(
                event,
                tauri::RunEvent::Exit
                    | tauri::RunEvent::ExitRequested { .. }
                    | tauri::RunEvent::WindowEvent {
                        event: tauri::WindowEvent::Destroyed,
                        ..
                    }
            );
            if quitting {
                // The room first: it writes to the file until its last phone is told.
                if let Some(room) = app.try_state::<room::WindowRoom>() {
                    room.close_now();
                }
                if let Some(live) = app.try_state::<live::WindowLive>() {
                    live.stop();
                }
                if let Some(opened) = app.try_state::<Opened>() {
                    opened.close();
                }
            }
        });
}

/// Each launch opens the window where the last one closed, at its size. Not full screen: a
/// presentation ends with the app, and the next launch should not start in one.
fn window_memory() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    use tauri_plugin_window_state::StateFlags;
    tauri_plugin_window_state::Builder::new()
        .with_state_flags(StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED)
        .build()
}

/// A second launch with this window's file focuses this window and exits (see instance.rs).
#[cfg(target_os = "linux")]
fn one_window_per_file(
    builder: tauri::Builder<tauri::Wry>,
    identifier: &str,
    start: Option<&std::path::Path>,
) -> tauri::Builder<tauri::Wry> {
    if std::env::var_os(instance::OWN_WINDOW).is_some() {
        return builder;
    }
    let Some(name) = instance::name_for(identifier, start) else {
        return builder;
    };
    let plugin = tauri_plugin_single_instance::Builder::new()
        .dbus_id(name)
        .callback(|app, argv, cwd| {
            let showing = app.try_state::<Opened>().and_then(|opened| opened.path());
            let requested = instance::requested(argv.clone(), &cwd);
            match instance::answer(showing.as_deref(), requested.as_deref()) {
                instance::Answer::Focus => focus(app),
                instance::Answer::OwnWindow => own_window(&argv, &cwd),
            }
        })
        .build();
    builder.plugin(plugin)
}

#[cfg(any(target_os = "linux", target_os = "macos"))]
fn focus(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let shown = window
            .unminimize()
            .and_then(|()| window.show())
            .and_then(|()| window.set_focus());
        if let Err(e) = shown {
            eprintln!("waymark-app: could not bring the window to the front: {e}");
        }
    }
}

/// This window has moved on from the file the second launch asked for: that file gets a
/// window of its own, which does not ask this one again.
#[cfg(any(target_os = "linux", target_os = "macos"))]
fn own_window(argv: &[String], cwd: &str) {
    let started = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .args(argv.iter().skip(1))
            .current_dir(cwd)
            .env(instance::OWN_WINDOW, "1")
            .spawn()
    });
    match started {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => eprintln!("waymark-app: could not open a window for {argv:?}: {e}"),
    }
}

/// Finder hands a double-clicked document to the running app as an event, not as an argument
/// (and at a cold launch too, after the window is up). The rule of a second launch on Linux holds:
/// the file this window shows comes to the front, another file gets a window of its own, and a
/// window still on the start screen gives way to it.
#[cfg(target_os = "macos")]
fn open_documents(app: &tauri::AppHandle, urls: &[tauri::Url]) {
    let showing = app.try_state::<Opened>().and_then(|opened| opened.path());
    let paths: Vec<PathBuf> = urls
        .iter()
        .filter_map(|url| url.to_file_path().ok())
        .collect();
    for path in &paths {
        match instance::answer(showing.as_deref(), Some(path)) {
            instance::Answer::Focus => focus(app),
            instance::Answer::OwnWindow => {
                own_window(&[String::new(), path.to_string_lossy().into_owned()], ".")
            }
        }
    }
    if showing.is_none() && !paths.is_empty() {
        app.exit(0);
    }
}

/// A polite kill (logging out, `kill`, Ctrl+C in a terminal) quits like closing the window, so
/// the project's in-use mark does not stay behind for others to find stale.
fn quit_on_signals(app: tauri::AppHandle) {
    #[cfg(unix)]
    for kind in [
        tokio::signal::unix::SignalKind::terminate(),
        tokio::signal::unix::SignalKind::interrupt(),
        tokio::signal::unix::SignalKind::hangup(),
    ] {
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            if let Ok(mut signal) = tokio::signal::unix::signal(kind) {
                if signal.recv().await.is_some() {
                    app.exit(0);
                }
            }
        });
    }
    #[cfg(not(unix))]
    let _ = app;
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
        let opened = Opened::open(
            Some(std::path::Path::new("/nonexistent/none.waymark")),
            RecentFiles::at(None),
        );
        let error = opened
            .current()
            .err()
            .expect("opening a missing file fails");
        assert!(error.message.contains("none.waymark"), "{}", error.message);
        assert_eq!(error.code, ErrorCode::Io);
        assert_eq!(opened.title(), "Waymark");
    }

    #[test]
    fn a_project_file_is_shown_with_its_name_and_title() {
        let dir = std::env::temp_dir().join(format!("waymark-app-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("Kundenreise März.waymark");
        let _ = std::fs::remove_file(&path);
        let project =
            waymark::catalogue::new_project("Switching contracts", "de-DE", &waymark::now());
        waymark::store::ProjectFile::create(&path, &project)
            .expect("create")
            .close()
            .expect("close");

        let opened = Opened::open(Some(&path), RecentFiles::at(None));
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
    fn no_argument_shows_the_start_screen() {
        let opened = Opened::open(None, RecentFiles::at(None));
        assert!(opened.current().expect("not an error").is_none());
        let error = opened.view().err().expect("nothing to show");
        assert_eq!(error.code, ErrorCode::NoFile);
    }
}
