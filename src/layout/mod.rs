//! Layout: turns a journey (and its personas) into drawing primitives measured with the real
//! font. Pure — no files, no PDF — so the PDF and PNG exports draw exactly the same thing.

pub mod curve;
pub mod face;
pub mod fallback;
pub mod icons;
pub mod kpis;
pub mod map;
pub mod poster;
pub mod scene;
pub mod sheets;
pub mod text;
pub mod words;

pub use map::{journey, MapOptions};
pub use scene::{Item, Rect, Rgb, Scene};
