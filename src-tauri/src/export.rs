//! The export dialog's two jobs: page thumbnails of the PDF as it would be written, and the PDF
//! itself, written beside its target and renamed into place so no half file is ever left.
//! Both run the core's `export::pdf::render`; the thumbnails are that very PDF rasterised, so the
//! preview cannot drift from what is printed.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use waymark::export::pdf::{self, Mode, Orientation, Paper, PdfOptions};
use waymark::export::MissingGlyphs;
use waymark::Project;

use crate::error::{ErrorCode, IpcError};

/// Above this many pages the preview shows the first ones and says how many there are.
pub const PREVIEW_PAGES: usize = 60;
/// The longer side of a thumbnail in pixels: one or two sheets are shown large, a poster's many
/// as a contact sheet (the dialog shows them at half this, sharp on a high-density screen).
fn thumbnail_px(pages: usize) -> f32 {
    if pages <= 2 {
        720.0
    } else {
        360.0
    }
}

/// The dialog's choices, as the front end sends them.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    /// The journey's name; all journeys when absent.
    pub journey: Option<String>,
    pub paper: Paper,
    pub orientation: Orientation,
    pub mode: ExportMode,
    /// The poster's scale (1.0 = the map at full size) and the sheets' overlap.
    pub scale: f32,
    pub overlap_mm: f32,
    pub margin_mm: f32,
    pub personas: bool,
    pub opportunities: bool,
}

/// One page per journey, or a poster tiled at the request's scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ExportMode {
    Fit,
    Poster,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Thumbnail {
    /// `data:image/png;base64,…`, allowed by the CSP's `img-src data:`.
    pub src: String,
    pub width_pt: f32,
    pub height_pt: f32,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub page_count: usize,
    pub pages: Vec<Thumbnail>,
    pub bytes: usize,
    /// How long the PDF took to lay out and write, and the thumbnails to draw.
    #[ts(type = "number")]
    pub render_ms: u64,
    #[ts(type = "number")]
    pub thumbnail_ms: u64,
    /// Cards with characters no installed font has: the PDF shows boxes there.
    pub missing_glyphs: Vec<MissingGlyphs>,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub path: PathBuf,
    pub page_count: usize,
    pub bytes: usize,
    #[ts(type = "number")]
    pub ms: u64,
    /// Cards with characters no installed font has: the PDF shows boxes there.
    pub missing_glyphs: Vec<MissingGlyphs>,
}

impl ExportRequest {
    pub fn options(&self, file_name: Option<String>) -> Result<PdfOptions, IpcError> {
        let mode = match self.mode {
            ExportMode::Fit => Mode::Fit,
            ExportMode::Poster => Mode::Tile {
                scale: self.scale,
                overlap_mm: self.overlap_mm,
            },
        };
        if !(0.0..=50.0).contains(&self.margin_mm) {
            return Err(IpcError::new(
                ErrorCode::Usage,
                format!(
                    "a margin of {} mm is out of range; choose 0 to 50 mm",
                    self.margin_mm
                ),
            ));
        }
        Ok(PdfOptions {
            paper: self.paper,
            orientation: self.orientation,
            margin_mm: self.margin_mm,
            mode,
            journey: self.journey.clone(),
            personas: self.personas,
            opportunities: self.opportunities,
            file_name,
            ..PdfOptions::default()
        })
    }
}

fn millis(since: Instant) -> u64 {
    since.elapsed().as_millis().try_into().unwrap_or(u64::MAX)
}

fn internal(what: &str) -> IpcError {
    IpcError::new(
        ErrorCode::Internal,
        format!("{what}; export the PDF and open it instead, or report this as a bug"),
    )
}

/// The PDF the request would write, rasterised page by page at thumbnail size.
pub fn preview(
    project: &Project,
    request: &ExportRequest,
    file_name: Option<String>,
) -> Result<Preview, IpcError> {
    let started = Instant::now();
    let rendered = pdf::render(project, &request.options(file_name)?)?;
    let (bytes, missing_glyphs) = (rendered.bytes, rendered.missing_glyphs);
    let render_ms = millis(started);
    let started = Instant::now();
    let size = bytes.len();
    let document = hayro::hayro_syntax::Pdf::new(Arc::new(bytes))
        .map_err(|_| internal("the preview could not read the PDF it made"))?;
    let all = document.pages();
    let cache = hayro::RenderCache::new();
    let interpreter = hayro::hayro_interpret::InterpreterSettings::default();
    let settings = hayro::RenderSettings::default();
    let mut pages = Vec::new();
    let px = thumbnail_px(all.len());
    for page in all.iter().take(PREVIEW_PAGES) {
        let (width_pt, height_pt) = page.render_dimensions();
        let scale = px / width_pt.max(height_pt).max(1.0);
        let pixmap_settings = hayro::PixmapSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: hayro::vello_cpu::color::palette::css::WHITE,
        };
        let pixmap = hayro::render(page, &cache, &interpreter, &settings, &pixmap_settings);
        let png = pixmap
            .into_png()
            .map_err(|_| internal("a page thumbnail could not be encoded"))?;
        let src = format!(
            "data:image/png;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(png)
        );
        pages.push(Thumbnail {
            src,
            width_pt,
            height_pt,
        });
    }
    Ok(Preview {
        page_count: all.len(),
        pages,
        bytes: size,
        render_ms,
        thumbnail_ms: millis(started),
        missing_glyphs,
    })
}

