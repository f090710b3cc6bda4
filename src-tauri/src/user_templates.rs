//! The user's own templates: one JSON file each in the app's config folder (`templates/*.json`),
//! saved from a journey with "Save as template…". The New dialog lists them after the built-in
//! ones under the key `user/<file stem>`.

use std::path::PathBuf;

use waymark::template::{self, Template};

use crate::error::{ErrorCode, IpcError};

const KEY_PREFIX: &str = "user/";

/// Where the user's templates live; `None` when the app has no config folder.
pub struct UserTemplates {
    dir: Option<PathBuf>,
}

impl UserTemplates {
    pub fn at(dir: Option<PathBuf>) -> UserTemplates {
        UserTemplates { dir }
    }

    /// Every readable template file, by key, sorted by file name. A file that cannot be read
    /// is left out (and reported on stderr) so one bad file does not hide the others.
    pub fn list(&self) -> Vec<(String, Template)> {
        let Some(dir) = &self.dir else {
            return vec![];
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return vec![];
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .filter_map(|path| {
                let stem = path.file_stem()?.to_str()?.to_string();
                match Template::read(&path) {
                    Ok(t) => Some((format!("{KEY_PREFIX}{stem}"), t)),
                    Err(e) => {
                        eprintln!("waymark-app: leaving out a template: {e}");
                        None
                    }
                }
            })
            .collect()
    }

    /// The template a `new_project` key names: `user/<stem>` or a built-in name.
    pub fn resolve(&self, key: &str) -> Result<Template, IpcError> {
        let Some(stem) = key.strip_prefix(KEY_PREFIX) else {
            return Ok(template::builtin(key)?);
        };
        let dir = self.dir.as_ref().ok_or_else(no_folder)?;
        // One plain file name inside the folder: no separators, drive prefixes or hidden names.
        if stem.is_empty() || stem.contains(['/', '\\', ':']) || stem.starts_with('.') {
            return Err(IpcError::new(
                ErrorCode::Usage,
                format!("{key:?} is not a template of yours; choose one from the list"),
            ));
        }
        Ok(Template::read(&dir.join(format!("{stem}.json")))?)
    }

    /// Writes `template` as a new file and returns its key. Its name must be new: the same name
    /// twice in the New dialog could not be told apart.
    pub fn save(&self, template: &Template) -> Result<String, IpcError> {
        let dir = self.dir.as_ref().ok_or_else(no_folder)?;
        let name = template.name.get("en").trim().to_string();
        let taken = |other: &Template| {
            waymark::language::LANGUAGES
                .iter()
                .any(|l| other.name.get(l).trim().to_lowercase() == name.to_lowercase())
        };
        let builtin = template::names()
            .into_iter()
            .filter_map(|n| template::builtin(n).ok());
        if builtin
            .chain(self.list().into_iter().map(|(_, t)| t))
            .any(|t| taken(&t))
        {
            return Err(IpcError::new(
                ErrorCode::AlreadyExists,
                format!("there is already a template named \"{name}\"; choose another name"),
            ));
        }
        std::fs::create_dir_all(dir).map_err(|e| waymark::Error::io(dir, e))?;
        let stem = file_stem(&name);
        for n in 1.. {
            let stem = if n == 1 {
                stem.clone()
            } else {
                format!("{stem}-{n}")
            };
            match template.write(&dir.join(format!("{stem}.json"))) {
                Ok(()) => return Ok(format!("{KEY_PREFIX}{stem}")),
                Err(waymark::Error::AlreadyExists { .. }) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        unreachable!("some numbered file name is free")
    }
}

/// A file name from a template's name: letters and digits kept (any script), the rest dashes.
fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            stem.push(c);
        } else if !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem: String = stem.trim_matches('-').chars().take(60).collect();
    if stem.is_empty() {
        "template".into()
    } else {
        stem
    }
}

fn no_folder() -> IpcError {
    IpcError::new(
        ErrorCode::Usage,
        "this computer gives Waymark no settings folder to keep templates in",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(name: &str) -> Template {
        let project = template::builtin("buying-journey")
            .unwrap()
            .instantiate("P", "de", "2026-01-01T00:00:00Z")
            .unwrap();
        Template::from_journey(&project, project.journeys[0].id, name).unwrap()
    }

    #[test]
    fn a_saved_template_is_listed_and_resolves_by_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let user = UserTemplates::at(Some(dir.path().join("templates")));
        assert!(user.list().is_empty());
        let key = user.save(&saved("Zażółć / Workshop")).unwrap();
        assert_eq!(key, "user/zażółć-workshop");
        let list = user.list();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].0, key);
        let project = user
            .resolve(&key)
            .unwrap()
            .instantiate("N", "en", "2026-01-01T00:00:00Z")
            .unwrap();
        assert_eq!(project.stages[0].name, "Bedarf");
        assert!(user.resolve("blank").is_ok());
        for bad in [
            "user/../x",
            "user/C:x",
            "user/.hidden",
            "user/a\\b",
            "user/",
        ] {
            assert_eq!(
                user.resolve(bad).unwrap_err().code,
                ErrorCode::Usage,
                "{bad}"
            );
        }
    }

    #[test]
    fn a_taken_name_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let user = UserTemplates::at(Some(dir.path().to_path_buf()));
        user.save(&saved("Mine")).unwrap();
        let error = user.save(&saved(" mine ")).unwrap_err();
        assert_eq!(error.code, ErrorCode::AlreadyExists);
        assert!(error.message.contains("mine"), "{}", error.message);
        // A built-in template's name, in any of its languages.
        assert!(user.save(&saved("Kaufprozess")).is_err());
        // The same file name from a different name gets a number.
        assert_eq!(user.save(&saved("Mine!")).unwrap(), "user/mine-2");
    }

    #[test]
    fn a_broken_file_is_left_out_of_the_list() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("broken.json"), "{").unwrap();
        let user = UserTemplates::at(Some(dir.path().to_path_buf()));
        user.save(&saved("Good")).unwrap();
        let keys: Vec<_> = user.list().into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["user/good"]);
        assert_eq!(
            user.resolve("user/broken").unwrap_err().code,
            ErrorCode::Json
        );
    }
}
