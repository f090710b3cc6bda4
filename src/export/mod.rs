//! Print and picture exports of a journey: PDF and PNG, both drawn from `crate::layout`, and
//! `output`, where every export's bytes are written.

pub mod image;
pub mod missing;
pub mod output;
pub mod pdf;
pub mod png;

use crate::error::{Error, Result};
use crate::model::{Journey, Project};

pub use missing::MissingGlyphs;

/// A PDF or PNG, and what in it will not print as typed.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// Cards and lines with characters no installed font has: they print as empty boxes.
    pub missing_glyphs: Vec<MissingGlyphs>,
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
