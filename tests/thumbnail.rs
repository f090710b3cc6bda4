//! `waymark thumbnail FILE OUT.png --size N`, as a file manager's thumbnailer runs it: a real
//! project file in, a PNG out whose longer side is N and which shows a map, not a blank square.

mod common;

use std::path::Path;

use common::{file_in, path_str, temp, waymark};

fn demo_file(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo/demo.json");
    let file = file_in(dir, "demo.waymark");
    let out = waymark(&["import", demo, "-o", path_str(&file)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    file
}

fn decode(path: &Path) -> tiny_skia::Pixmap {
    tiny_skia::Pixmap::decode_png(&std::fs::read(path).expect("the thumbnail was written"))
        .expect("the thumbnail is a PNG")
}

/// Share of pixels that are not (nearly) white: the map's bands, cards and text.
fn inked(pixmap: &tiny_skia::Pixmap) -> f64 {
    let inked = pixmap
        .pixels()
        .iter()
        .filter(|p| p.red().min(p.green()).min(p.blue()) < 235)
        .count();
    inked as f64 / pixmap.pixels().len() as f64
}

#[test]
fn each_size_a_file_manager_asks_for_gives_a_picture_of_that_size_showing_the_map() {
    let dir = temp();
    let demo = demo_file(&dir);
    for size in [128u32, 256, 512] {
        let png = file_in(&dir, &format!("demo-{size}.png"));
        let out = waymark(&[
            "thumbnail",
            path_str(&demo),
            path_str(&png),
            "--size",
            &size.to_string(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let pixmap = decode(&png);
        assert_eq!(pixmap.width().max(pixmap.height()), size);
        assert!(
            pixmap.width().min(pixmap.height()) >= size / 3,
            "{}×{} is a sliver, not a picture",
            pixmap.width(),
            pixmap.height()
        );
        let share = inked(&pixmap);
        assert!(share > 0.15, "only {share:.3} of {size} px is drawn on");
    }
}

#[test]
fn a_wide_map_shows_its_start_instead_of_a_grey_line() {
    let dir = temp();
    let sample = file_in(&dir, "sample.waymark");
    assert!(waymark(&["sample", "-o", path_str(&sample)])
        .status
        .success());
    let png = file_in(&dir, "sample.png");
    let out = waymark(&[
        "thumbnail",
        path_str(&sample),
        path_str(&png),
        "--size",
        "256",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pixmap = decode(&png);
    assert_eq!(pixmap.width(), 256, "the start is cut to at most 4:3");
    assert!(pixmap.height() >= 256 * 3 / 4 - 1, "{}", pixmap.height());
    assert!(inked(&pixmap) > 0.15);
}

#[test]
fn bad_input_gets_one_line_and_no_picture() {
    let dir = temp();
    let demo = demo_file(&dir);
    let png = file_in(&dir, "out.png");
    let not_a_project = file_in(&dir, "notes.waymark");
    std::fs::write(&not_a_project, "just text").unwrap();
    let empty = file_in(&dir, "empty.waymark");
    let project = waymark::catalogue::new_project("Nothing yet", "en", &waymark::now());
    assert!(project.journeys.is_empty());
    waymark::store::ProjectFile::create(&empty, &project)
        .and_then(|file| file.close())
        .expect("an empty project file");

    for (args, says) in [
        (
            vec![path_str(&demo), path_str(&png), "--size", "4096"],
            "--size 4096",
        ),
        (
            vec![path_str(&demo), path_str(&png), "--size", "8"],
            "16 to 1024",
        ),
        (
            vec![path_str(&not_a_project), path_str(&png)],
            "notes.waymark",
        ),
        (vec!["missing.waymark", path_str(&png)], "missing.waymark"),
        (vec![path_str(&empty), path_str(&png)], "no journey"),
    ] {
        let out = waymark(&[&["thumbnail"], args.as_slice()].concat());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(!png.exists(), "nothing is written on {args:?}");
    }
}
