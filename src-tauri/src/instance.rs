//! One window per file on this machine: a second launch with a file that is already open
//! focuses that window and exits; a launch with another file (or none) gets a window of its own.
//!
//! On Linux this is tauri-plugin-single-instance with a D-Bus name per file: the plugin makes a
//! second process that finds its name taken hand its arguments to the owner and exit. Without a
//! session bus the plugin launches normally (the in-use mark still makes the second window
//! read-only). The window that owns a name may have opened another file since; then the
//! request is answered by starting a window of its own for it.

use std::path::{Path, PathBuf};

/// Set on a process the first window started for a file it no longer shows, so that process
/// does not ask that window again.
pub const OWN_WINDOW: &str = "WAYMARK_OWN_WINDOW";

/// The D-Bus name a window on `file` owns: the app's identifier and a hash of the file's
/// canonical path, so two spellings of one file meet. `None` (no instance check) when the file
/// is not given or cannot be found; the window then says what went wrong.
pub fn name_for(identifier: &str, file: Option<&Path>) -> Option<String> {
    let canonical = std::fs::canonicalize(file?).ok()?;
    let hash = fnv1a(canonical.as_os_str().as_encoded_bytes());
    Some(format!("{identifier}.file_{hash:016x}"))
}

/// What a second launch asked for: its project argument, taken from its working folder.
pub fn requested(argv: Vec<String>, cwd: &str) -> Option<PathBuf> {
    let path = crate::project_argument(argv)?;
    Some(if path.is_relative() {
        Path::new(cwd).join(path)
    } else {
        path
    })
}

/// What the window that got a second launch's request does with it.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    /// The file it shows: come to the front.
    Focus,
    /// It has moved on to another file (or the request named none): a window of its own.
    OwnWindow,
}

pub fn answer(showing: Option<&Path>, requested: Option<&Path>) -> Answer {
    match (showing, requested) {
        (Some(a), Some(b)) if crate::paths::same_file(a, b) => Answer::Focus,
        _ => Answer::OwnWindow,
    }
}

/// A stable hash (the standard library's may change between builds, and two builds of Waymark
/// on one machine should still find each other).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_by_any_spelling_has_one_name_and_another_file_another() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.waymark");
        let b = dir.path().join("b.waymark");
        std::fs::write(&a, b"").unwrap();
        std::fs::write(&b, b"").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let id = "app.waymark.desktop";
        let name = name_for(id, Some(&a)).unwrap();
        assert!(name.starts_with("app.waymark.desktop.file_"), "{name}");
        assert_eq!(name.len(), id.len() + ".file_".len() + 16);
        let roundabout = dir.path().join("sub/../a.waymark");
        assert_eq!(name_for(id, Some(&roundabout)).as_ref(), Some(&name));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.waymark");
            std::os::unix::fs::symlink(&a, &link).unwrap();
            assert_eq!(name_for(id, Some(&link)).as_ref(), Some(&name));
        }
        assert_ne!(name_for(id, Some(&b)).unwrap(), name);
        assert_eq!(name_for(id, None), None, "the start screen: no check");
        assert_eq!(name_for(id, Some(&dir.path().join("gone.waymark"))), None);
    }

    #[test]
    fn a_request_for_the_shown_file_focuses_and_anything_else_gets_its_own_window() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.waymark");
        let b = dir.path().join("b.waymark");
        std::fs::write(&a, b"").unwrap();
        std::fs::write(&b, b"").unwrap();
        let cwd = dir.path().to_str().unwrap();
        let argv = |arg: &str| vec!["waymark-app".to_string(), arg.to_string()];

        let relative = requested(argv("a.waymark"), cwd).unwrap();
        assert_eq!(answer(Some(&a), Some(&relative)), Answer::Focus);
        let absolute = requested(argv(b.to_str().unwrap()), "/elsewhere").unwrap();
        assert_eq!(absolute, b);
        assert_eq!(answer(Some(&a), Some(&absolute)), Answer::OwnWindow);
        assert_eq!(answer(None, Some(&relative)), Answer::OwnWindow);
        assert_eq!(requested(vec!["waymark-app".into()], cwd), None);
        assert_eq!(answer(Some(&a), None), Answer::OwnWindow);
    }
}
