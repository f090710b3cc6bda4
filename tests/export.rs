//! PDF, PNG and CSV exports checked the way a person would: with poppler's pdftotext, pdffonts,
//! pdfinfo and pdftoppm, and qpdf --check, on real files.

use std::path::{Path, PathBuf};
use std::process::Command;

use waymark::export::pdf::{self, Mode, Orientation, Paper, PdfOptions};
use waymark::export::png::{self, PngOptions};
use waymark::interchange::csv;
use waymark::sample::{generate, Size};
use waymark::*;

fn tool(name: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is not installed ({e}); apt-get install -y poppler-utils qpdf")
    });
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A tiny storyline picture, drawn here so the test needs no file.
fn picture(r: u8, g: u8, b: u8) -> Image {
    let mut pixmap = tiny_skia::Pixmap::new(60, 40).expect("size");
    pixmap.fill(tiny_skia::Color::from_rgba8(r, g, b, 255));
    let mut paint = tiny_skia::Paint::default();
    paint.set_color_rgba8(255, 255, 255, 255);
    if let Some(rect) = tiny_skia::Rect::from_xywh(10.0, 10.0, 20.0, 20.0) {
        pixmap.fill_rect(rect, &paint, tiny_skia::Transform::identity(), None);
    }
    let data = pixmap.encode_png().expect("png");
    Image {
        hash: Image::hash_of(&data),
        mime: ImageMime::Png,
        width: 60,
        height: 40,
        data,
    }
}

/// The generated map plus what it lacks: a storyline lane with pictures, a persona photo, point
/// labels, a moment of truth on a card, and a long card.
fn rich(size: Size) -> Project {
    let mut project = generate(size);
    let journey = project.journeys[0].id;
    let steps: Vec<Id> = project
        .journey_steps(journey)
        .iter()
        .map(|s| s.id)
        .collect();
    let last = project
        .lanes_of(journey)
        .last()
        .map(|l| l.order.clone())
        .unwrap_or_default();
    let lane = Lane {
        id: uuid::Uuid::from_u128(0xabc),
        journey,
        kind: LaneKind::Images,
        title: "Storyline".into(),
        order: last.after(),
    };
    for (i, step) in steps.iter().take(3).enumerate() {
        let image = picture(40 * i as u8, 120, 200);
        project.cards.push(Card {
            id: uuid::Uuid::from_u128(0xabc0 + i as u128),
            lane: lane.id,
            step: *step,
            text: format!("Bild {} — Größe zeigt", i + 1),
            image: Some(image.hash.clone()),
            ..Card::default()
        });
        if !project.images.iter().any(|im| im.hash == image.hash) {
            project.images.push(image);
        }
    }
    project.lanes.push(lane);
    let photo = picture(200, 90, 90);
    project.personas[0].photo = Some(photo.hash.clone());
    project.images.push(photo);
    if let Some(point) = project.emotion_points.first_mut() {
        point.label = Some("Ulga, wreszcie!".into());
    }
    let card = project.cards[5].id;
    project.cards[5].text = "Zażółć gęślą jaźń — ein sehr langer Text über die Größe des Tarifs, der nicht in eine Zeile passt und darum die Zeile wachsen lässt.".into();
    project.moments_of_truth.push(MomentOfTruth {
        id: uuid::Uuid::from_u128(0xdef),
        target: MomentTarget::Card(card),
        title: "Hotline".into(),
        why: "Wer hier aufgibt, kündigt".into(),
    });
    project.canonicalize();
    project.validate().expect("the rich map is valid");
    project
}

fn small() -> Project {
    rich(Size {
        stages: 5,
        steps_per_stage: 2,
        lanes: 8,
        cards: 70,
        personas: 3,
    })
}

fn options() -> PdfOptions {
    PdfOptions {
        file_name: Some("wechsel.waymark".into()),
        created: time::macros::datetime!(2026-12-01 10:00 UTC),
        ..PdfOptions::default()
    }
}

