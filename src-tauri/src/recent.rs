//! The recent files list: a small JSON file in the app's config folder, most recent first. It is
//! a convenience, so a list that cannot be read or written is ignored, never an error.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::paths::write_json;

pub const MAX_RECENT: usize = 10;

/// One entry of the start screen's and the File menu's list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecentFile {
    pub path: PathBuf,
    pub file_name: String,
    /// False when the file was moved or deleted since; the list still shows it, greyed.
    pub exists: bool,
    /// When the file was last written, in milliseconds since 1970 (the UI formats it per locale);
    /// `None` when the file is gone or the system does not say.
    pub modified_ms: Option<f64>,
}

#[derive(Default, Serialize, Deserialize)]
struct Stored {
    files: Vec<PathBuf>,
}

/// Where the list lives; `None` when the app has no config folder (then nothing is remembered).
pub struct RecentFiles {
    store: Option<PathBuf>,
}

impl RecentFiles {
    pub fn at(store: Option<PathBuf>) -> RecentFiles {
        RecentFiles { store }
    }

    pub fn list(&self) -> Vec<RecentFile> {
        self.read()
            .into_iter()
            .map(|path| RecentFile {
                file_name: crate::paths::file_name(&path),
                exists: path.is_file(),
                modified_ms: modified_ms(&path),
                path,
            })
            .collect()
    }

    /// Puts `path` first, dropping an older entry for it and anything past the tenth.
    pub fn remember(&self, path: &Path) {
        let Some(store) = &self.store else { return };
        let path = crate::paths::canonical(path);
        let mut files = self.read();
        files.retain(|p| *p != path);
        files.insert(0, path);
        files.truncate(MAX_RECENT);
        if let Err(e) = write_json(store, &Stored { files }) {
            eprintln!(
                "waymark-app: could not update the recent files list {}: {e}",
                store.display()
            );
        }
    }

    fn read(&self) -> Vec<PathBuf> {
        let Some(store) = &self.store else {
            return vec![];
        };
        let Ok(text) = std::fs::read_to_string(store) else {
            return vec![];
        };
        let mut files = serde_json::from_str::<Stored>(&text)
            .map(|s| s.files)
            .unwrap_or_default();
        files.truncate(MAX_RECENT);
        files
    }
}

fn modified_ms(path: &Path) -> Option<f64> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(since.as_millis() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_recent_first_without_repeats_and_at_most_ten() {
        let dir = tempfile::tempdir().unwrap();
        let recent = RecentFiles::at(Some(dir.path().join("config/recent.json")));
        assert!(recent.list().is_empty());
        for i in 0..12 {
            let path = dir.path().join(format!("{i}.waymark"));
            std::fs::write(&path, "").unwrap();
            recent.remember(&path);
        }
        recent.remember(&dir.path().join("5.waymark"));
        let names: Vec<_> = recent.list().into_iter().map(|r| r.file_name).collect();
        assert_eq!(
            names,
            ["5", "11", "10", "9", "8", "7", "6", "4", "3", "2"].map(|n| format!("{n}.waymark"))
        );
        std::fs::remove_file(dir.path().join("11.waymark")).unwrap();
        let list = recent.list();
        assert!(list[0].exists && !list[1].exists);
        let now_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as f64;
        let written = list[0].modified_ms.expect("an existing file has a time");
        assert!((now_ms - written).abs() < 60_000.0, "{written} vs {now_ms}");
        assert_eq!(list[1].modified_ms, None);
    }

    #[test]
    fn a_corrupt_list_is_ignored_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("recent.json");
        std::fs::write(&store, "{ not json").unwrap();
        let recent = RecentFiles::at(Some(store.clone()));
        assert!(recent.list().is_empty());
        let path = dir.path().join("a.waymark");
        recent.remember(&path);
        assert_eq!(recent.list().len(), 1);
        assert!(std::fs::read_to_string(&store)
            .unwrap()
            .contains("a.waymark"));
    }

    #[test]
    fn an_unwritable_list_is_not_an_error() {
        let dir = tempfile::tempdir().unwrap();
        // The list's folder is a file, so it cannot be created.
        std::fs::write(dir.path().join("config"), "").unwrap();
        let recent = RecentFiles::at(Some(dir.path().join("config/recent.json")));
        recent.remember(&dir.path().join("a.waymark"));
        assert!(recent.list().is_empty());
        RecentFiles::at(None).remember(Path::new("b.waymark"));
    }
}
