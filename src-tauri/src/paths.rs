//! Path rules the shell shares: config folder files, file names, same-file checks, settings writes.

use std::path::{Path, PathBuf};

use serde::Serialize;
use waymark::export::output::{self, Replace};

/// The app's config folder and the files the shell keeps there; `None` when the system gives
/// the app none (then nothing is remembered between launches).
pub struct ConfigFolder(Option<PathBuf>);

impl ConfigFolder {
    pub fn at(folder: Option<PathBuf>) -> ConfigFolder {
        ConfigFolder(folder)
    }

    pub fn recent(&self) -> Option<PathBuf> {
        self.file("recent.json")
    }

    pub fn preferences(&self) -> Option<PathBuf> {
        self.file("preferences.json")
    }

    /// The folder of the user's own templates.
    pub fn templates(&self) -> Option<PathBuf> {
        self.file("templates")
    }

    fn file(&self, name: &str) -> Option<PathBuf> {
        self.0.as_ref().map(|folder| folder.join(name))
    }
}

/// The last part of `path`, as lists, dialogs and the title bar name a file.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// `path` with links and `..` resolved, so two spellings of one file compare equal; as given
/// when it cannot be resolved (e.g. the file is gone).
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Whether `a` and `b` are the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A name typed without an extension gets `.waymark`, so the file opens with Waymark again.
pub fn with_waymark_extension(path: &Path) -> PathBuf {
    if path.extension().is_some() {
        path.to_path_buf()
    } else {
        path.with_extension("waymark")
    }
}

/// `path` taken from `folder` when it is relative; an empty path stays empty, for the caller
/// to refuse in its own words.
pub fn from_folder(folder: &Path, path: &Path) -> PathBuf {
    if path.is_relative() && !path.as_os_str().is_empty() {
        folder.join(path)
    } else {
        path.to_path_buf()
    }
}

/// Writes a settings file of the config folder (recent files, preferences) as the core writes
/// an export: beside it, then renamed over it, so a crash never leaves half a file.
pub fn write_json<T: Serialize>(store: &Path, stored: &T) -> waymark::Result<()> {
    if let Some(folder) = store.parent() {
        std::fs::create_dir_all(folder).map_err(|e| waymark::Error::io(folder, e))?;
    }
    let text = serde_json::to_string_pretty(stored).map_err(|e| waymark::Error::Usage {
        what: format!("{} could not be written as JSON ({e})", store.display()),
    })?;
    output::write(store, text.as_bytes(), Replace::OldExport)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_spellings_of_one_file_are_the_same_file_and_a_missing_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.waymark");
        std::fs::write(&a, "").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let other_spelling = dir.path().join("sub/../a.waymark");
        assert!(same_file(&a, &other_spelling));
        assert_eq!(canonical(&other_spelling), canonical(&a));
        let gone = dir.path().join("gone.waymark");
        assert!(!same_file(&gone, &gone));
        assert_eq!(canonical(&gone), gone);
    }

    #[test]
    fn names_extensions_and_relative_paths() {
        assert_eq!(file_name(Path::new("/maps/März.waymark")), "März.waymark");
        assert_eq!(file_name(Path::new("/")), "/");
        assert_eq!(
            with_waymark_extension(Path::new("/maps/Onboarding")),
            Path::new("/maps/Onboarding.waymark")
        );
        assert_eq!(
            with_waymark_extension(Path::new("/maps/a.db")),
            Path::new("/maps/a.db")
        );
        let folder = Path::new("/maps");
        assert_eq!(
            from_folder(folder, Path::new("out/a.pdf")),
            Path::new("/maps/out/a.pdf")
        );
        assert_eq!(
            from_folder(folder, Path::new("/tmp/a.pdf")),
            Path::new("/tmp/a.pdf")
        );
        assert_eq!(from_folder(folder, Path::new("")), Path::new(""));
    }

    #[test]
    fn the_config_folders_files_and_none_without_a_folder() {
        let config = ConfigFolder::at(Some(PathBuf::from("/home/a/.config/waymark")));
        assert_eq!(
            config.recent(),
            Some(PathBuf::from("/home/a/.config/waymark/recent.json"))
        );
        assert_eq!(
            config.templates(),
            Some(PathBuf::from("/home/a/.config/waymark/templates"))
        );
        let none = ConfigFolder::at(None);
        assert_eq!(
            (none.recent(), none.preferences(), none.templates()),
            (None, None, None)
        );
    }

    #[test]
    fn a_settings_file_is_written_whole_with_its_folder_and_no_partial_file_left() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("config/recent.json");
        write_json(&store, &serde_json::json!({"files": ["a.waymark"]})).unwrap();
        let text = std::fs::read_to_string(&store).unwrap();
        assert!(text.contains("a.waymark"), "{text}");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("config"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["recent.json"]);
    }
}