/// Set `WAYMARK_KEEP=DIR` to keep every exported file there, to look at the pages yourself.
fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    if let Some(keep) = std::env::var_os("WAYMARK_KEEP") {
        let _ = std::fs::create_dir_all(&keep);
        let _ = std::fs::write(Path::new(&keep).join(name), bytes);
    }
    path
}

fn page_texts(path: &Path) -> Vec<String> {
    let (_, info) = tool("pdfinfo", &[path.to_str().unwrap_or_default()]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    (1..=pages)
        .map(|n| {
            let n = n.to_string();
            let (ok, text) = tool(
                "pdftotext",
                &[
                    "-raw",
                    "-f",
                    &n,
                    "-l",
                    &n,
                    path.to_str().unwrap_or_default(),
                    "-",
                ],
            );
            assert!(ok);
            squash(&text)
        })
        .collect()
}

#[test]
fn pdf_text_is_all_there_selectable_and_subset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = small();
    let bytes = pdf::render(
        &project,
        &PdfOptions {
            personas: true,
            opportunities: true,
            ..options()
        },
    )
    .expect("render")
    .bytes;
    let path = write(dir.path(), "map.pdf", &bytes);
    let p = path.to_str().unwrap_or_default();

    let (ok, text) = tool("pdftotext", &["-raw", p, "-"]);
    assert!(ok);
    let text = squash(&text);
    for card in &project.cards {
        assert!(
            text.contains(&squash(&card.text)),
            "card text {:?} not found",
            card.text
        );
    }
    for needle in [
        "Zażółć gęślą jaźń",
        "Größe",
        "Ulga, wreszcie!",
        "Wer hier aufgibt, kündigt",
        "Persona 2",
        "Keep my number",
        // The opportunities page.
        "Fix first",
    ] {
        assert!(text.contains(needle), "{needle:?} not found");
    }

    let (ok, fonts) = tool("pdffonts", &[p]);
    assert!(ok);
    let faces: Vec<&str> = fonts.lines().filter(|l| l.contains("NotoSans")).collect();
    assert_eq!(faces.len(), 3, "{fonts}");
    for face in faces {
        let name = face.split_whitespace().next().unwrap_or_default();
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "{name} is not a subset"
        );
        assert!(
            face.contains("yes yes yes"),
            "not embedded, subset and mapped to Unicode: {face}"
        );
    }

    let (ok, check) = tool("qpdf", &["--check", p]);
    assert!(
        ok && check.contains("No syntax or stream encoding errors"),
        "{check}"
    );

    let (_, info) = tool("pdfinfo", &[p]);
    assert!(
        info.contains("CreationDate:    Tue Dec  1 10:00:00 2026"),
        "{info}"
    );
}

/// The whole document's text for `project` printed with persona sheets and the ranking page.
fn printed(project: &Project, name: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = PdfOptions {
        personas: true,
        opportunities: true,
        ..options()
    };
    let bytes = pdf::render(project, &options).expect("render").bytes;
    let path = write(dir.path(), name, &bytes);
    let (ok, text) = tool(
        "pdftotext",
        &["-raw", path.to_str().unwrap_or_default(), "-"],
    );
    assert!(ok);
    squash(&text)
}

