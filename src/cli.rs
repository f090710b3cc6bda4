//! The `waymark` command line. Each subcommand is a thin call into the library; errors come
//! back as `waymark::Error` and `main` prints them as one line.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::error::{Error, Result};
use crate::export::output::Replace;
use crate::interchange::json;
use crate::store::{self, ProjectFile, SCHEMA_VERSION};
use crate::summary::Summary;
use crate::template;

#[derive(Parser)]
#[command(
    name = "waymark",
    version,
    about = "Customer journey maps in one offline project file"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum KpiPeriod {
    Month,
    Quarter,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new project file.
    New {
        file: PathBuf,
        /// A built-in template (see `waymark templates`) or the path of a template .json file.
        #[arg(long, default_value = "cx-phases")]
        template: String,
        /// The project's name (default: the file name).
        #[arg(long)]
        name: Option<String>,
        /// Language of the content, e.g. de-DE.
        #[arg(long, default_value = "en")]
        locale: String,
    },
    /// List the built-in templates `new --template` takes.
    Templates,
    /// Work with templates of one's own.
    Template {
        #[command(subcommand)]
        action: TemplateAction,
    },
    /// Show what a project holds.
    Info {
        file: PathBuf,
        /// Print a JSON summary instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Check a project file's integrity and rules.
    Validate { file: PathBuf },
    /// Write a project in another format. The output may be a new file, an earlier export (a
    /// symlink's target is written, the link stays), a terminal or pipe, or `-` for standard
    /// output; never a folder, and never a Waymark project.
    Export {
        file: PathBuf,
        /// Output format (default: from the output file's extension; needed with `-o -`).
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// The file to write; `-` writes to standard output.
        #[arg(short, long)]
        output: PathBuf,
        #[command(flatten)]
        print: PrintArgs,
    },
    /// Make a project file from an exported one (JSON, or a CSV journey grid).
    Import {
        /// A .json or .csv file (other names are read as JSON); `-` reads standard input, as
        /// JSON when it starts with `{`, else as a CSV grid, unless --format says.
        input: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        /// The input's format (default: from its extension, or its first character on stdin).
        #[arg(long, value_enum)]
        format: Option<ImportFormat>,
        /// Language of a CSV grid's project, e.g. de-DE: its legends, lane kinds, emotion scale
        /// and channels. A JSON project keeps its own.
        #[arg(long, default_value = "en")]
        locale: String,
    },
    /// Apply a change (typed edits as JSON, see docs/file-format.md) in one transaction.
    Apply {
        file: PathBuf,
        /// A JSON file holding one change; `-` reads standard input.
        change: PathBuf,
    },
    /// Run the team's server for live co-editing (docs/sync.md); runs until stopped.
    Serve {
        /// The folder the server keeps the projects in (created if missing).
        #[arg(long)]
        data: PathBuf,
        /// The address to listen on; the default is reachable from this computer only.
        #[arg(long, default_value = "127.0.0.1:7878")]
        bind: std::net::SocketAddr,
        /// Project tokens, one a line: `TOKEN` (any project) or `PROJECT-ID TOKEN`. Without it,
        /// anyone who reaches the server may edit.
        #[arg(long)]
        token_file: Option<PathBuf>,
    },
    /// Share a project live on a server and print the link others clone it with.
    Share {
        file: PathBuf,
        /// The server's address, e.g. ws://127.0.0.1:7878, with `?token=TOKEN` when it asks for one.
        #[arg(long)]
        server: String,
    },
    /// Make a new live project file from a shared project's link.
    Clone {
        link: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// One round with the project's server: receive the others' edits, send this file's, wait
    /// until the server has stored them, then exit.
    Sync { file: PathBuf },
    /// Print the JSON Schema of the JSON export.
    Schema,
    /// Write a generated map as a project file, to measure the app and the export on a map of
    /// real size.
    Sample {
        #[arg(short, long)]
        output: PathBuf,
        /// `benchmark`: 40 steps × 10 lanes × 400 cards; `stress`: 100 steps × 20 lanes × 2 000
        /// cards. Both have 5 personas with a curve each.
        #[arg(long, value_enum, default_value = "benchmark")]
        size: SampleSize,
    },
    /// Write a small picture of a project's first journey, as file managers show it.
    Thumbnail {
        file: PathBuf,
        /// The PNG to write; `-` writes to standard output.
        output: PathBuf,
        /// The picture's longer side in pixels.
        #[arg(long, default_value_t = 256)]
        size: u32,
    },
    /// Merge two copies of one project edited apart into a new file.
    Merge {
        mine: PathBuf,
        theirs: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        /// How to resolve conflicts; without it, conflicts are listed and nothing is written.
        #[arg(long, value_enum)]
        prefer: Option<crate::merge::Prefer>,
    },
    /// Rank a journey's opportunities: what to fix first (the rule is printed with them).
    Rank {
        file: PathBuf,
        /// The journey's name (default: every journey; with --csv, the only one).
        #[arg(long)]
        journey: Option<String>,
        /// Write the ranking as CSV to this file (`-`: standard output) instead of printing a table.
        #[arg(long)]
        csv: Option<PathBuf>,
    },
    /// Import survey responses (CSV) into a journey's touchpoints. Rows that cannot be
    /// imported are listed and nothing is imported, unless --skip-bad.
    Measure {
        file: PathBuf,
        responses: PathBuf,
        /// The journey's name (default: the only one).
        #[arg(long)]
        journey: Option<String>,
        /// Import the rows that can be, and report how many were skipped.
        #[arg(long)]
        skip_bad: bool,
    },
    /// The KPIs of measured touchpoints: n, expectation, satisfaction, gap, CSAT, effort, NPS
    /// and driver importance, with 95 % intervals, per period.
    Kpis {
        file: PathBuf,
        /// The journey's name (default: the only one).
        #[arg(long)]
        journey: Option<String>,
        #[arg(long, value_enum, default_value = "month")]
        period: KpiPeriod,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Open a workshop room: participants join from their phones' browsers with the link printed
    /// on the first line, add cards, vote and rate. Commands on standard input run the room
    /// (capture, vote, rate, reveal, approve all, approve ID, hide ID, kick ID, status, close
    /// [forget]); the end of standard input closes it.
    Room {
        file: PathBuf,
        /// The one address of this machine phones reach the room on (e.g. the Wi-Fi's); the port
        /// is chosen at random.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Ask nobody's name and keep nobody's name with what they write or rate.
        #[arg(long)]
        anonymous: bool,
        /// Put every card on the map as it arrives instead of into the inbox.
        #[arg(long)]
        approve_all: bool,
        /// The journey's name (default: the first journey).
        #[arg(long)]
        journey: Option<String>,
        /// Dots each participant may place.
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=100))]
        dots: u32,
        /// The most dots one participant may place on one opportunity.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100))]
        cap: Option<u32>,
    },
    /// What a future-state journey changes against the current journey it redesigns.
    Diff {
        file: PathBuf,
        /// The future-state journey's name (default: every future-state journey).
        #[arg(long)]
        journey: Option<String>,
        /// Print the diff as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum TemplateAction {
    /// Save a journey's stages, steps and lanes (no cards) as a template file.
    Save {
        file: PathBuf,
        /// The journey's name (default: the project's only journey).
        #[arg(long)]
        journey: Option<String>,
        /// The template's name, as a New dialog lists it.
        #[arg(long)]
        name: String,
        /// The template file to write (never over an existing file); `-` writes to standard output.
        #[arg(short, long)]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Pdf,
    Png,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum SampleSize {
    Benchmark,
    Stress,
}

#[derive(Clone, Copy, ValueEnum)]
enum ImportFormat {
    Json,
    Csv,
}

/// Options of the PDF, PNG and CSV exports.
#[derive(clap::Args)]
struct PrintArgs {
    /// Paper size of the PDF.
    #[arg(long, value_enum, default_value = "a3")]
    paper: crate::export::pdf::Paper,
    #[arg(long, value_enum, default_value = "landscape")]
    orientation: crate::export::pdf::Orientation,
    /// Fit each journey onto one page (the default).
    #[arg(long, conflicts_with = "tile")]
    fit: bool,
    /// Print a poster: tile the map across pages at --scale, to be glued together.
    #[arg(long)]
    tile: bool,
    /// Poster scale, 1 = 100 % (implies --tile).
    #[arg(long, conflicts_with = "fit")]
    scale: Option<f32>,
    /// Overlap between poster sheets, in millimetres.
    #[arg(long, default_value_t = 10.0)]
    overlap: f32,
    /// Page margin, in millimetres.
    #[arg(long, default_value_t = 10.0)]
    margin: f32,
    /// Export only the journey with this name (default: all; CSV: the first).
    #[arg(long)]
    journey: Option<String>,
    /// Add a sheet for each persona to the PDF.
    #[arg(long)]
    personas: bool,
    /// Add the ranked list of opportunities to the PDF.
    #[arg(long)]
    opportunities: bool,
    /// Resolution of the PNG.
    #[arg(long, default_value_t = 150.0)]
    dpi: f32,
}

impl PrintArgs {
    fn pdf(&self, source: &Path) -> crate::export::pdf::PdfOptions {
        use crate::export::pdf;
        let (paper, orientation) = (self.paper, self.orientation);
        let mode = if self.tile || self.scale.is_some() {
            pdf::Mode::Tile {
                scale: self.scale.unwrap_or(1.0),
                overlap_mm: self.overlap,
            }
        } else {
            pdf::Mode::Fit
        };
        pdf::PdfOptions {
            paper,
            orientation,
            margin_mm: self.margin,
            mode,
            journey: self.journey.clone(),
            personas: self.personas,
            opportunities: self.opportunities,
            file_name: file_name(source),
            created: time::OffsetDateTime::now_utc()
                .replace_nanosecond(0)
                .unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
        }
    }
}

fn file_name(path: &Path) -> Option<String> {
    path.file_name().map(|n| n.to_string_lossy().into_owned())
}

impl Format {
    fn from_path(path: &Path) -> Result<Format> {
        if is_standard_stream(path) {
            return Err(Error::Usage {
                what: "-o - writes to standard output; say which format with --format json, pdf, png or csv".into(),
            });
        }
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("json") => Ok(Format::Json),
            Some("pdf") => Ok(Format::Pdf),
            Some("png") => Ok(Format::Png),
            Some("csv") => Ok(Format::Csv),
            _ => Err(Error::Usage {
                what: format!("{}: cannot tell the format from the file name; add --format json, pdf, png or csv", path.display()),
            }),
        }
    }
}

/// `-` in place of a file: standard output for an export, standard input for `import` and `apply`.
fn is_standard_stream(path: &Path) -> bool {
    path == Path::new("-")
}

/// Whether `path` is this process's standard output under another name (/dev/stdout,
/// /dev/fd/1): the same file, pipe or terminal.
#[cfg(unix)]
fn is_stdout(path: &Path) -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let Ok(stdout) = std::io::stdout().as_fd().try_clone_to_owned() else {
        return false;
    };
    match (
        std::fs::File::from(stdout).metadata(),
        std::fs::metadata(path),
    ) {
        (Ok(ours), Ok(named)) => ours.dev() == named.dev() && ours.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_stdout(_path: &Path) -> bool {
    false
}

/// Writes an export to `output`: standard output for `-` (`out`), else the file or stream the
/// path names (`export::output`). Says what was written, except when that is standard output
/// (`-`, /dev/stdout), where the export's bytes must be all there is.
fn write_output(
    output: &Path,
    bytes: &[u8],
    replace: Replace,
    out: &mut dyn Write,
    done: &str,
) -> Result<()> {
    if is_standard_stream(output) {
        return write_stdout(out, bytes);
    }
    let quiet = is_stdout(output);
    crate::export::output::write(output, bytes, replace)?;
    if quiet {
        return Ok(());
    }
    write_stdout(out, done.as_bytes())
}

fn write_stdout(out: &mut dyn Write, bytes: &[u8]) -> Result<()> {
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|e| Error::io(Path::new("<stdout>"), e))
}

fn read_input(path: &Path) -> Result<String> {
    let text = if is_standard_stream(path) {
        std::io::read_to_string(std::io::stdin()).map_err(|e| Error::io(Path::new("<stdin>"), e))?
    } else {
        std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?
    };
    Ok(text)
}

/// A warning, not an error: the file is written and usable, but the user should know which
/// cards print boxes before handing it out.
fn warn_missing_glyphs(missing: &[crate::export::MissingGlyphs]) {
    for entry in missing {
        eprintln!("waymark: warning: {}", entry.describe());
    }
}

pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    let print = |out: &mut dyn Write, text: &str| write_stdout(out, text.as_bytes());
    match cli.command {
        Command::New {
            file,
            template,
            name,
            locale,
        } => {
            let name = name.unwrap_or_else(|| {
                file.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
            if name.trim().is_empty() {
                return Err(Error::Usage {
                    what: "the project name must not be empty; pass --name".into(),
                });
            }
            let project = template::load(&template)?.instantiate(&name, &locale, &crate::now())?;
            ProjectFile::create(&file, &project)?.close()?;
            print(
                out,
                &format!("created {} from template {template}\n", file.display()),
            )
        }
        Command::Templates => {
            let mut text = String::new();
            for name in template::names() {
                let t = template::builtin(name)?;
                text.push_str(&format!(
                    "{name:<18} {} — {}\n",
                    t.name.get("en"),
                    t.description.get("en")
                ));
            }
            print(out, &text)
        }
        Command::Template {
            action:
                TemplateAction::Save {
                    file,
                    journey,
                    name,
                    output,
                },
        } => {
            let project = &store::read(&file)?;
            let journey = match journey {
                Some(wanted) => crate::export::journeys(project, Some(&wanted))?[0],
                None if project.journeys.len() == 1 => &project.journeys[0],
                None => {
                    return Err(Error::Usage {
                        what: format!(
                            "{} has several journeys; choose one with --journey",
                            file.display()
                        ),
                    })
                }
            };
            let saved = template::Template::from_journey(project, journey.id, &name)?;
            let done = format!(
                "saved template {} from journey {:?}\n",
                output.display(),
                journey.name
            );
            write_output(
                &output,
                saved.to_json()?.as_bytes(),
                Replace::Never,
                out,
                &done,
            )
        }
        Command::Info { file, json } => {
            // Read the mark before opening: opening for editing would put ours there.
            let in_use = store::in_use(&file);
            let opened = ProjectFile::open(&file)?;
            let summary = Summary::of(opened.project(), SCHEMA_VERSION, opened.read_only());
            opened.close()?;
            if json {
                let mut value = serde_json::to_value(&summary).unwrap_or_default();
                if let serde_json::Value::Object(fields) = &mut value {
                    let mark = in_use.map(|(mark, liveness)| {
                        serde_json::json!({ "mark": mark, "liveness": liveness })
                    });
                    fields.insert(
                        "in_use".into(),
                        serde_json::to_value(mark).unwrap_or_default(),
                    );
                }
                let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
                text.push('\n');
                print(out, &text)
            } else {
                let line = match in_use {
                    None => "  not in use by anyone else\n".to_string(),
                    Some((mark, store::Liveness::Live)) => {
                        format!("  in use by {} (pid {})\n", mark.describe(), mark.pid)
                    }
                    Some((mark, store::Liveness::Dead)) => format!(
                        "  marked in use by {}, but that program has ended; the mark is taken over on open\n",
                        mark.describe()
                    ),
                    Some((mark, store::Liveness::Old)) => format!(
                        "  marked in use by {}, with no sign of life for over 12 hours (probably stale)\n",
                        mark.describe()
                    ),
                };
                print(out, &(summary.text() + &line))
            }
        }
        Command::Validate { file } => {
            store::validate(&file)?;
            print(out, &format!("{}: ok\n", file.display()))
        }
        Command::Export {
            file,
            format,
            output,
            print: args,
        } => {
            let format = match format {
                Some(format) => format,
                None => Format::from_path(&output)?,
            };
            let project = store::read(&file)?;
            let mut missing_glyphs = Vec::new();
            let bytes = match format {
                Format::Json => json::to_string(&project).into_bytes(),
                Format::Pdf => {
                    let rendered = crate::export::pdf::render(&project, &args.pdf(&file))?;
                    missing_glyphs = rendered.missing_glyphs;
                    rendered.bytes
                }
                Format::Png => {
                    let options = crate::export::png::PngOptions {
                        dpi: args.dpi,
                        journey: args.journey.clone(),
                        file_name: file_name(&file),
                        date: time::OffsetDateTime::now_utc().date().to_string(),
                    };
                    let rendered = crate::export::png::render(&project, &options)?;
                    missing_glyphs = rendered.missing_glyphs;
                    rendered.bytes
                }
                Format::Csv => {
                    let journey =
                        match crate::export::journeys(&project, args.journey.as_deref())?.first() {
                            Some(journey) => *journey,
                            None => {
                                return Err(Error::Usage {
                                    what: format!(
                                        "{}: the project has no journey to export",
                                        file.display()
                                    ),
                                })
                            }
                        };
                    crate::interchange::csv::to_string(&project, journey).into_bytes()
                }
            };
            let done = format!("wrote {}\n", output.display());
            write_output(&output, &bytes, Replace::OldExport, out, &done)?;
            warn_missing_glyphs(&missing_glyphs);
            Ok(())
        }
        Command::Import {
            input,
            output,
            format,
            locale,
        } => {
            let project = if is_standard_stream(&input) {
                let text = read_input(&input)?;
                let stdin = Path::new("<stdin>");
                let json = text
                    .trim_start_matches('\u{feff}')
                    .trim_start()
                    .starts_with('{');
                match format {
                    Some(ImportFormat::Json) => json::from_str(&text, stdin)?,
                    None if json => json::from_str(&text, stdin)?,
                    // Named after the project file it makes, as a grid file gives its own name.
                    _ => crate::interchange::csv::from_str(
                        &text,
                        stdin,
                        &crate::interchange::csv::name_from(&output),
                        &locale,
                        &crate::now(),
                    )?,
                }
            } else {
                let csv = input
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
                match format {
                    Some(ImportFormat::Csv) => crate::interchange::csv::read(&input, &locale)?,
                    None if csv => crate::interchange::csv::read(&input, &locale)?,
                    _ => json::read(&input)?,
                }
            };
            ProjectFile::create(&output, &project)?.close()?;
            let from = match is_standard_stream(&input) {
                true => "standard input".to_string(),
                false => input.display().to_string(),
            };
            print(out, &format!("created {} from {from}\n", output.display()))
        }
        Command::Apply { file, change } => {
            let change = read_change(&change)?;
            let mut opened = ProjectFile::open(&file)?;
            opened.apply(&change)?;
            opened.close()?;
            print(
                out,
                &format!(
                    "applied {} edits to {}\n",
                    change.edits.len(),
                    file.display()
                ),
            )
        }
        Command::Serve {
            data,
            bind,
            token_file,
        } => {
            let tokens = token_file
                .as_deref()
                .map(crate::sync::server::Tokens::read)
                .transpose()?;
            let open = if tokens.is_some() {
                "project tokens required"
            } else {
                "no token required"
            };
            let options = crate::sync::server::Options { data, bind, tokens };
            let data_shown = options.data.display().to_string();
            crate::sync::server::serve(options, |bound| {
                let _ = print(
                    out,
                    &format!("serving {data_shown} on ws://{bound} ({open})\n"),
                );
                let _ = out.flush();
            })
        }
        Command::Share { file, server } => {
            let mut opened = ProjectFile::open(&file)?;
            let link = crate::sync::client::share(&mut opened, &server)?;
            opened.close()?;
            print(out, &format!("{link}\n"))
        }
        Command::Clone { link, output } => {
            let file = crate::sync::client::clone(&link, &output)?;
            let summary = format!(
                "cloned {} into {}\n",
                file.project().info.name,
                output.display()
            );
            file.close()?;
            print(out, &summary)
        }
        Command::Sync { file } => {
            let mut opened = ProjectFile::open(&file)?;
            let round = crate::sync::client::sync(&mut opened)?;
            opened.close()?;
            print(
                out,
                &format!(
                    "synced {}: sent {} changes, received {} record edits\n",
                    file.display(),
                    round.sent,
                    round.received.edits.len()
                ),
            )
        }
        Command::Schema => print(out, &json::schema()),
        Command::Sample { output, size } => {
            let size = match size {
                SampleSize::Benchmark => crate::sample::Size::BENCHMARK,
                SampleSize::Stress => crate::sample::Size::STRESS,
            };
            let project = crate::sample::generate(size);
            ProjectFile::create(&output, &project)?.close()?;
            print(out, &format!("created {}\n", output.display()))
        }
        Command::Thumbnail { file, output, size } => {
            let project = store::read(&file)?;
            let done = format!("wrote {}\n", output.display());
            let picture = crate::thumbnail::render(&project, size)?;
            write_output(&output, &picture, Replace::OldExport, out, &done)
        }
        Command::Merge {
            mine,
            theirs,
            output,
            prefer,
        } => {
            let report = crate::merge::merge_files(&mine, &theirs, &output, prefer)?;
            let mut text = String::new();
            let verdict = match (report.written, prefer) {
                (false, _) => "conflict",
                (true, Some(crate::merge::Prefer::Mine)) => "kept mine",
                (true, _) => "kept theirs",
            };
            for conflict in &report.conflicts {
                text.push_str(&format!("{verdict}: {conflict}\n"));
            }
            for kept in &report.kept {
                text.push_str(&format!("{kept}\n"));
            }
            if !report.written {
                print(out, &text)?;
                return Err(Error::MergeConflicts {
                    count: report.conflicts.len(),
                });
            }
            text.push_str(&format!(
                "merged {} and {} into {} ({} records changed from mine, {} conflicts)\n",
                mine.display(),
                theirs.display(),
                output.display(),
                report.edits,
                report.conflicts.len()
            ));
            print(out, &text)
        }
        Command::Room {
            file,
            bind,
            anonymous,
            approve_all,
            journey,
            dots,
            cap,
        } => crate::room::headless::run(
            &file,
            crate::room::headless::Headless {
                bind,
                journey,
                options: crate::room::RoomOptions {
                    anonymous,
                    approve_all,
                    allowance: dots,
                    cap_per_card: cap,
                    ..Default::default()
                },
            },
            out,
        ),
        Command::Rank { file, journey, csv } => {
            let project = store::read(&file)?;
            let journeys = crate::export::journeys(&project, journey.as_deref())?;
            match csv {
                Some(output) => {
                    let [journey] = journeys[..] else {
                        return Err(Error::Usage {
                            what: format!(
                                "{} has several journeys; choose one with --journey",
                                file.display()
                            ),
                        });
                    };
                    if is_standard_stream(&output) {
                        let ranking = crate::priority::rank(&project, journey.id);
                        let csv = crate::priority::to_csv(&project, &ranking);
                        return write_stdout(out, csv.as_bytes());
                    }
                    crate::priority::write_csv(&project, journey.id, &output)?;
                    print(out, &format!("wrote {}\n", output.display()))
                }
                None => {
                    let mut text = format!("{}\n", crate::priority::RULE);
                    for journey in journeys {
                        let ranking = crate::priority::rank(&project, journey.id);
                        text += &format!("\nFix first — {}\n", journey.name);
                        if ranking.is_empty() {
                            text += "  no opportunity cards\n";
                        } else {
                            text += &crate::priority::to_table(&project, &ranking);
                        }
                    }
                    print(out, &text)
                }
            }
        }
        Command::Measure {
            file,
            responses,
            journey,
            skip_bad,
        } => {
            let mut project_file = ProjectFile::open(&file)?;
            if let Some(reason) = project_file.read_only() {
                return Err(Error::ReadOnly {
                    path: file.clone(),
                    reason: reason.to_string(),
                });
            }
            let journey = only_journey(project_file.project(), &file, journey.as_deref())?;
            let started = std::time::Instant::now();
            let earlier = project_file.imported_response_ids()?;
            let plan = crate::measure::read_survey(
                project_file.project(),
                journey.id,
                &responses,
                &earlier,
                &mut |_, _| {},
            )?;
            let preview = &plan.preview;
            if preview.bad_rows() > 0 && !skip_bad {
                eprint!("{}", crate::measure::report::problems(preview));
                return Err(Error::SurveyRows {
                    path: responses,
                    bad: preview.bad_rows(),
                    rows: preview.rows,
                });
            }
            project_file.apply_import(&plan.change, plan.import, &plan.response_ids)?;
            project_file.close()?;
            let text = crate::measure::report::imported(preview, &journey.name, started.elapsed());
            print(out, &text)
        }
        Command::Kpis {
            file,
            journey,
            period,
            json,
        } => {
            let project = store::read(&file)?;
            let journey = only_journey(&project, &file, journey.as_deref())?;
            let period = match period {
                KpiPeriod::Month => crate::measure::Period::Month,
                KpiPeriod::Quarter => crate::measure::Period::Quarter,
            };
            let kpis = crate::measure::journey_kpis(&project, journey.id, period);
            if json {
                print(out, &crate::measure::report::json(&kpis))
            } else {
                print(out, &crate::measure::report::table(&kpis, &journey.name))
            }
        }
        Command::Diff {
            file,
            journey,
            json,
        } => {
            let project = store::read(&file)?;
            let futures: Vec<&crate::Journey> = match &journey {
                Some(name) => crate::export::journeys(&project, Some(name))?,
                None => project
                    .journeys
                    .iter()
                    .filter(|j| j.state == crate::JourneyState::Future)
                    .collect(),
            };
            if futures.is_empty() {
                return Err(Error::Usage {
                    what: format!(
                        "{} has no future-state journey; make one with Duplicate as future state",
                        file.display()
                    ),
                });
            }
            let diffs = futures
                .iter()
                .map(|j| crate::future::diff(&project, j.id))
                .collect::<Result<Vec<_>>>()?;
            if json {
                let text = serde_json::to_string_pretty(&diffs).unwrap_or_default();
                print(out, &format!("{text}\n"))
            } else {
                let text: Vec<String> = diffs
                    .iter()
                    .map(|d| crate::future::describe(&project, d))
                    .collect();
                print(out, &text.join("\n"))
            }
        }
    }
}

/// The journey a command works on: the one named, or the project's only one.
fn only_journey(
    project: &crate::Project,
    file: &Path,
    name: Option<&str>,
) -> Result<crate::Journey> {
    match crate::export::journeys(project, name)?[..] {
        [journey] => Ok(journey.clone()),
        _ => Err(Error::Usage {
            what: format!(
                "{} has several journeys; choose one with --journey",
                file.display()
            ),
        }),
    }
}

fn read_change(path: &Path) -> Result<crate::Change> {
    let text = read_input(path)?;
    serde_json::from_str(&text).map_err(|e| Error::json(path, e))
}
