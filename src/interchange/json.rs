//! The JSON twin of a `.waymark` file: the whole project, lossless, in a deterministic order so
//! two exports diff cleanly. See docs/file-format.md.

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Project;

/// The `format` value every Waymark JSON file carries.
pub const FORMAT: &str = "waymark-project";
/// The JSON layout version this build writes and reads.
pub const VERSION: u64 = 1;

#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonProject {
    /// Always `waymark-project`.
    pub format: String,
    /// Layout version of this JSON file.
    pub version: u64,
    pub project: Project,
}

/// Pretty JSON with a trailing newline; records in canonical order.
pub fn to_string(project: &Project) -> String {
    let mut project = project.clone();
    project.canonicalize();
    let doc = JsonProject {
        format: FORMAT.into(),
        version: VERSION,
        project,
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("a project always serialises");
    text.push('\n');
    text
}

/// Parses and validates a project; `path` only names the source in errors.
pub fn from_str(text: &str, path: &Path) -> Result<Project> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| Error::json(path, e))?;
    let format_error = |detail: &str| Error::JsonFormat {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    };
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(format_error(
            "this is not a Waymark project export (\"format\" is not \"waymark-project\")",
        ));
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(VERSION) => {}
        Some(found) => {
            return Err(Error::JsonVersion {
                path: path.to_path_buf(),
                found,
                supported: VERSION,
            })
        }
        None => return Err(format_error("\"version\" is missing or not a whole number")),
    }
    let doc: JsonProject =
        serde_json::from_value(value).map_err(|e| format_error(&e.to_string()))?;
    let mut project = doc.project;
    project.validate().map_err(|e| e.in_file(path))?;
    project.canonicalize();
    Ok(project)
}

pub fn read(path: &Path) -> Result<Project> {
    if path.is_dir() {
        return Err(Error::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| Error::JsonFormat {
        path: path.to_path_buf(),
        detail: "the file is not UTF-8 text".into(),
    })?;
    from_str(&text, path)
}

/// The JSON Schema of the export, generated from the types (kept in docs/).
pub fn schema() -> String {
    let schema = schemars::schema_for!(JsonProject);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    text.push('\n');
    text
}