/// Whether `text` has `phrase` as whole words: "Legend" is not in "Legende".
fn has_words(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn the_printed_words_follow_the_project_language() {
    let mut project = small();
    // English stays as it was.
    let text = printed(&project, "en.pdf");
    for needle in [
        "Fix first — Generated journey",
        "Goals",
        "Legend",
        "Stages",
        "votes",
    ] {
        assert!(text.contains(needle), "en: {needle:?} not found");
    }

    project.info.locale = "de-DE".into();
    let text = printed(&project, "de.pdf");
    for needle in [
        "Zuerst angehen — Generated journey",
        "Punktzahl = Wirkung × (6 – Aufwand) + Stimmen",
        "Generated journey · Ist-Zustand",
        "Phasen",
        "Schritte",
        "Schmerzpunkte",
        "Chancen",
        "Schwere",
        "Stimmen",
        "Legende",
        "Momente der Wahrheit",
        "Ziele",
        "Frustrationen",
        "Bedürfnisse",
        "Rationale Haltung",
        "Genutzte Kanäle",
        "„I just want it to work.“",
        "Wirkung Aufwand Stimmen MdW Punktzahl",
    ] {
        assert!(text.contains(needle), "de: {needle:?} not found");
    }
    for english in [
        "Fix first",
        "Opportunity",
        "Goals",
        "Frustrations",
        "Needs",
        "Rational mindset",
        "Emotional mindset",
        "Channels",
        "Legend",
        "Stages",
        "Severity",
        "Impact",
        "votes",
        "current state",
        "Moments of truth",
        "Expected",
        "expected",
        "none recorded",
    ] {
        assert!(
            !has_words(&text, english),
            "de: {english:?} is still printed"
        );
    }

    project.info.locale = "pl_PL.UTF-8".into();
    let text = printed(&project, "pl.pdf");
    for needle in [
        "Naprawić najpierw — Generated journey",
        "Wynik = wpływ × (6 – nakład) + głosy",
        "stan obecny",
        "Etapy",
        "Problemy",
        "Szanse",
        "Legenda",
        "Momenty prawdy",
        "Cele",
        "Potrzeby",
        "Nastawienie emocjonalne",
        "Używane kanały",
        // 2–4 and 5–6 votes take different forms.
        "głosy",
        "głosów",
        "Wpływ Nakład Głosy MP Wynik",
    ] {
        assert!(text.contains(needle), "pl: {needle:?} not found");
    }
    for english in ["Fix first", "Goals", "Legend", "votes", "Severity"] {
        assert!(
            !has_words(&text, english),
            "pl: {english:?} is still printed"
        );
    }

    // A poster's sheet labels too.
    project.info.locale = "de".into();
    let dir = tempfile::tempdir().expect("tempdir");
    let poster = PdfOptions {
        paper: Paper::A4,
        mode: Mode::Tile {
            scale: 1.0,
            overlap_mm: 10.0,
        },
        ..options()
    };
    let bytes = pdf::render(&project, &poster).expect("render").bytes;
    let pages = page_texts(&write(dir.path(), "de-poster.pdf", &bytes));
    assert!(pages.len() > 1);
    for page in &pages {
        assert!(
            page.contains("Zeile ") && page.contains("Spalte "),
            "{page}"
        );
        assert!(!page.contains("Row "), "{page}");
    }
}

#[test]
fn every_paper_and_orientation_has_its_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = generate(Size {
        stages: 2,
        steps_per_stage: 1,
        lanes: 2,
        cards: 4,
        personas: 1,
    });
    let expected_pt = |mm: f32| mm * 72.0 / 25.4;
    for paper in Paper::ALL {
        for orientation in [Orientation::Portrait, Orientation::Landscape] {
            let bytes = pdf::render(
                &project,
                &PdfOptions {
                    paper,
                    orientation,
                    ..options()
                },
            )
            .expect("render")
            .bytes;
            let path = write(dir.path(), "size.pdf", &bytes);
            let (_, info) = tool("pdfinfo", &[path.to_str().unwrap_or_default()]);
            let size = info
                .lines()
                .find_map(|l| l.strip_prefix("Page size:"))
                .unwrap_or_default()
                .to_string();
            let numbers: Vec<f32> = size
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            let (w, h) = paper.size_mm();
            let (w, h) = if orientation == Orientation::Landscape {
                (h, w)
            } else {
                (w, h)
            };
            assert!(numbers.len() >= 2, "{info}");
            assert!(
                (numbers[0] - expected_pt(w)).abs() < 0.6
                    && (numbers[1] - expected_pt(h)).abs() < 0.6,
                "{paper:?} {orientation:?}: {size}"
            );
        }
    }
}

