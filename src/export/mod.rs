//! Print and picture exports of a journey: PDF and PNG, both drawn from `crate::layout`.

pub mod image;
pub mod pdf;
pub mod png;

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::model::{Journey, Project};

/// Writes `bytes` beside `path` (a hidden `.NAME.partial`), syncs, and renames it over `path`, so
/// an interrupted export never leaves half a file and a failed one leaves the old file as it was.
pub fn write_beside(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let partial = path.with_file_name(format!(".{name}.partial"));
    let written = std::fs::File::create(&partial).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    let renamed = written.and_then(|_| std::fs::rename(&partial, path));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    renamed
}

/// The journeys to export: the one named, or all of them in order.
pub fn journeys<'a>(project: &'a Project, name: Option<&str>) -> Result<Vec<&'a Journey>> {
    let mut all: Vec<&Journey> = project.journeys.iter().collect();
    all.sort_by(|a, b| (&a.order, a.id).cmp(&(&b.order, b.id)));
    if all.is_empty() {
        return Err(Error::Usage {
            what: format!(
                "project {:?} has no journey to export; add one first",
                project.info.name
            ),
        });
    }
    match name {
        None => Ok(all),
        Some(name) => match project.journey_named(name) {
            Some(journey) => Ok(vec![journey]),
            None => {
                let names: Vec<String> = all.iter().map(|j| format!("{:?}", j.name)).collect();
                Err(Error::Usage {
                    what: format!(
                        "project {:?} has no journey named {name:?}; its journeys are {}",
                        project.info.name,
                        names.join(", ")
                    ),
                })
            }
        },
    }
}
