//! Text that no font on this computer can print. Such characters come out as empty boxes, so
//! the export names the cards that hold them instead of printing them silently.

use serde::Serialize;
use ts_rs::TS;

use crate::layout::scene::{Item, Scene};
use crate::layout::text::fonts;
use crate::model::{Id, Project};

/// A card, or another printed line, with characters that print as empty boxes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MissingGlyphs {
    /// The card, when the text is a card's.
    pub card: Option<Id>,
    /// The card's text, or the printed line when it is not a card's.
    pub text: String,
    /// The characters no font has, as code points, each once in order of appearance.
    pub codepoints: Vec<u32>,
}

impl MissingGlyphs {
    /// One line for a terminal, naming the card and the characters.
    pub fn describe(&self) -> String {
        let what = if self.card.is_some() { "card" } else { "text" };
        let mut text: String = self.text.chars().take(60).collect();
        if text.len() < self.text.len() {
            text.push('…');
        }
        let codes: Vec<String> = self.codepoints.iter().map(|&c| codepoint(c)).collect();
        let shows = if codes.len() == 1 {
            "it prints as an empty box"
        } else {
            "they print as empty boxes"
        };
        format!(
            "{what} {text:?}: no installed font has {}, so {shows}",
            codes.join(", ")
        )
    }
}

/// `U+E000`, as character tables write it.
pub fn codepoint(code: u32) -> String {
    format!("U+{code:04X}")
}

/// Adds the text of `scene` that no font has to `found`: one entry per card, however many of
/// its lines or sheets show it, and one per other line.
pub fn find(project: &Project, scene: &Scene, found: &mut Vec<MissingGlyphs>) {
    for item in &scene.items {
        let Item::Text(line) = item else {
            continue;
        };
        let missing = fonts().missing(line.face, &line.text);
        if missing.is_empty() {
            continue;
        }
        // A card's lines start inside its box.
        let card = scene
            .cards
            .iter()
            .find(|placed| {
                let r = placed.rect;
                (r.x..=r.right()).contains(&line.x) && (r.y..=r.bottom()).contains(&line.y)
            })
            .and_then(|placed| project.cards.iter().find(|c| c.id == placed.card));
        let (id, text) = match card {
            Some(card) => (Some(card.id), card.text.clone()),
            None => (None, line.text.clone()),
        };
        let codes = missing.into_iter().map(u32::from);
        match found.iter_mut().find(|f| f.card == id && f.text == text) {
            Some(entry) => {
                for code in codes {
                    if !entry.codepoints.contains(&code) {
                        entry.codepoints.push(code);
                    }
                }
            }
            None => found.push(MissingGlyphs {
                card: id,
                text,
                codepoints: codes.collect(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terminal_line_names_the_card_and_every_code_point() {
        let one = MissingGlyphs {
            card: Some(Id::nil()),
            text: "Rückruf \u{E000}".into(),
            codepoints: vec![0xE000],
        };
        assert_eq!(
            one.describe(),
            "card \"Rückruf \\u{e000}\": no installed font has U+E000, so it prints as an empty box"
        );
        let long = MissingGlyphs {
            card: None,
            text: "x".repeat(80),
            codepoints: vec![0x378, 0x10FFFD],
        };
        let line = long.describe();
        assert!(
            line.starts_with("text \"xxx") && line.contains("…\""),
            "{line}"
        );
        assert!(
            line.ends_with("U+0378, U+10FFFD, so they print as empty boxes"),
            "{line}"
        );
    }
}
