//! The phone page, compiled into the binary: one HTML file, one script, one style sheet. The room
//! serves these three by name and nothing else, so no path a phone sends can reach the disk.

const INDEX: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/phone.js");
const STYLE: &str = include_str!("page/phone.css");

/// The page's files: name (as requested after the `/`), content type, content.
pub const PAGE_FILES: [(&str, &str, &str); 3] = [
    ("", "text/html; charset=utf-8", INDEX),
    ("phone.js", "text/javascript; charset=utf-8", SCRIPT),
    ("phone.css", "text/css; charset=utf-8", STYLE),
];

/// All of the page a phone loads, uncompressed.
pub const PHONE_PAGE_BYTES: usize = INDEX.len() + SCRIPT.len() + STYLE.len();

/// The content type and bytes of one of the page's files.
pub(crate) fn file(name: &str) -> Option<(&'static str, &'static str)> {
    let name = if name == "index.html" { "" } else { name };
    PAGE_FILES
        .iter()
        .find(|(file, _, _)| *file == name)
        .map(|(_, content_type, content)| (*content_type, *content))
}
