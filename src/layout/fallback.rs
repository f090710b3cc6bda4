//! Installed fonts for the characters the bundled Noto Sans faces lack: Chinese, Japanese, emoji
//! and the like. Each such character is drawn from the first installed face that has it, asked in
//! an order that puts the faces most like the bundled one first. The system's fonts are scanned
//! only when the first such character is met, so text the bundled faces cover never pays for it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::face::Face;

/// A character's glyph in an installed face.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Which installed face draws it (see [`face`]).
    pub face: usize,
    pub id: u16,
    /// Advance width as a fraction of the font size.
    pub advance: f32,
}

/// An installed face that draws at least one character met so far.
#[derive(Debug, Clone)]
pub struct InstalledFace {
    /// The whole font file, read once (a collection holds several faces).
    pub data: Arc<Vec<u8>>,
    /// The face's index in a collection, 0 in a plain font file.
    pub index: u32,
    pub family: String,
}

impl InstalledFace {
    pub fn parse(&self) -> Option<ttf_parser::Face<'_>> {
        ttf_parser::Face::parse(&self.data, self.index).ok()
    }
}

/// The glyph of `c` for text set in `face`, from the first installed face that has it; `None`
/// when no installed font has it.
pub fn glyph(face: Face, c: char) -> Option<Glyph> {
    let mut installed = installed().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(known) = installed.picked.get(&(face, c)) {
        return *known;
    }
    let found = installed.find(face, c);
    installed.picked.insert((face, c), found);
    found
}

/// An installed face that [`glyph`] has handed out.
pub fn face(index: usize) -> Option<InstalledFace> {
    let installed = installed().lock().unwrap_or_else(|e| e.into_inner());
    installed.used.get(index).cloned()
}

fn installed() -> &'static Mutex<Installed> {
    static INSTALLED: OnceLock<Mutex<Installed>> = OnceLock::new();
    INSTALLED.get_or_init(|| Mutex::new(Installed::scan()))
}

struct Installed {
    db: fontdb::Database,
    ids: Vec<fontdb::ID>,
    /// Per bundled face, indexes into `ids` in the order they are asked.
    order: [Vec<usize>; 3],
    /// Per entry of `ids`, the sorted code point ranges its cmap maps; read on first need. A face
    /// without outlines (a colour bitmap emoji font) covers nothing: it cannot be drawn as paths
    /// in the PNG nor as vector text in the PDF.
    coverage: Vec<Option<Vec<(u32, u32)>>>,
    picked: HashMap<(Face, char), Option<Glyph>>,
    used: Vec<InstalledFace>,
    /// Entry of `ids` → index into `used`.
    used_by_id: HashMap<usize, usize>,
}

impl Installed {
    fn scan() -> Installed {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let infos: Vec<&fontdb::FaceInfo> = db.faces().collect();
        let ids = infos.iter().map(|info| info.id).collect();
        let order = Face::ALL.map(|face| {
            let mut order: Vec<usize> = (0..infos.len()).collect();
            order.sort_by_cached_key(|&i| likeness(infos[i], face));
            order
        });
        let coverage = vec![None; infos.len()];
        Installed {
            db,
            ids,
            order,
            coverage,
            picked: HashMap::new(),
            used: Vec::new(),
            used_by_id: HashMap::new(),
        }
    }

    fn find(&mut self, face: Face, c: char) -> Option<Glyph> {
        let code = u32::from(c);
        for position in 0..self.order[face as usize].len() {
            let entry = self.order[face as usize][position];
            if !self.covers(entry, code) {
                continue;
            }
            if let Some(glyph) = self.glyph_in(entry, c) {
                return Some(glyph);
            }
        }
        None
    }

    fn covers(&mut self, entry: usize, code: u32) -> bool {
        if self.coverage[entry].is_none() {
            let ranges = self
                .db
                .with_face_data(self.ids[entry], coverage)
                .unwrap_or_default();
            self.coverage[entry] = Some(ranges);
        }
        let ranges = self.coverage[entry].as_deref().unwrap_or_default();
        let after = ranges.partition_point(|&(start, _)| start <= code);
        after > 0 && ranges[after - 1].1 >= code
    }

    fn glyph_in(&mut self, entry: usize, c: char) -> Option<Glyph> {
        let index = match self.used_by_id.get(&entry) {
            Some(&index) => index,
            None => {
                let id = self.ids[entry];
                let (data, index) = self
                    .db
                    .with_face_data(id, |data, index| (data.to_vec(), index))?;
                let family = self
                    .db
                    .face(id)
                    .and_then(|info| info.families.first())
                    .map(|(name, _)| name.clone())
                    .unwrap_or_default();
                self.used.push(InstalledFace {
                    data: Arc::new(data),
                    index,
                    family,
                });
                self.used_by_id.insert(entry, self.used.len() - 1);
                self.used.len() - 1
            }
        };
        let parsed = self.used[index].parse()?;
        let id = parsed.glyph_index(c).filter(|g| g.0 != 0)?;
        let advance =
            f32::from(parsed.glyph_hor_advance(id).unwrap_or(0)) / f32::from(parsed.units_per_em());
        Some(Glyph {
            face: index,
            id: id.0,
            advance,
        })
    }
}

/// Sorts faces most like the bundled one first: proportional before monospaced, Noto Sans and
/// other sans faces before the rest, the same slant and the nearest weight; then by name and
/// file, so the choice does not depend on the order the file system lists fonts in.
fn likeness(info: &fontdb::FaceInfo, face: Face) -> impl Ord {
    let family = info
        .families
        .first()
        .map(|(name, _)| name.clone())
        .unwrap_or_default();
    let kin = if family.starts_with("Noto Sans") {
        0
    } else if family.contains("Sans") {
        1
    } else {
        2
    };
    let slanted = info.style != fontdb::Style::Normal;
    let weight = match face {
        Face::Bold => 700,
        Face::Regular | Face::Italic => 400,
    };
    let path = match &info.source {
        fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => {
            path.to_string_lossy().into_owned()
        }
        fontdb::Source::Binary(_) => String::new(),
    };
    (
        info.monospaced,
        kin,
        slanted != (face == Face::Italic),
        info.weight.0.abs_diff(weight),
        family,
        path,
        info.index,
    )
}

/// The code points a face maps to glyphs it can draw as outlines, as sorted ranges.
fn coverage(data: &[u8], index: u32) -> Vec<(u32, u32)> {
    let Ok(face) = ttf_parser::Face::parse(data, index) else {
        return Vec::new();
    };
    let outlined = [b"glyf", b"CFF "].iter().any(|tag| {
        face.raw_face()
            .table(ttf_parser::Tag::from_bytes(tag))
            .is_some()
    });
    let Some(cmap) = face.tables().cmap.filter(|_| outlined) else {
        return Vec::new();
    };
    let mut codes = Vec::new();
    for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
        subtable.codepoints(|code| codes.push(code));
    }
    codes.sort_unstable();
    codes.dedup();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for code in codes {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == code => *end = code,
            _ => ranges.push((code, code)),
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_is_the_cmap_as_ranges_and_only_for_outline_fonts() {
        let ranges = coverage(Face::Regular.bytes(), 0);
        let covers = |c: char| {
            let code = u32::from(c);
            ranges.iter().any(|&(a, b)| (a..=b).contains(&code))
        };
        assert!(covers('A') && covers('ż') && covers('€'));
        assert!(!covers('日') && !covers('\u{E000}'));
        assert!(ranges.windows(2).all(|w| w[0].1 + 1 < w[1].0), "merged");
        assert!(coverage(b"not a font", 0).is_empty());
    }
}
