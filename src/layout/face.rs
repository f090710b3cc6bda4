//! The faces Waymark ships (Noto Sans regular, bold, italic): what the layout measures with and
//! what the installed-font fallback matches a missing glyph's style to.

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
