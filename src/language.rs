//! The languages Waymark writes its own words in, and how a locale picks one of them.

/// Every language with its own words for templates, channels and printed maps.
pub const LANGUAGES: [&str; 3] = ["en", "de", "pl"];

/// The language code of a BCP 47 locale: `de-DE` → `de`, `pl_PL.UTF-8` → `pl`.
pub fn language_of(locale: &str) -> String {
    locale
        .split(['-', '_', '.'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}
