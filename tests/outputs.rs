//! Where the CLI writes its exports: a symlink stays a link, a FIFO is streamed into, a folder
//! and a Waymark project are refused, `-` is standard output (and standard input for `import`),
//! and a CSV grid is imported in the language asked for. Every case runs the real binary on
//! real files in a temp folder; none touches this process's own standard output.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{path_str, sha256, temp, waymark};

/// Runs `waymark` in `dir`, so a stray file named `-` would land where the test looks for it.
fn waymark_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_waymark"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("waymark runs")
}

/// Runs `waymark` with `input` on its standard input.
fn waymark_fed(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("waymark starts");
    child
        .stdin
        .take()
        .expect("a stdin pipe")
        .write_all(input)
        .expect("input written");
    child.wait_with_output().expect("waymark ends")
}

fn succeeded(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The one-line error of a refused command.
fn refused(out: &Output) -> String {
    assert!(!out.status.success(), "expected a refusal: {out:?}");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

/// `waymark export MAP [--format FORMAT] -o OUTPUT`.
fn export(map: &Path, format: Option<&str>, output: &Path) -> Output {
    let mut args = vec!["export", path_str(map), "-o", path_str(output)];
    if let Some(format) = format {
        args.extend(["--format", format]);
    }
    waymark(&args)
}

/// A project made by `waymark new` from the service-blueprint template, in `dir`.
fn project(dir: &Path, name: &str) -> PathBuf {
    let file = dir.join(name);
    succeeded(&waymark(&[
        "new",
        path_str(&file),
        "--template",
        "service-blueprint",
    ]));
    file
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF")
}

fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.ends_with(b"IEND\xaeB`\x82")
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([path_str(pdf), "-"])
        .output()
        .expect("pdftotext runs");
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path)
        .expect("exists")
        .file_type()
        .is_symlink()
}

fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path)
        .expect("exists")
        .file_type()
        .is_fifo()
}

#[test]
fn a_symlink_stays_a_link_and_its_target_gets_the_export() {
    let dir = temp();
    let map = project(dir.path(), "map.waymark");
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/out.json");
    std::fs::write(&target, "an old export").unwrap();
    let link = dir.path().join("out.json");
    std::os::unix::fs::symlink("real/out.json", &link).unwrap();

    succeeded(&export(&map, None, &link));
    assert!(is_symlink(&link), "{} is still a link", link.display());
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("real/out.json")
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&target).unwrap()).expect("the target holds JSON");
    assert_eq!(json["project"]["info"]["name"], "map");
    assert_eq!(
        listing(&dir.path().join("real")),
        ["out.json"],
        "no partial"
    );
    assert_eq!(listing(dir.path()), ["map.waymark", "out.json", "real"]);

    // A link to a file not yet written: the file is made where the link points.
    let dangling = dir.path().join("poster.pdf");
    std::os::unix::fs::symlink("real/poster.pdf", &dangling).unwrap();
    succeeded(&export(&map, None, &dangling));
    assert!(
        is_symlink(&dangling),
        "{} is still a link",
        dangling.display()
    );
    assert!(is_pdf(
        &std::fs::read(dir.path().join("real/poster.pdf")).unwrap()
    ));
}

#[test]
fn a_fifo_is_streamed_into_and_stays_a_fifo() {
    let dir = temp();
    let map = project(dir.path(), "map.waymark");
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    // A symlink to the FIFO, as /dev/stdout is a link to the pipe a shell gives a program.
    let link = dir.path().join("stdout");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    let expected = waymark_in(
        dir.path(),
        &["export", "map.waymark", "--format", "csv", "-o", "-"],
    );
    succeeded(&expected);

    for path in [&fifo, &link] {
        let (sender, received) = mpsc::channel();
        let reading = fifo.clone();
        std::thread::spawn(move || {
            let _ = sender.send(std::fs::read(&reading));
        });
        let out = export(&map, Some("csv"), path);
        succeeded(&out);
        let read = received
            .recv_timeout(Duration::from_secs(30))
            .expect("the export reached the reader of the FIFO")
            .expect("the FIFO reads");
        assert_eq!(read, expected.stdout, "through {}", path.display());
        assert!(is_fifo(&fifo), "the FIFO is still a FIFO");
    }
    assert_eq!(listing(dir.path()), ["map.waymark", "pipe", "stdout"]);
}

