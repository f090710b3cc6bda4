//! Text the bundled Noto Sans faces lack — Chinese, Japanese, emoji — printed from the installed
//! fonts (scripts/setup.sh installs Droid Sans Fallback and Symbola for them), and text that no
//! installed font has named on the CLI's standard error. Real files, the real CLI, and poppler
//! to read the PDF back.

mod common;

use std::path::Path;
use std::process::Command;

use common::{path_str, waymark};
use waymark::export::png::{self, PngOptions};
use waymark::layout::scene::Item;
use waymark::layout::text::{fonts, Source};
use waymark::layout::{self, MapOptions};
use waymark::sample::{generate, Size};
use waymark::Project;

const MIXED: &str = "Zażółć 😀 日本語 中文";
/// Unassigned in Unicode, so no font can have it.
const NOWHERE: char = '\u{0378}';

fn project(card_text: &str) -> Project {
    let mut project = generate(Size {
        stages: 3,
        steps_per_stage: 1,
        lanes: 4,
        cards: 12,
        personas: 1,
    });
    project.cards[0].text = card_text.into();
    project.validate().expect("valid");
    project
}

/// The project as a `.waymark` file in `dir`, made by the CLI's own import.
fn project_file(dir: &Path, project: &Project) -> String {
    let json = dir.join("map.json");
    std::fs::write(&json, waymark::interchange::json::to_string(project)).expect("write");
    let file = dir.join("map.waymark");
    let out = waymark(&["import", path_str(&json), "-o", path_str(&file)]);
    assert!(out.status.success(), "{out:?}");
    path_str(&file).to_string()
}

