//! Text measured with the shipped font's own glyph advances, so a line the layout says fits is
//! exactly as wide in the PDF and the PNG (neither kerns nor shapes, so the sum of advances is
//! what gets drawn). A character the shipped faces lack is measured and drawn with an installed
//! font that has it (`super::fallback`).

use std::sync::OnceLock;

use super::fallback;

pub use super::face::{Face, BOLD_TTF, ITALIC_TTF, REGULAR_TTF};

/// Where a character's glyph comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Bundled(Face),
    /// An installed face, by its index in `fallback::face`.
    Installed(usize),
}

/// One character as printed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub source: Source,
    pub id: u16,
    /// In the source's font units when bundled (summed exactly), else as a fraction of the size.
    advance: Advance,
    /// False when no font has the character: the bundled face's empty box stands in.
    pub found: bool,
}

impl Glyph {
    /// Advance width at `size`, in the same unit as `size`.
    pub fn advance(&self, size: f32) -> f32 {
        match self.advance {
            Advance::Units(units, per_em) => f32::from(units) * (size / f32::from(per_em)),
            Advance::Em(em) => em * size,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Advance {
    /// Font units, and the font's units per em.
    Units(u16, u16),
    Em(f32),
}

/// A stretch of a line drawn from one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub source: Source,
    pub text: String,
    /// Distance from the line's left end, in the same unit as the size.
    pub x: f32,
}

/// Characters that only steer other characters (joiners, variation selectors, direction marks)
/// and are never drawn; fonts rarely map them, and a box in their place would be wrong.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0000}'..='\u{E0FFF}')
}

/// The three parsed faces. The fonts are compiled in, so parsing can only fail if the build
/// shipped a broken file; then widths fall back to a fixed advance rather than panicking.
pub struct Fonts {
    faces: [Option<ttf_parser::Face<'static>>; 3],
}

pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        faces: Face::ALL.map(|face| ttf_parser::Face::parse(face.bytes(), 0).ok()),
    })
}

impl Fonts {
    pub fn face(&self, face: Face) -> Option<&ttf_parser::Face<'static>> {
        self.faces[face as usize].as_ref()
    }

    /// How `c` is drawn in text set in `face`: from the bundled face, else from the first
    /// installed face that has it, else as the bundled face's box. `None` for a character that
    /// is never drawn.
    pub fn glyph(&self, face: Face, c: char) -> Option<Glyph> {
        let font = self.face(face)?;
        if let Some(id) = font.glyph_index(c) {
            return Some(Glyph {
                source: Source::Bundled(face),
                id: id.0,
                advance: Advance::Units(
                    font.glyph_hor_advance(id).unwrap_or(0),
                    font.units_per_em(),
                ),
                found: true,
            });
        }
        if invisible(c) {
            return None;
        }
        Some(match fallback::glyph(face, c) {
            Some(glyph) => Glyph {
                source: Source::Installed(glyph.face),
                id: glyph.id,
                advance: Advance::Em(glyph.advance),
                found: true,
            },
            None => Glyph {
                source: Source::Bundled(face),
                id: 0,
                advance: Advance::Units(
                    font.glyph_hor_advance(ttf_parser::GlyphId(0)).unwrap_or(0),
                    font.units_per_em(),
                ),
                found: false,
            },
        })
    }

    /// Width of one line of `text` at `size`, in the same unit as `size`.
    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        let Some(font) = self.face(face) else {
            return text.chars().count() as f32 * size * 0.55;
        };
        let mut width = Width::default();
        for c in text.chars() {
            if let Some(glyph) = self.glyph(face, c) {
                width.add(glyph.advance);
            }
        }
        width.at(size, font.units_per_em())
    }

    /// `text` cut where the drawing font changes, each run placed from the line's left end.
    /// Characters that are never drawn are left out.
    pub fn runs(&self, face: Face, text: &str, size: f32) -> Vec<Run> {
        let Some(font) = self.face(face) else {
            return Vec::new();
        };
        let mut runs: Vec<Run> = Vec::new();
        let mut width = Width::default();
        for c in text.chars() {
            let Some(glyph) = self.glyph(face, c) else {
                continue;
            };
            match runs.last_mut() {
                Some(run) if run.source == glyph.source => run.text.push(c),
                _ => runs.push(Run {
                    source: glyph.source,
                    text: c.to_string(),
                    x: width.at(size, font.units_per_em()),
                }),
            }
            width.add(glyph.advance);
        }
        runs
    }

    /// The characters of `text` that no font has, each once, in order.
    pub fn missing(&self, face: Face, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            if self.glyph(face, c).is_some_and(|g| !g.found) && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }

    /// Breaks `text` into lines no wider than `max_width`: at spaces where it can, inside a word
    /// only when the word alone is too wide. Explicit line breaks are kept; nothing is dropped.
    pub fn wrap(&self, face: Face, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(face, &candidate, size) <= max_width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if self.width(face, word, size) <= max_width {
                    line = word.to_string();
                } else {
                    for c in word.chars() {
                        let mut next = line.clone();
                        next.push(c);
                        if !line.is_empty() && self.width(face, &next, size) > max_width {
                            lines.push(std::mem::take(&mut line));
                            line.push(c);
                        } else {
                            line = next;
                        }
                    }
                }
            }
            lines.push(line);
        }
        // Trailing blank paragraphs add height but say nothing.
        while lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        lines
    }
}

