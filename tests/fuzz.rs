//! Property tests over hostile input: opening arbitrary or damaged bytes as a project and
//! importing damaged JSON must end in a clear error or a valid project — never a panic.
//! CI runs the default case count; `PROPTEST_CASES=100000 cargo test --release --test fuzz` is the long run.

mod common;

use std::path::Path;

use common::*;
use proptest::prelude::*;
use waymark::store::ProjectFile;

fn project_bytes() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = temp();
        let path = file_in(&dir, "seed.waymark");
        ProjectFile::create(&path, &sample_with_image())
            .unwrap()
            .close()
            .unwrap();
        std::fs::read(&path).unwrap()
    })
}

fn project_json() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| waymark::interchange::json::to_string(&sample_with_image()))
}

/// Opens bytes as a project; any outcome but a panic is fine, and a success must be valid.
fn open_bytes(bytes: &[u8]) {
    let dir = temp();
    let path = file_in(&dir, "fuzz.waymark");
    std::fs::write(&path, bytes).unwrap();
    if let Ok(file) = ProjectFile::open(&path) {
        file.project()
            .validate()
            .expect("an opened project is valid");
        let _ = file.close();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        open_bytes(&bytes);
    }

    #[test]
    fn arbitrary_bytes_behind_a_waymark_header_never_panic(tail in prop::collection::vec(any::<u8>(), 0..8192)) {
        let mut bytes = project_bytes()[..100].to_vec();
        bytes.extend(tail);
        open_bytes(&bytes);
    }

    #[test]
    fn a_damaged_project_file_never_panics(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = project_bytes().to_vec();
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        open_bytes(&bytes);
    }

    #[test]
    fn damaged_json_never_panics(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<char>()), 1..16),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut chars: Vec<char> = project_json().chars().collect();
        for (at, value) in edits {
            let i = at.index(chars.len());
            chars[i] = value;
        }
        if let Some(cut) = cut {
            chars.truncate(cut.index(chars.len()));
        }
        let text: String = chars.into_iter().collect();
        if let Ok(project) = waymark::interchange::json::from_str(&text, Path::new("fuzz.json")) {
            project.validate().expect("an imported project is valid");
        }
    }
}