/// Exports with the CLI; the exit status and what it said on standard error.
fn export(file: &str, output: &Path) -> (Option<i32>, String) {
    let out = waymark(&["export", file, "-o", path_str(output)]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is not installed ({e}); run scripts/setup.sh"));
    assert!(out.status.success(), "{name} {args:?}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Set `WAYMARK_KEEP=DIR` to keep the exported files and a rendered page, to look at.
fn keep(path: &Path) {
    if let Some(dir) = std::env::var_os("WAYMARK_KEEP") {
        let _ = std::fs::create_dir_all(&dir);
        if let Some(name) = path.file_name() {
            let _ = std::fs::copy(path, Path::new(&dir).join(name));
        }
    }
}

#[test]
fn chinese_japanese_and_emoji_print_from_installed_fonts_in_the_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = project_file(dir.path(), &project(MIXED));
    let pdf = dir.path().join("mixed.pdf");
    let (status, stderr) = export(&file, &pdf);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(
        !stderr.contains("warning"),
        "every glyph has a font: {stderr}"
    );
    keep(&pdf);

    // name type encoding emb sub uni object ID: the bundled faces and at least one installed
    // one, all embedded as subsets.
    let listed = tool("pdffonts", &[path_str(&pdf)]);
    let faces: Vec<(String, bool)> = listed
        .lines()
        .skip(2)
        .filter_map(|line| {
            let columns: Vec<&str> = line.split_whitespace().collect();
            let n = columns.len();
            (n >= 7).then(|| {
                let subset = columns[n - 5] == "yes" && columns[n - 4] == "yes";
                (columns[0].to_string(), subset)
            })
        })
        .collect();
    assert!(faces.iter().all(|(_, subset)| *subset), "{listed}");
    assert!(
        faces.iter().any(|(name, _)| name.contains("NotoSans")),
        "{listed}"
    );
    assert!(
        faces.iter().any(|(name, _)| !name.contains("NotoSans")),
        "an installed face is embedded: {listed}"
    );

    let text = tool("pdftotext", &[path_str(&pdf), "-"]);
    for words in ["日本語", "中文", "Zażółć", "😀"] {
        assert!(text.contains(words), "{words} in {text}");
    }

    let page = dir.path().join("mixed-page");
    tool(
        "pdftoppm",
        &["-png", "-r", "60", path_str(&pdf), path_str(&page)],
    );
    keep(&dir.path().join("mixed-page-1.png"));
}

/// The ink of one glyph's cell: which pixels are dark.
struct Cell {
    width: i32,
    height: i32,
    dark: Vec<bool>,
}

impl Cell {
    fn read(pixmap: &tiny_skia::Pixmap, x0: f32, y0: f32, x1: f32, y1: f32) -> Cell {
        let (left, top) = (x0.floor() as u32, y0.floor() as u32);
        let (right, bottom) = (x1.ceil() as u32, y1.ceil() as u32);
        let mut dark = Vec::new();
        for y in top..bottom {
            for x in left..right {
                let p = pixmap.pixel(x, y).expect("inside the picture");
                let luma = 0.299 * f32::from(p.red())
                    + 0.587 * f32::from(p.green())
                    + 0.114 * f32::from(p.blue());
                dark.push(luma < 128.0);
            }
        }
        Cell {
            width: (right - left) as i32,
            height: (bottom - top) as i32,
            dark,
        }
    }

    fn at(&self, x: i32, y: i32) -> bool {
        (0..self.width).contains(&x)
            && (0..self.height).contains(&y)
            && self.dark[(y * self.width + x) as usize]
    }

    /// How much of the ink of two cells differs, as a fraction, when laid over each other as
    /// well as a shift of up to three pixels allows: two empty boxes at slightly different
    /// positions come out alike, two different glyphs do not.
    fn unlike(&self, other: &Cell) -> f32 {
        let mut best = f32::MAX;
        for dy in -3..=3 {
            for dx in -3..=3 {
                let (mut differ, mut inked) = (0, 0);
                for y in 0..self.height.max(other.height) {
                    for x in 0..self.width.max(other.width) {
                        let (a, b) = (self.at(x, y), other.at(x + dx, y + dy));
                        differ += usize::from(a != b);
                        inked += usize::from(a || b);
                    }
                }
                best = best.min(differ as f32 / inked.max(1) as f32);
            }
        }
        best
    }
}

#[test]
fn chinese_japanese_and_emoji_are_drawn_in_the_png_not_boxes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = project(MIXED);
    let file = project_file(dir.path(), &project);
    let (status, stderr) = export(&file, &dir.path().join("mixed.png"));
    assert_eq!(status, Some(0), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    keep(&dir.path().join("mixed.png"));

    let dpi = 288.0;
    let date = "2026-12-01".to_string();
    let bytes = png::render(
        &project,
        &PngOptions {
            dpi,
            date: date.clone(),
            ..PngOptions::default()
        },
    )
    .expect("render")
    .bytes;
    let pixmap = tiny_skia::Pixmap::decode_png(&bytes).expect("decode");
    let scene = layout::journey(
        &project,
        &project.journeys[0],
        &MapOptions {
            date,
            ..MapOptions::default()
        },
    );
    // The picture is the scene plus an even border, all at dpi / 72.
    let scale = dpi / 72.0;
    let border = (pixmap.width() as f32 / scale - scene.width) / 2.0;
    let line_with = |c: char| {
        scene
            .items
            .iter()
            .find_map(|item| match item {
                Item::Text(t) if t.text.contains(c) => Some(t),
                _ => None,
            })
            .expect("the card's text is laid out")
    };

    let mut cells = Vec::new();
    for c in ['😀', '日', '本', '語', '中', '文'] {
        let line = line_with(c);
        let glyph = fonts().glyph(line.face, c).expect("drawn");
        assert!(glyph.found, "{c} has an installed font");
        assert!(matches!(glyph.source, Source::Installed(_)), "{c}");
        let before: String = line.text.chars().take_while(|&x| x != c).collect();
        let x = line.x + fonts().width(line.face, &before, line.size);
        let (x0, x1) = (x, x + glyph.advance(line.size));
        let (y0, y1) = (line.y - line.size, line.y + 0.25 * line.size);
        let at = |v: f32| (border + v) * scale;
        let cell = Cell::read(&pixmap, at(x0), at(y0), at(x1), at(y1));
        let dark = cell.dark.iter().filter(|&&d| d).count();
        assert!(dark * 20 > cell.dark.len(), "{c} leaves ink");
        cells.push((c, cell));
    }
    // A missing glyph is the same empty box every time; real glyphs differ from each other.
    for (i, (a, first)) in cells.iter().enumerate() {
        for (b, second) in &cells[i + 1..] {
            let unlike = first.unlike(second);
            assert!(unlike > 0.45, "{a} and {b} look alike ({unlike})");
        }
    }
}

#[test]
fn a_character_no_font_has_is_named_on_stderr_and_the_export_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = project(&format!("Rückruf {NOWHERE} zusagen"));
    let file = project_file(dir.path(), &project);
    for name in ["boxes.pdf", "boxes.png"] {
        let output = dir.path().join(name);
        let (status, stderr) = export(&file, &output);
        assert_eq!(status, Some(0), "{stderr}");
        assert!(output.exists(), "{name} is written");
        let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning")).collect();
        assert_eq!(warnings.len(), 1, "one line for the one card: {stderr}");
        assert!(
            warnings[0].contains("card \"Rückruf \\u{378} zusagen\"")
                && warnings[0].contains("U+0378")
                && warnings[0].contains("empty box"),
            "{stderr}"
        );
    }

    let rendered = waymark::export::pdf::render(&project, &Default::default()).expect("render");
    assert_eq!(rendered.missing_glyphs.len(), 1);
    let missing = &rendered.missing_glyphs[0];
    assert_eq!(missing.card, Some(project.cards[0].id));
    assert_eq!(missing.codepoints, vec![0x378]);
}