#[test]
fn poster_tiles_put_every_card_on_some_sheet_with_marks_and_labels() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = rich(Size {
        stages: 8,
        steps_per_stage: 2,
        lanes: 10,
        cards: 160,
        personas: 2,
    });
    let options = PdfOptions {
        paper: Paper::A4,
        orientation: Orientation::Portrait,
        mode: Mode::Tile {
            scale: 1.0,
            overlap_mm: 10.0,
        },
        ..options()
    };
    let bytes = pdf::render(&project, &options).expect("render").bytes;
    let path = write(dir.path(), "poster.pdf", &bytes);
    let pages = page_texts(&path);
    assert!(pages.len() >= 6, "{} sheets", pages.len());
    for card in &project.cards {
        let text = squash(&card.text);
        assert!(
            pages.iter().any(|p| p.contains(&text)),
            "card {text:?} is whole on no sheet"
        );
    }
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("Row ") && page.contains("column "),
            "sheet {} has no label",
            i + 1
        );
        assert!(
            page.contains("Step "),
            "sheet {} repeats no stage header",
            i + 1
        );
    }
    let (ok, check) = tool("qpdf", &["--check", path.to_str().unwrap_or_default()]);
    assert!(ok, "{check}");
}

fn read_png(path: &Path) -> tiny_skia::Pixmap {
    let data = std::fs::read(path).expect("read png");
    tiny_skia::Pixmap::decode_png(&data).expect("decode png")
}

/// Regenerate with `WAYMARK_BLESS=1 cargo test --test export` after a deliberate change of look,
/// and look at the new picture before committing it.
#[test]
fn a_rendered_page_matches_the_reference() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = generate(Size {
        stages: 4,
        steps_per_stage: 2,
        lanes: 6,
        cards: 40,
        personas: 2,
    });
    let options = PdfOptions {
        paper: Paper::A4,
        ..options()
    };
    let path = write(
        dir.path(),
        "page.pdf",
        &pdf::render(&project, &options).expect("render").bytes,
    );
    let out = dir.path().join("page");
    let (ok, log) = tool(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "30",
            "-singlefile",
            path.to_str().unwrap_or_default(),
            out.to_str().unwrap_or_default(),
        ],
    );
    assert!(ok, "{log}");
    let rendered = out.with_extension("png");
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/map-a4-30dpi.png");
    if std::env::var_os("WAYMARK_BLESS").is_some() || !reference.exists() {
        std::fs::copy(&rendered, &reference).expect("bless");
    }
    let (a, b) = (read_png(&rendered), read_png(&reference));
    assert_eq!((a.width(), a.height()), (b.width(), b.height()));
    let mut total = 0u64;
    let mut off = 0usize;
    for (p, q) in a.data().iter().zip(b.data()) {
        let d = (i16::from(*p) - i16::from(*q)).unsigned_abs();
        total += u64::from(d);
        if d > 64 {
            off += 1;
        }
    }
    let mean = total as f64 / a.data().len() as f64;
    assert!(
        mean < 2.0 && (off as f64) < a.data().len() as f64 * 0.01,
        "differs from the reference: mean {mean:.2}, {off} values far off"
    );
}

#[test]
fn png_has_the_size_its_dpi_asks_for() {
    let project = generate(Size {
        stages: 3,
        steps_per_stage: 1,
        lanes: 3,
        cards: 9,
        personas: 1,
    });
    let at = |dpi: f32| {
        let bytes = png::render(
            &project,
            &PngOptions {
                dpi,
                date: "2026-12-01".into(),
                ..PngOptions::default()
            },
        )
        .expect("render")
        .bytes;
        let pixmap = tiny_skia::Pixmap::decode_png(&bytes).expect("decode");
        (pixmap.width(), pixmap.height())
    };
    let (w1, h1) = at(72.0);
    let (w2, h2) = at(144.0);
    assert!((w2 as i64 - 2 * w1 as i64).abs() <= 2 && (h2 as i64 - 2 * h1 as i64).abs() <= 2);
    let huge = png::render(
        &generate(Size::BENCHMARK),
        &PngOptions {
            dpi: 1200.0,
            ..PngOptions::default()
        },
    );
    assert!(huge.is_err_and(|e| e.to_string().contains("--dpi")));
}

