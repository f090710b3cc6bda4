//! A small picture of a project for file managers (`waymark thumbnail`, which the desktop's
//! thumbnailer entry runs): the start of the first journey — title block, first stages, lanes and
//! curve — drawn by the PNG export and shrunk to fit a square of the asked size.

use std::io::Cursor;
use std::ops::RangeInclusive;

use crate::error::{Error, Result};
use crate::export::png;
use crate::layout::{self, MapOptions};
use crate::model::Project;

/// Desktops ask for 128, 256, 512 or 1024 pixels; icons in lists need less.
pub const SIZES: RangeInclusive<u32> = 16..=1024;

/// A map wider than this (width : height) shows only its start: a whole 40-stage journey shrunk
/// into a square would be a grey line.
const WIDEST: f32 = 4.0 / 3.0;

/// Drawn at twice the final size (or the export's lowest resolution) and shrunk with area
/// averaging, so text becomes grey lines rather than jagged specks.
const OVERSAMPLE: f32 = 2.0;

/// A PNG whose longer side is `size` pixels.
pub fn render(project: &Project, size: u32) -> Result<Vec<u8>> {
    if !SIZES.contains(&size) {
        return Err(Error::Usage {
            what: format!(
                "--size {size} is out of range; choose {} to {} pixels",
                SIZES.start(),
                SIZES.end()
            ),
        });
    }
    let journey = crate::export::journeys(project, None)?[0];
    let mut scene = layout::journey(project, journey, &MapOptions::default());
    // Everything right of the new width is clipped away by the picture's edge.
    scene.width = scene.width.min(scene.height * WIDEST);
    let longer = scene.width.max(scene.height);
    let dpi = (72.0 * OVERSAMPLE * size as f32 / longer).clamp(10.0, 1200.0);
    let drawn = png::render_scenes(project, &[scene], dpi)?;
    let picture = image::load_from_memory_with_format(&drawn, image::ImageFormat::Png)
        .map_err(|e| unexpected(&e))?;
    let mut bytes = Vec::new();
    picture
        .thumbnail(size, size)
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
        .map_err(|e| unexpected(&e))?;
    Ok(bytes)
}

/// Only our own freshly encoded PNG passes through the image library, so a failure here is a bug.
fn unexpected(e: &image::ImageError) -> Error {
    Error::Usage {
        what: format!("the thumbnail could not be made ({e}); please report this"),
    }
}