/// Writes the PDF to `path` as every export is written (`waymark::export::output`): an old
/// export is replaced whole, a symlink's target is written, a Waymark project is refused.
pub fn export(
    project: &Project,
    request: &ExportRequest,
    file_name: Option<String>,
    path: &Path,
) -> Result<Exported, IpcError> {
    let started = Instant::now();
    if path.as_os_str().is_empty() {
        return Err(IpcError::new(
            ErrorCode::Usage,
            "no file to export to: type a path ending in .pdf or choose one with Browse…",
        ));
    }
    if path.is_dir() {
        return Err(IpcError::new(
            ErrorCode::IsDirectory,
            format!(
                "{} is a folder; add a file name ending in .pdf",
                path.display()
            ),
        ));
    }
    let rendered = pdf::render(project, &request.options(file_name)?)?;
    let bytes = rendered.bytes;
    let page_count = page_count(&bytes);
    waymark::export::output::write(path, &bytes, waymark::export::output::Replace::OldExport)?;
    Ok(Exported {
        path: path.to_path_buf(),
        page_count,
        bytes: bytes.len(),
        ms: millis(started),
        missing_glyphs: rendered.missing_glyphs,
    })
}

fn page_count(bytes: &[u8]) -> usize {
    hayro::hayro_syntax::Pdf::new(Arc::new(bytes.to_vec()))
        .map(|pdf| pdf.pages().len())
        .unwrap_or(0)
}

