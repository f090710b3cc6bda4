//! The user's preferences: a small JSON file in the app's config folder, kept like the recent
//! files list. Today it holds the UI language. A file that cannot be read counts as no choice
//! made, so the UI falls back to the OS locale.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ErrorCode, IpcError};
use crate::paths::write_json;

/// What the UI needs to pick its language on start.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreferencesView {
    /// The language the user chose ("de"), `None` until they choose one.
    pub language: Option<String>,
    /// The OS locale as a BCP 47 tag ("de-DE"); "en-US" when the OS does not say.
    pub system_locale: String,
}

#[derive(Default, Serialize, Deserialize)]
struct Stored {
    #[serde(default)]
    language: Option<String>,
}

/// Where the preferences live; `None` when the app has no config folder (then nothing is kept).
pub struct Preferences {
    store: Option<PathBuf>,
}

impl Preferences {
    pub fn at(store: Option<PathBuf>) -> Preferences {
        Preferences { store }
    }

    pub fn view(&self) -> PreferencesView {
        PreferencesView {
            language: self.read().language,
            system_locale: system_locale(),
        }
    }

    /// Remembers `code` (a language such as "pl") for the next launch.
    pub fn set_language(&self, code: &str) -> Result<(), IpcError> {
        if !is_language_code(code) {
            return Err(IpcError::new(
                ErrorCode::BadLanguage,
                format!("\"{code}\" is not a language code such as \"de\"."),
            ));
        }
        let Some(store) = &self.store else {
            return Ok(());
        };
        let mut stored = self.read();
        stored.language = Some(code.to_string());
        write_json(store, &stored).map_err(|e| {
            IpcError::new(
                ErrorCode::PreferencesUnwritable,
                format!("Could not save the preferences {}: {e}", store.display()),
            )
        })
    }

    fn read(&self) -> Stored {
        let Some(store) = &self.store else {
            return Stored::default();
        };
        let Ok(text) = std::fs::read_to_string(store) else {
            return Stored::default();
        };
        let mut stored: Stored = serde_json::from_str(&text).unwrap_or_default();
        stored.language = stored.language.filter(|code| is_language_code(code));
        stored
    }
}

/// Two or three lower-case letters, as the UI's language codes are.
fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// The OS locale; on Unix sys-locale reads LC_ALL, LC_MESSAGES and LANG in that order.
fn system_locale() -> String {
    sys_locale::get_locale().unwrap_or_else(|| "en-US".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_file_means_no_choice_yet() {
        let dir = tempfile::tempdir().unwrap();
        let preferences = Preferences::at(Some(dir.path().join("config/preferences.json")));
        assert_eq!(preferences.view().language, None);
        assert!(!preferences.view().system_locale.is_empty());
        assert_eq!(Preferences::at(None).view().language, None);
    }

    #[test]
    fn a_saved_language_is_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("config/preferences.json");
        Preferences::at(Some(store.clone()))
            .set_language("pl")
            .unwrap();
        assert_eq!(
            Preferences::at(Some(store.clone())).view().language,
            Some("pl".to_string())
        );
        Preferences::at(Some(store.clone()))
            .set_language("de")
            .unwrap();
        assert_eq!(
            Preferences::at(Some(store)).view().language.as_deref(),
            Some("de")
        );
    }

    #[test]
    fn a_corrupt_file_is_no_choice_and_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("preferences.json");
        for text in ["{ not json", "{\"language\": \"../../etc\"}", "[1, 2]"] {
            std::fs::write(&store, text).unwrap();
            assert_eq!(
                Preferences::at(Some(store.clone())).view().language,
                None,
                "{text}"
            );
        }
        Preferences::at(Some(store.clone()))
            .set_language("en")
            .unwrap();
        assert!(std::fs::read_to_string(&store).unwrap().contains("\"en\""));
    }

    #[test]
    fn a_bad_code_is_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("preferences.json");
        let preferences = Preferences::at(Some(store.clone()));
        for code in ["", "Deutsch", "d", "de-DE", "../x"] {
            let error = preferences.set_language(code).unwrap_err();
            assert_eq!(error.code, ErrorCode::BadLanguage);
        }
        assert!(!store.exists());
    }

    #[test]
    fn an_unwritable_file_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config"), "").unwrap();
        let preferences = Preferences::at(Some(dir.path().join("config/preferences.json")));
        let error = preferences.set_language("de").unwrap_err();
        assert_eq!(error.code, ErrorCode::PreferencesUnwritable);
        assert_eq!(preferences.view().language, None);
    }
}