#[test]
fn a_file_a_shell_opened_for_appending_is_appended_to_not_replaced() {
    // As `waymark export … -o /dev/fd/1 >> log.txt`: the child's own standard output, a file in
    // the temp folder. (/dev/fd/N cannot be renamed over, so a mistake here fails, harmlessly.)
    let dir = temp();
    let map = project(dir.path(), "map.waymark");
    let log = dir.path().join("log.txt");
    std::fs::write(&log, "yesterday's line\n").unwrap();
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
    let before = inode(&log);
    let appending = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args([
            "export",
            path_str(&map),
            "--format",
            "csv",
            "-o",
            "/dev/fd/1",
        ])
        .stdout(Stdio::from(appending))
        .output()
        .expect("waymark runs");
    succeeded(&out);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.starts_with("yesterday's line\nstage,"), "{text}");
    assert!(!text.contains("wrote"), "{text}");
    assert_eq!(
        inode(&log),
        before,
        "the same file, not a new one in its place"
    );
    assert_eq!(listing(dir.path()), ["log.txt", "map.waymark"]);

    // Standard output a pipe, as `waymark export … -o /dev/fd/1 | jq`: the JSON and nothing else.
    let out = export(&map, Some("json"), Path::new("/dev/fd/1"));
    succeeded(&out);
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the pipe holds only the JSON");
    assert_eq!(json["project"]["info"]["name"], "map");
}

#[test]
fn a_directory_is_refused_and_left_as_it_was() {
    let dir = temp();
    let map = project(dir.path(), "map.waymark");
    let folder = dir.path().join("exports");
    std::fs::create_dir(&folder).unwrap();
    for format in ["json", "pdf", "png", "csv"] {
        let err = refused(&export(&map, Some(format), &folder));
        assert!(err.contains("exports is a directory"), "{err}");
    }
    let err = refused(&waymark(&[
        "rank",
        path_str(&map),
        "--csv",
        path_str(&folder),
    ]));
    assert!(err.contains("is a folder"), "{err}");
    assert!(listing(&folder).is_empty());
}

#[test]
fn dash_is_standard_output_for_every_format_and_nothing_else_is_printed() {
    let dir = temp();
    project(dir.path(), "map.waymark");
    let export = |format: &str| {
        let out = waymark_in(
            dir.path(),
            &["export", "map.waymark", "--format", format, "-o", "-"],
        );
        succeeded(&out);
        out.stdout
    };
    let json: serde_json::Value =
        serde_json::from_slice(&export("json")).expect("standard output is exactly the JSON");
    assert_eq!(json["project"]["info"]["name"], "map");
    let csv = String::from_utf8(export("csv")).expect("UTF-8");
    assert!(csv.starts_with("stage,"), "{csv}");
    assert!(!csv.contains("wrote"), "{csv}");
    assert!(is_pdf(&export("pdf")), "a whole PDF and nothing more");
    assert!(is_png(&export("png")), "a whole PNG and nothing more");

    let out = waymark_in(dir.path(), &["rank", "map.waymark", "--csv", "-"]);
    succeeded(&out);
    assert!(out.stdout.starts_with(b"rank,opportunity,"), "{out:?}");
    let out = waymark_in(
        dir.path(),
        &[
            "template",
            "save",
            "map.waymark",
            "--name",
            "Mine",
            "-o",
            "-",
        ],
    );
    succeeded(&out);
    let template: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("standard output is exactly the template");
    assert_eq!(template["name"], "Mine");

    // Without --format there is no extension to go by.
    let err = refused(&waymark_in(
        dir.path(),
        &["export", "map.waymark", "-o", "-"],
    ));
    assert!(err.contains("--format"), "{err}");
    assert_eq!(listing(dir.path()), ["map.waymark"], "no file named -");
}

#[test]
fn import_reads_standard_input() {
    let dir = temp();
    project(dir.path(), "map.waymark");
    let json = waymark_in(
        dir.path(),
        &["export", "map.waymark", "--format", "json", "-o", "-"],
    );
    succeeded(&json);
    let out = waymark_fed(
        dir.path(),
        &["import", "-", "-o", "copy.waymark"],
        &json.stdout,
    );
    succeeded(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("from standard input"));
    succeeded(&waymark_in(dir.path(), &["validate", "copy.waymark"]));
    let copy = waymark::store::read(&dir.path().join("copy.waymark")).unwrap();
    assert_eq!(copy.info.name, "map", "a JSON project keeps its name");

    // A grid on standard input is named after the project it makes.
    let grid = b"stage,Kauf\nstep,Bestellt\nSchmerzpunkte [pain points],Zu teuer\n";
    succeeded(&waymark_fed(
        dir.path(),
        &["import", "-", "-o", "Tarif.waymark"],
        grid,
    ));
    let imported = waymark::store::read(&dir.path().join("Tarif.waymark")).unwrap();
    assert_eq!(imported.info.name, "Tarif");
    assert_eq!(imported.cards[0].text, "Zu teuer");

    // --format says what the text is when its start would mislead.
    let err = refused(&waymark_fed(
        dir.path(),
        &["import", "-", "--format", "json", "-o", "x.waymark"],
        grid,
    ));
    assert!(err.contains("<stdin>"), "{err}");
    assert!(!dir.path().join("x.waymark").exists());
}

