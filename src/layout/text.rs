//! Text measured with the shipped font's own glyph advances, so a line the layout says fits is
//! exactly as wide in the PDF and the PNG (neither kerns nor shapes, so the sum of advances is
//! what gets drawn).

use std::sync::OnceLock;

pub const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
pub const ITALIC_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Italic.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
}

impl Face {
    pub const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Italic];

    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR_TTF,
            Face::Bold => BOLD_TTF,
            Face::Italic => ITALIC_TTF,
        }
    }
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

    /// Width of one line of `text` at `size`, in the same unit as `size`.
    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        let Some(font) = self.face(face) else {
            return text.chars().count() as f32 * size * 0.55;
        };
        let per_unit = size / f32::from(font.units_per_em());
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = font.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                u32::from(font.glyph_hor_advance(glyph).unwrap_or(0))
            })
            .sum();
        units as f32 * per_unit
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

    #[test]
    fn explicit_line_breaks_are_kept() {
        let lines = fonts().wrap(Face::Regular, "one\ntwo", 9.0, 500.0);
        assert_eq!(lines, vec!["one", "two"]);
    }
}