#[test]
fn csv_round_trips_through_the_grid() {
    let project = small();
    let journey = &project.journeys[0];
    let grid = csv::to_string(&project, journey);
    assert!(grid.starts_with("stage,"));
    assert!(grid.contains("\r\nstep,"));
    assert!(grid.contains("[pain points]"));
    let back = csv::from_str(
        &grid,
        Path::new("grid.csv"),
        "grid",
        "en",
        "2026-12-01T00:00:00Z",
    )
    .expect("import");
    assert_eq!(csv::to_string(&back, &back.journeys[0]), grid);
    let texts = |p: &Project| {
        let mut t: Vec<String> = p.cards.iter().map(|c| c.text.clone()).collect();
        t.sort();
        t
    };
    assert_eq!(texts(&back), texts(&project));
}

#[test]
fn the_cli_exports_and_imports_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = env!("CARGO_BIN_EXE_waymark");
    let run = |args: &[&str]| {
        let out = Command::new(bin)
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("run waymark");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let json = write(
        dir.path(),
        "map.json",
        waymark::interchange::json::to_string(&small()).as_bytes(),
    );
    assert_eq!(
        run(&[
            "import",
            json.to_str().unwrap_or_default(),
            "-o",
            "map.waymark"
        ])
        .0,
        Some(0)
    );
    for args in [
        vec![
            "export",
            "map.waymark",
            "-o",
            "fit.pdf",
            "--paper",
            "a4",
            "--personas",
            "--opportunities",
        ],
        vec![
            "export",
            "map.waymark",
            "--format",
            "pdf",
            "-o",
            "poster.pdf",
            "--tile",
            "--scale",
            "0.8",
            "--orientation",
            "portrait",
        ],
        vec![
            "export",
            "map.waymark",
            "-o",
            "map.png",
            "--dpi",
            "40",
            "--journey",
            "Generated journey",
        ],
        vec!["export", "map.waymark", "-o", "grid.csv"],
        vec!["import", "grid.csv", "-o", "grid.waymark"],
        vec!["export", "grid.waymark", "-o", "again.csv"],
    ] {
        let (code, out) = run(&args);
        assert_eq!(code, Some(0), "{args:?}: {out}");
    }
    let first = std::fs::read(dir.path().join("grid.csv")).expect("csv");
    assert_eq!(
        std::fs::read(dir.path().join("again.csv")).expect("csv"),
        first
    );
    let (code, out) = run(&["export", "map.waymark", "-o", "x.pdf", "--journey", "Nope"]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains("no journey named \"Nope\"") && !out.contains("panicked"),
        "{out}"
    );
    let bad = write(dir.path(), "bad.csv", b"stage,A\nstep,\n");
    let (code, out) = run(&[
        "import",
        bad.to_str().unwrap_or_default(),
        "-o",
        "bad.waymark",
    ]);
    assert_eq!(code, Some(1));
    assert!(out.contains("bad.csv") && out.contains("column B"), "{out}");
}

#[test]
fn the_rooms_ratings_print_as_a_band_with_their_legend() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut project = small();
    let journey = project.journeys[0].id;
    let step = project.journey_steps(journey)[0].id;
    let plain = pdf::render(&project, &options()).expect("render").bytes;
    for value in [-2, 1, 3] {
        project.ratings.push(Rating {
            id: uuid::Uuid::new_v4(),
            step,
            participant: None,
            value,
        });
    }
    project.validate().expect("valid ratings");
    let path = write(
        dir.path(),
        "room.pdf",
        &pdf::render(&project, &options()).expect("render").bytes,
    );
    let text = page_texts(&path).join(" ");
    let legend = squash(&layout::words::words(&project.info.locale).room_ratings(3));
    assert!(text.contains(&legend), "{legend:?} not in {text:?}");
    let without = write(dir.path(), "plain.pdf", &plain);
    assert!(!page_texts(&without).join(" ").contains(&legend));
}