/// A sum of advances: the bundled face's in whole font units, as the layout always measured
/// them, and installed faces' as fractions of the size.
#[derive(Default)]
struct Width {
    units: u32,
    em: f32,
}

impl Width {
    fn add(&mut self, advance: Advance) {
        match advance {
            Advance::Units(units, _) => self.units += u32::from(units),
            Advance::Em(em) => self.em += em,
        }
    }

    fn at(&self, size: f32, units_per_em: u16) -> f32 {
        self.units as f32 * (size / f32::from(units_per_em)) + self.em * size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        let f = fonts();
        assert!(
            f.face(Face::Regular).is_some()
                && f.face(Face::Bold).is_some()
                && f.face(Face::Italic).is_some()
        );
        let narrow = f.width(Face::Regular, "iiii", 10.0);
        let wide = f.width(Face::Regular, "WWWW", 10.0);
        assert!(wide > narrow * 2.0, "{wide} vs {narrow}");
        assert!(f.width(Face::Bold, "Größe", 10.0) > f.width(Face::Regular, "Größe", 10.0));
        // Scales linearly with the size.
        let a = f.width(Face::Regular, "Zażółć gęślą jaźń", 10.0);
        let b = f.width(Face::Regular, "Zażółć gęślą jaźń", 20.0);
        assert!((b - 2.0 * a).abs() < 0.01);
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let f = fonts();
        let text = "Wartet 20 Minuten in der Hotline — die Größe des Datenvolumens bleibt unklar";
        let lines = f.wrap(Face::Regular, text, 9.0, 80.0);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(
                f.width(Face::Regular, line, 9.0) <= 80.0,
                "{line:?} is too wide"
            );
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_not_lost() {
        let f = fonts();
        let word = "Donaudampfschifffahrtsgesellschaftskapitänsmütze";
        let lines = f.wrap(Face::Regular, word, 9.0, 60.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
        assert!(lines.iter().all(|l| f.width(Face::Regular, l, 9.0) <= 60.0));
    }

    // Needs the fonts scripts/setup.sh installs for Chinese and Japanese (Droid Sans Fallback).
    #[test]
    fn what_the_bundled_faces_lack_is_measured_and_cut_by_its_installed_face() {
        let f = fonts();
        let cjk = f.glyph(Face::Regular, '日').expect("drawn");
        assert!(cjk.found && matches!(cjk.source, Source::Installed(_)));
        // Ideographs are a full em wide; the bundled face's box is narrower.
        assert!((f.width(Face::Regular, "日本語", 10.0) - 30.0).abs() < 1.5);
        let runs = f.runs(Face::Regular, "Zażółć 日本", 10.0);
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!(
            (runs[0].source, runs[0].text.as_str()),
            (Source::Bundled(Face::Regular), "Zażółć ")
        );
        assert_eq!(runs[1].text, "日本");
        assert!((runs[1].x - f.width(Face::Regular, "Zażółć ", 10.0)).abs() < 0.001);
        // A variation selector steers the emoji before it and is never drawn.
        assert_eq!(f.glyph(Face::Regular, '\u{FE0F}'), None);
        assert_eq!(
            f.missing(Face::Bold, "a\u{378}b\u{378}\u{FE0F}"),
            vec!['\u{378}']
        );
    }

    #[test]
    fn explicit_line_breaks_are_kept() {
        let lines = fonts().wrap(Face::Regular, "one\ntwo", 9.0, 500.0);
        assert_eq!(lines, vec!["one", "two"]);
    }
}