/// `<project name>.pdf` beside the project file, with characters file systems refuse replaced.
pub fn default_path(project_path: &Path, project_name: &str) -> PathBuf {
    let clean: String = project_name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().trim_matches('.');
    let stem = if clean.is_empty() {
        project_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Journey map".into())
    } else {
        clean.to_string()
    };
    project_path
        .parent()
        .unwrap_or(Path::new("."))
        .join(format!("{stem}.pdf"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Project {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/demo/demo.json");
        waymark::interchange::json::read(&path).expect("the demo project reads")
    }

    fn request(paper: Paper, orientation: Orientation, mode: ExportMode) -> ExportRequest {
        ExportRequest {
            journey: None,
            paper,
            orientation,
            mode,
            scale: 1.0,
            overlap_mm: 10.0,
            margin_mm: 10.0,
            personas: false,
            opportunities: false,
        }
    }

    fn a3() -> ExportRequest {
        request(Paper::A3, Orientation::Landscape, ExportMode::Fit)
    }

    /// The request as the dialog sends it (ui/src/lib/export/options.ts `toRequest`).
    fn sent(paper: &str, orientation: &str, mode: &str) -> serde_json::Result<ExportRequest> {
        serde_json::from_value(serde_json::json!({
            "journey": null, "paper": paper, "orientation": orientation, "mode": mode,
            "scale": 1.5, "overlapMm": 8, "marginMm": 10, "personas": false, "opportunities": true,
        }))
    }

    #[test]
    fn the_request_takes_the_dialogs_names_and_refuses_others() {
        let poster = sent("a3", "portrait", "poster")
            .expect("the dialog's names")
            .options(Some("m.waymark".into()))
            .expect("valid");
        assert_eq!(
            (poster.paper, poster.orientation),
            (Paper::A3, Orientation::Portrait)
        );
        assert_eq!(
            poster.mode,
            Mode::Tile {
                scale: 1.5,
                overlap_mm: 8.0
            }
        );
        let tabloid = sent("tabloid", "landscape", "fit").expect("valid");
        assert_eq!(
            (tabloid.paper, tabloid.mode),
            (Paper::Tabloid, ExportMode::Fit)
        );
        let no_b5 = sent("b5", "landscape", "fit").expect_err("no B5");
        assert!(no_b5.to_string().contains("a4"), "{no_b5}");
        assert!(sent("a3", "sideways", "fit").is_err());
        assert!(sent("a3", "landscape", "tiled").is_err());
        let mut wide = a3();
        wide.margin_mm = 80.0;
        let error = wide.options(None).expect_err("too wide a margin");
        assert_eq!(error.code, ErrorCode::Usage);
        assert!(error.message.contains("0 to 50 mm"), "{}", error.message);
    }

    #[test]
    fn the_preview_is_the_pdf_rasterised_page_by_page() {
        let preview = preview(&demo(), &a3(), Some("demo.waymark".into())).expect("preview");
        assert_eq!(preview.page_count, 1);
        let page = &preview.pages[0];
        assert!(
            (page.width_pt - 1190.55).abs() < 0.5 && (page.height_pt - 841.89).abs() < 0.5,
            "{} × {}",
            page.width_pt,
            page.height_pt
        );
        let png = base64::engine::general_purpose::STANDARD
            .decode(
                page.src
                    .strip_prefix("data:image/png;base64,")
                    .expect("a PNG data URL"),
            )
            .expect("base64");
        assert_eq!(&png[1..4], b"PNG");
        // A real picture of a map, not a blank sheet: a blank 360 × 254 PNG packs to far less.
        assert!(png.len() > 8_000, "{} bytes", png.len());
    }

    #[test]
    fn a_poster_previews_every_sheet_the_export_writes() {
        let project = demo();
        let mut poster = request(Paper::A4, Orientation::Portrait, ExportMode::Poster);
        poster.scale = 1.5;
        poster.personas = true;
        let shown = preview(&project, &poster, None).expect("preview");
        assert!(shown.page_count > 2, "{} pages", shown.page_count);
        assert_eq!(shown.pages.len(), shown.page_count.min(PREVIEW_PAGES));

        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("Kundenreise März.pdf");
        let written = export(&project, &poster, None, &target).expect("export");
        assert_eq!(written.page_count, shown.page_count);
        assert_eq!(
            written.bytes,
            std::fs::metadata(&target).expect("written").len() as usize
        );
        assert!(std::fs::read(&target).expect("read").starts_with(b"%PDF-"));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("Kundenreise März.pdf")],
            "no partial file is left"
        );
    }

    #[test]
    fn the_preview_and_the_export_name_the_cards_that_print_boxes() {
        let fit = a3();
        assert!(preview(&demo(), &fit, None)
            .expect("preview")
            .missing_glyphs
            .is_empty());
        let mut project = demo();
        // Unassigned in Unicode, so no installed font has it.
        project.cards[0].text = "Rückruf \u{378} zusagen".into();
        let shown = preview(&project, &fit, None).expect("preview");
        assert_eq!(shown.missing_glyphs.len(), 1, "{:?}", shown.missing_glyphs);
        assert_eq!(shown.missing_glyphs[0].card, Some(project.cards[0].id));
        assert_eq!(shown.missing_glyphs[0].codepoints, vec![0x378]);
        let dir = tempfile::tempdir().expect("temp dir");
        let written = export(&project, &fit, None, &dir.path().join("m.pdf")).expect("export");
        assert_eq!(written.missing_glyphs, shown.missing_glyphs);
    }

    #[test]
    fn a_failed_write_names_the_file_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("missing folder/map.pdf");
        let error = export(&demo(), &a3(), None, &target).expect_err("no such folder");
        assert_eq!(error.code, ErrorCode::Io);
        assert!(error.message.contains("map.pdf"), "{}", error.message);
        assert_eq!(
            export(&demo(), &a3(), None, dir.path())
                .expect_err("a folder")
                .code,
            ErrorCode::IsDirectory
        );
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0);
    }

    #[test]
    fn a_waymark_project_in_the_way_is_refused_whatever_its_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let project = dir.path().join("map.waymark");
        waymark::store::ProjectFile::create(&project, &demo())
            .expect("a project")
            .close()
            .expect("closed");
        let under_pdf_name = dir.path().join("map.pdf");
        std::fs::copy(&project, &under_pdf_name).expect("copied");
        let before = std::fs::read(&under_pdf_name).expect("read");
        let error =
            export(&demo(), &a3(), None, &under_pdf_name).expect_err("a project is in the way");
        assert_eq!(error.code, ErrorCode::OutputIsProject);
        assert!(
            error.message.contains("map.pdf is a Waymark project"),
            "{}",
            error.message
        );
        assert_eq!(std::fs::read(&under_pdf_name).expect("read"), before);
        waymark::store::validate(&under_pdf_name).expect("still a sound project");
    }

    #[test]
    fn the_default_path_is_the_project_name_beside_the_file() {
        let file = Path::new("/maps/kunden.waymark");
        assert_eq!(
            default_path(file, "Switching: energy / gas"),
            PathBuf::from("/maps/Switching- energy - gas.pdf")
        );
        assert_eq!(default_path(file, "  "), PathBuf::from("/maps/kunden.pdf"));
    }
}