#[test]
fn an_export_never_writes_over_a_project() {
    let dir = temp();
    let map = project(dir.path(), "a.waymark");
    let other = project(dir.path(), "b.waymark");
    // Known by its header, not its name.
    let renamed = dir.path().join("b-backup.json");
    std::fs::copy(&other, &renamed).unwrap();
    let link = dir.path().join("latest.pdf");
    std::os::unix::fs::symlink(&other, &link).unwrap();
    let before = sha256(&other);
    for (target, format) in [
        (&other, "json"),
        (&other, "pdf"),
        (&renamed, "json"),
        (&link, "pdf"),
    ] {
        let err = refused(&export(&map, Some(format), target));
        assert!(err.contains("is a Waymark project"), "{err}");
        assert!(err.contains(path_str(target)), "names the file: {err}");
        assert!(err.contains("choose another file name"), "{err}");
    }
    // The ranking too, even under a name ending in .csv.
    let as_csv = dir.path().join("ranking.csv");
    std::fs::copy(&other, &as_csv).unwrap();
    let err = refused(&waymark(&[
        "rank",
        path_str(&map),
        "--csv",
        path_str(&as_csv),
    ]));
    assert!(err.contains("is a Waymark project"), "{err}");
    assert_eq!(
        sha256(&other),
        before,
        "the project is byte for byte as it was"
    );
    assert_eq!(sha256(&renamed), before);
    assert_eq!(sha256(&as_csv), before);
    succeeded(&waymark(&["validate", path_str(&other)]));
    succeeded(&waymark(&["validate", path_str(&renamed)]));
    assert!(is_symlink(&link), "{} is still a link", link.display());
    assert_eq!(
        listing(dir.path()),
        [
            "a.waymark",
            "b-backup.json",
            "b.waymark",
            "latest.pdf",
            "ranking.csv"
        ],
        "no partial left"
    );
}

#[test]
fn an_old_export_is_replaced() {
    let dir = temp();
    let map = project(dir.path(), "map.waymark");
    for (name, check) in [
        ("old.pdf", is_pdf as fn(&[u8]) -> bool),
        ("old.png", is_png),
        ("old.json", |b: &[u8]| {
            serde_json::from_slice::<serde_json::Value>(b).is_ok()
        }),
        ("old.csv", |b: &[u8]| b.starts_with(b"stage,")),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, "an export from last week").unwrap();
        succeeded(&export(&map, None, &file));
        assert!(check(&std::fs::read(&file).unwrap()), "{name} replaced");
    }
}

#[test]
fn a_csv_grid_is_imported_in_the_language_asked_for() {
    let dir = temp();
    let grid = dir.path().join("Mobilfunk.csv");
    std::fs::write(
        &grid,
        "stage,Suche,Kauf\nstep,Vergleicht Tarife,Bestellt\n\
         [Schmerzpunkte],Zu viele Tarife,\nGedanken,,Lohnt sich das?\n",
    )
    .unwrap();
    let german = dir.path().join("de.waymark");
    succeeded(&waymark(&[
        "import",
        path_str(&grid),
        "-o",
        path_str(&german),
        "--locale",
        "de-DE",
    ]));
    let info = waymark(&["info", path_str(&german), "--json"]);
    succeeded(&info);
    let info: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
    assert_eq!(info["locale"], "de-DE");
    assert_eq!(info["name"], "Mobilfunk");
    assert_eq!(
        info["journeys"][0]["lanes"],
        serde_json::json!(["Schmerzpunkte", "Gedanken"])
    );
    let project = waymark::store::read(&german).unwrap();
    assert_eq!(project.journeys[0].scale.min_label, "Frustriert");
    assert_eq!(project.journeys[0].scale.max_label, "Begeistert");
    assert!(
        project.channels.iter().any(|c| c.name == "Filiale"),
        "German channels: {:?}",
        project.channels.iter().map(|c| &c.name).collect::<Vec<_>>()
    );

    let pdf = dir.path().join("de.pdf");
    succeeded(&export(&german, None, &pdf));
    let text = pdf_text(&pdf);
    for words in [
        "Ist-Zustand",
        "Phasen",
        "Schritte",
        "Frustriert (-5)",
        "Legende",
        "über null: Begeistert",
    ] {
        assert!(text.contains(words), "{words} in the PDF: {text}");
    }
    assert!(!text.contains("Legend\n"), "{text}");

    // The default stays English.
    let english = dir.path().join("en.waymark");
    succeeded(&waymark(&[
        "import",
        path_str(&grid),
        "-o",
        path_str(&english),
    ]));
    let project = waymark::store::read(&english).unwrap();
    assert_eq!(project.info.locale, "en");
    assert_eq!(project.journeys[0].scale.min_label, "Frustrated");
    let pdf = dir.path().join("en.pdf");
    succeeded(&export(&english, None, &pdf));
    let text = pdf_text(&pdf);
    assert!(
        text.contains("current state") && text.contains("above zero: Delighted"),
        "{text}"
    );
}
