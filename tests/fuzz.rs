//! Property tests over hostile input: opening arbitrary or damaged bytes as a project and
//! importing damaged JSON or CSV must end in a clear error or a valid project — never a panic.
//! The seeds of the mutations are the files in tests/fuzz-corpus/ (a `refused-` seed must be
//! refused, every other must import). CI runs the default case count;
//! `PROPTEST_CASES=100000 cargo test --release --test fuzz` is the long run.

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

fn corpus() -> &'static [(String, String)] {
    static FILES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus");
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .expect("tests/fuzz-corpus exists")
            .map(|e| {
                let path = e.expect("corpus entry").path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (
                    name,
                    std::fs::read_to_string(&path).expect("corpus files are UTF-8"),
                )
            })
            .collect();
        files.sort();
        files
    })
}

fn seeds(extension: &str) -> Vec<&'static str> {
    corpus()
        .iter()
        .filter(|(name, _)| name.ends_with(extension))
        .map(|(_, text)| text.as_str())
        .collect()
}

fn import_csv(text: &str) {
    if let Ok(project) = waymark::interchange::csv::from_str(
        text,
        Path::new("fuzz.csv"),
        "fuzz",
        "en",
        "2026-01-01T00:00:00Z",
    ) {
        project.validate().expect("an imported grid is valid");
    }
}

/// Replaces, inserts or deletes characters, then maybe cuts: the damage a hand-edited
/// spreadsheet export or a truncated download does.
fn mutate(
    seed: &str,
    edits: &[(prop::sample::Index, u8, char)],
    cut: Option<prop::sample::Index>,
) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for (at, op, value) in edits {
        let i = at.index(chars.len() + 1);
        match op % 3 {
            0 if i < chars.len() => chars[i] = *value,
            1 => chars.insert(i, *value),
            _ if i < chars.len() => drop(chars.remove(i)),
            _ => chars.push(*value),
        }
    }
    if let Some(cut) = cut {
        chars.truncate(cut.index(chars.len() + 1));
    }
    chars.into_iter().collect()
}

/// Characters that matter to CSV and to the grid's header cells, and some that do not.
fn csv_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec![
            ',', '"', '\n', '\r', '[', ']', ' ', ';', '\u{feff}', '\0'
        ]),
        any::<char>(),
    ]
}

/// Found by the long run: a multi-byte character in an order key panicked the key parser.
#[test]
fn a_non_ascii_order_key_in_json_is_refused() {
    let json = project_json();
    let at = json.find("\"order\": \"").expect("an order key") + "\"order\": \"".len();
    let mut text = json.to_string();
    text.insert(at + 1, '\u{e4}');
    let err = waymark::interchange::json::from_str(&text, Path::new("fuzz.json")).unwrap_err();
    assert!(err.to_string().contains("is not valid"), "{err}");
}

#[test]
fn the_corpus_seeds_do_what_their_names_say() {
    let mut grids = 0;
    for (name, text) in corpus() {
        if name.ends_with(".csv") {
            grids += 1;
            let result = waymark::interchange::csv::from_str(
                text,
                Path::new(name),
                "fuzz",
                "en",
                "2026-01-01T00:00:00Z",
            );
            if name.starts_with("refused-") {
                let err = result.expect_err(name);
                assert!(matches!(err, waymark::Error::Csv { .. }), "{name}: {err}");
            } else {
                result
                    .unwrap_or_else(|e| panic!("{name}: {e}"))
                    .validate()
                    .unwrap();
            }
        } else if name.ends_with(".json") {
            waymark::interchange::json::from_str(text, Path::new(name))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    assert!(grids >= 3, "the corpus keeps its CSV seeds");
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

    #[test]
    fn damaged_csv_grids_never_panic(
        seed in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), csv_char()), 1..24),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let seeds = seeds(".csv");
        import_csv(&mutate(seeds[seed.index(seeds.len())], &edits, cut));
    }

    #[test]
    fn arbitrary_text_as_a_csv_grid_never_panics(
        cells in prop::collection::vec(prop::collection::vec("[ -~\\n\"\\[\\]äż😀]{0,12}", 0..8), 0..8),
        header in prop::sample::select(vec!["stage", "step", "Actions [actions]", "x [notes]", ""]),
    ) {
        let mut text = String::new();
        for (i, row) in cells.iter().enumerate() {
            let first = match i { 0 => "stage", 1 => "step", _ => header };
            text.push_str(first);
            for cell in row {
                text.push(',');
                text.push_str(cell);
            }
            text.push('\n');
        }
        import_csv(&text);
    }

    #[test]
    fn damaged_json_from_the_corpus_never_panics(
        seed in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), any::<char>()), 1..16),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let seeds = seeds(".json");
        let text = mutate(seeds[seed.index(seeds.len())], &edits, cut);
        if let Ok(project) = waymark::interchange::json::from_str(&text, Path::new("fuzz.json")) {
            project.validate().expect("an imported project is valid");
        }
    }
}
