//! Print-ready PDF: vector drawing, subset Noto Sans (and installed faces for the characters it
//! lacks) so every word stays selectable, either the whole journey fitted onto one sheet or a
//! poster's sheets (cut by `layout::poster`) each on a page of its own with crop marks and a
//! page label.

use std::collections::HashMap;
use std::io::Write as _;
use std::sync::{Mutex, OnceLock};

use printpdf::{
    Color, FontId, LineDashPattern, LinePoint, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Polygon, PolygonRing, Pt, RawImage, RawImageData, RawImageFormat,
    TextItem, TextMatrix, WindingOrder, XObjectId, XObjectTransform,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{missing, Rendered};
use crate::error::{Error, Result};
use crate::layout::fallback;
use crate::layout::poster::{self, Sheet};
use crate::layout::scene::{Item, Rect, Rgb, Scene, Seg, Stroke};
use crate::layout::text::{fonts, Face, Source};
use crate::layout::{self, sheets, MapOptions};
use crate::model::{Persona, Project};

const MM: f32 = 72.0 / 25.4;
const COMPRESSION: u32 = 6;
/// A poster beyond this is almost certainly a mistyped scale, and would take minutes to write.
const MAX_SHEETS: usize = 1000;

/// Over IPC by its lower-case name (`a3`, `letter`), as the CLI takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    A4,
    A3,
    A2,
    A1,
    A0,
    Letter,
    Tabloid,
}

impl Paper {
    pub const ALL: [Paper; 7] = [
        Paper::A4,
        Paper::A3,
        Paper::A2,
        Paper::A1,
        Paper::A0,
        Paper::Letter,
        Paper::Tabloid,
    ];

    /// Portrait width and height in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::A3 => (297.0, 420.0),
            Paper::A2 => (420.0, 594.0),
            Paper::A1 => (594.0, 841.0),
            Paper::A0 => (841.0, 1189.0),
            Paper::Letter => (215.9, 279.4),
            Paper::Tabloid => (279.4, 431.8),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::A3 => "a3",
            Paper::A2 => "a2",
            Paper::A1 => "a1",
            Paper::A0 => "a0",
            Paper::Letter => "letter",
            Paper::Tabloid => "tabloid",
        }
    }

    pub fn from_name(name: &str) -> Option<Paper> {
        Paper::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Orientation {
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    /// The whole journey on one sheet, scaled to fit.
    Fit,
    /// A poster: the map at `scale` (1.0 = 100 %), cut into sheets that overlap by `overlap_mm`.
    Tile { scale: f32, overlap_mm: f32 },
}

#[derive(Debug, Clone)]
pub struct PdfOptions {
    pub paper: Paper,
    pub orientation: Orientation,
    pub margin_mm: f32,
    pub mode: Mode,
    /// Only this journey; all journeys when `None`.
    pub journey: Option<String>,
    pub personas: bool,
    pub opportunities: bool,
    /// The project file's name, printed in the title block.
    pub file_name: Option<String>,
    /// Creation date written into the PDF and shown in the title block.
    pub created: time::OffsetDateTime,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            paper: Paper::A3,
            orientation: Orientation::Landscape,
            margin_mm: 10.0,
            mode: Mode::Fit,
            journey: None,
            personas: false,
            opportunities: false,
            file_name: None,
            created: time::OffsetDateTime::now_utc(),
        }
    }
}

impl PdfOptions {
    /// Page width and height in points.
    pub fn page_size(&self, orientation: Orientation) -> (f32, f32) {
        let (w, h) = self.paper.size_mm();
        let (w, h) = match orientation {
            Orientation::Portrait => (w, h),
            Orientation::Landscape => (h, w),
        };
        (w * MM, h * MM)
    }
}

fn parsed_fonts() -> &'static [Option<ParsedFont>; 3] {
    static FONTS: OnceLock<[Option<ParsedFont>; 3]> = OnceLock::new();
    FONTS.get_or_init(|| {
        Face::ALL.map(|face| ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new()))
    })
}

/// Installed faces parsed for embedding, kept for the process: parsing a large CJK face costs
/// more than subsetting it.
fn parsed_installed(index: usize) -> Option<ParsedFont> {
    static FONTS: OnceLock<Mutex<HashMap<usize, Option<ParsedFont>>>> = OnceLock::new();
    let mut parsed = FONTS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    parsed
        .entry(index)
        .or_insert_with(|| {
            let face = fallback::face(index)?;
            ParsedFont::from_bytes(&face.data, face.index as usize, &mut Vec::new())
        })
        .clone()
}

fn colour(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

/// Maps map units to page points: `origin` is where the map point `view` lands, y flipped.
#[derive(Clone, Copy)]
struct Transform {
    view_x: f32,
    view_y: f32,
    page_x: f32,
    page_top: f32,
    scale: f32,
}

impl Transform {
    fn point(&self, p: crate::layout::scene::Point) -> printpdf::Point {
        let x = self.page_x + (p.x - self.view_x) * self.scale;
        let y = self.page_top - (p.y - self.view_y) * self.scale;
        printpdf::Point {
            x: Pt(round(x)),
            y: Pt(round(y)),
        }
    }
}

/// A hundredth of a point is far below what a printer resolves, and short numbers keep the
/// content streams small and quick to compress.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

struct Writer<'a> {
    project: &'a Project,
    doc: PdfDocument,
    fonts: [Option<FontId>; 3],
    /// Installed faces added on first use, by their index in `fallback::face`.
    installed: HashMap<usize, Option<FontId>>,
    images: HashMap<String, Option<(XObjectId, u32, u32)>>,
}

struct Page {
    ops: Vec<printpdf::Op>,
    font: Option<(Source, f32)>,
    fill: Option<Rgb>,
    outline: Option<(Rgb, f32, Option<(f32, f32)>)>,
}

impl Page {
    fn new() -> Page {
        Page {
            ops: Vec::new(),
            font: None,
            fill: None,
            outline: None,
        }
    }
}

impl Writer<'_> {
    fn font(&mut self, source: Source) -> Option<FontId> {
        match source {
            Source::Bundled(face) => self.fonts[face as usize].clone(),
            Source::Installed(index) => {
                if let Some(known) = self.installed.get(&index) {
                    return known.clone();
                }
                let added = parsed_installed(index).map(|font| self.doc.add_font(&font));
                self.installed.insert(index, added.clone());
                added
            }
        }
    }

    /// One line of text inside a text section, its baseline starting at `at`, all in page
    /// points; one run per font, so a line the bundled face covers is a single run.
    fn line(&mut self, page: &mut Page, face: Face, text: &str, size: f32, at: (f32, f32)) {
        use printpdf::Op;
        for run in fonts().runs(face, text, size) {
            let Some(font) = self.font(run.source) else {
                continue;
            };
            if page.font != Some((run.source, size)) {
                page.ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font),
                    size: Pt(size),
                });
                page.font = Some((run.source, size));
            }
            page.ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(round(at.0 + run.x)), Pt(at.1)),
            });
            page.ops.push(Op::ShowText {
                items: vec![TextItem::Text(run.text)],
            });
        }
    }

    fn image(&mut self, hash: &str) -> Option<(XObjectId, u32, u32)> {
        if let Some(known) = self.images.get(hash) {
            return known.clone();
        }
        let placed = self
            .project
            .image(hash)
            .and_then(super::image::decode)
            .map(|pixels| {
                let image = RawImage {
                    pixels: RawImageData::U8(pixels.rgba),
                    width: pixels.width as usize,
                    height: pixels.height as usize,
                    data_format: RawImageFormat::RGBA8,
                    tag: Vec::new(),
                };
                (self.doc.add_image(&image), pixels.width, pixels.height)
            });
        self.images.insert(hash.to_string(), placed.clone());
        placed
    }

    /// Draws the scene's items that meet `view` (map units), clipped to `clip` (page points).
    fn draw(
        &mut self,
        page: &mut Page,
        scene: &Scene,
        view: Rect,
        t: Transform,
        clip: Option<Rect>,
    ) {
        use printpdf::Op;
        page.ops.push(Op::SaveGraphicsState);
        if let Some(c) = clip {
            page.ops.push(Op::DrawRectangle {
                rectangle: printpdf::Rect {
                    x: Pt(c.x),
                    y: Pt(c.y),
                    width: Pt(c.w),
                    height: Pt(c.h),
                    mode: Some(PaintMode::Clip),
                    winding_order: None,
                },
            });
        }
        page.fill = None;
        page.font = None;
        page.outline = None;
        let mut in_text = false;
        for item in scene.items.iter().filter(|i| i.bounds().intersects(&view)) {
            if let Item::Text(text) = item {
                if !in_text {
                    page.ops.push(Op::StartTextSection);
                    in_text = true;
                    page.font = None;
                }
                if page.fill != Some(text.colour) {
                    page.ops.push(Op::SetFillColor {
                        col: colour(text.colour),
                    });
                    page.fill = Some(text.colour);
                }
                let size = (text.size * t.scale * 1000.0).round() / 1000.0;
                let at = t.point(crate::layout::scene::pt(text.x, text.y));
                self.line(page, text.face, &text.text, size, (at.x.0, at.y.0));
                continue;
            }
            if in_text {
                page.ops.push(Op::EndTextSection);
                in_text = false;
            }
            match item {
                Item::Rect { rect, fill, stroke } => {
                    let segs = vec![
                        Seg::Move(crate::layout::scene::pt(rect.x, rect.y)),
                        Seg::Line(crate::layout::scene::pt(rect.right(), rect.y)),
                        Seg::Line(crate::layout::scene::pt(rect.right(), rect.bottom())),
                        Seg::Line(crate::layout::scene::pt(rect.x, rect.bottom())),
                        Seg::Close,
                    ];
                    self.path(page, &segs, *fill, *stroke, t);
                }
                Item::Path { segs, fill, stroke } => self.path(page, segs, *fill, *stroke, t),
                Item::Image { rect, hash } => match self.image(hash) {
                    Some((id, w, h)) => {
                        let at = t.point(crate::layout::scene::pt(rect.x, rect.bottom()));
                        page.ops.push(Op::UseXobject {
                            id,
                            transform: XObjectTransform {
                                translate_x: Some(at.x),
                                translate_y: Some(at.y),
                                scale_x: Some(rect.w * t.scale / w as f32),
                                scale_y: Some(rect.h * t.scale / h as f32),
                                dpi: Some(72.0),
                                ..XObjectTransform::default()
                            },
                        });
                    }
                    None => {
                        let r = *rect;
                        let cross = vec![
                            Seg::Move(crate::layout::scene::pt(r.x, r.y)),
                            Seg::Line(crate::layout::scene::pt(r.right(), r.bottom())),
                            Seg::Move(crate::layout::scene::pt(r.right(), r.y)),
                            Seg::Line(crate::layout::scene::pt(r.x, r.bottom())),
                        ];
                        self.path(
                            page,
                            &cross,
                            None,
                            crate::layout::scene::stroke(Rgb::GREY, 0.6),
                            t,
                        );
                    }
                },
                Item::Text(_) => {}
            }
        }
        if in_text {
            page.ops.push(Op::EndTextSection);
        }
        page.ops.push(Op::RestoreGraphicsState);
        page.fill = None;
        page.font = None;
        page.outline = None;
    }

    fn path(
        &mut self,
        page: &mut Page,
        segs: &[Seg],
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
        t: Transform,
    ) {
        use printpdf::Op;
        let mut rings: Vec<(Vec<LinePoint>, bool)> = Vec::new();
        for seg in segs {
            let point = |p, bezier| LinePoint {
                p: t.point(p),
                bezier,
            };
            match *seg {
                Seg::Move(p) => rings.push((vec![point(p, false)], false)),
                Seg::Line(p) => {
                    if let Some((ring, _)) = rings.last_mut() {
                        ring.push(point(p, false));
                    }
                }
                Seg::Cubic(a, b, c) => {
                    if let Some((ring, _)) = rings.last_mut() {
                        ring.extend([point(a, true), point(b, true), point(c, false)]);
                    }
                }
                Seg::Close => {
                    if let Some((_, closed)) = rings.last_mut() {
                        *closed = true;
                    }
                }
            }
        }
        if let Some(f) = fill {
            if page.fill != Some(f) {
                page.ops.push(Op::SetFillColor { col: colour(f) });
                page.fill = Some(f);
            }
        }
        if let Some(s) = stroke {
            let width = (s.width * t.scale * 1000.0).round() / 1000.0;
            let dash = s
                .dash
                .map(|(on, off)| (round(on * t.scale), round(off * t.scale)));
            let (old_colour, old_width, old_dash) = match page.outline {
                Some((c, w, d)) => (Some(c), Some(w), Some(d)),
                None => (None, None, None),
            };
            if old_colour != Some(s.colour) {
                page.ops.push(Op::SetOutlineColor {
                    col: colour(s.colour),
                });
            }
            if old_width != Some(width) {
                page.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
            }
            if old_dash != Some(dash) {
                let pattern = match dash {
                    Some((on, off)) => LineDashPattern::new(0.0, &[on, off]),
                    None => LineDashPattern::solid(),
                };
                page.ops.push(Op::SetLineDashPattern { dash: pattern });
            }
            page.outline = Some((s.colour, width, dash));
        }
        let all_closed = rings.iter().all(|(_, closed)| *closed);
        if fill.is_some() || (stroke.is_some() && all_closed) {
            let mode = match (fill.is_some(), stroke.is_some()) {
                (true, true) => PaintMode::FillStroke,
                (true, false) => PaintMode::Fill,
                _ => PaintMode::Stroke,
            };
            let rings = rings
                .into_iter()
                .map(|(points, _)| PolygonRing { points })
                .collect();
            page.ops.push(Op::DrawPolygon {
                polygon: Polygon {
                    rings,
                    mode,
                    winding_order: WindingOrder::NonZero,
                },
            });
        } else if stroke.is_some() {
            for (points, closed) in rings {
                page.ops.push(Op::DrawLine {
                    line: printpdf::Line {
                        points,
                        is_closed: closed,
                    },
                });
            }
        }
    }
}

/// Content area of a page in page points (bottom-left origin).
struct Area {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

fn area(page_w: f32, page_h: f32, margin: f32) -> Area {
    let m = margin.min(page_w / 4.0).min(page_h / 4.0).max(0.0);
    Area {
        x: m,
        y: m,
        w: page_w - 2.0 * m,
        h: page_h - 2.0 * m,
    }
}

fn mm_to_pt(mm: f32) -> Pt {
    printpdf::Mm(mm).into_pt()
}

impl Writer<'_> {
    fn sheet_ops(&mut self, scene: &Scene, sheet: &Sheet, a: &Area, scale: f32) -> Page {
        let mut page = Page::new();
        let top = a.y + a.h;
        let mut below = top;
        if let Some(h) = sheet.header {
            let t = Transform {
                view_x: h.x,
                view_y: h.y,
                page_x: a.x,
                page_top: top,
                scale,
            };
            let clip = Rect::new(a.x, top - h.h * scale, (h.w * scale).min(a.w), h.h * scale);
            self.draw(&mut page, scene, h, t, Some(clip));
            below = top - h.h * scale;
        }
        let v = sheet.view;
        let t = Transform {
            view_x: v.x,
            view_y: v.y,
            page_x: a.x,
            page_top: below,
            scale,
        };
        let clip = Rect::new(
            a.x,
            below - v.h * scale,
            (v.w * scale).min(a.w),
            v.h * scale,
        );
        self.draw(&mut page, scene, v, t, Some(clip));
        page
    }

    fn label(&mut self, page: &mut Page, x: f32, baseline: f32, size: f32, face: Face, text: &str) {
        use printpdf::Op;
        page.ops.extend([
            Op::SaveGraphicsState,
            Op::StartTextSection,
            Op::SetFillColor {
                col: colour(Rgb::GREY),
            },
        ]);
        page.font = None;
        self.line(page, face, text, size, (x, baseline));
        page.ops
            .extend([Op::EndTextSection, Op::RestoreGraphicsState]);
        page.font = None;
    }

    fn marks(&mut self, page: &mut Page, a: &Area, margin: f32) {
        let gap = 2.0 * MM;
        let len = (margin - gap - 1.0 * MM).min(6.0 * MM);
        if len <= 1.0 {
            return;
        }
        let black = Some(Stroke {
            colour: Rgb(0, 0, 0),
            width: 0.3,
            dash: None,
        });
        let t = Transform {
            view_x: 0.0,
            view_y: 0.0,
            page_x: 0.0,
            page_top: 0.0,
            scale: 1.0,
        };
        let p = |x: f32, y: f32| crate::layout::scene::pt(x, -y);
        for (cx, cy, dx, dy) in [
            (a.x, a.y, -1.0, -1.0),
            (a.x + a.w, a.y, 1.0, -1.0),
            (a.x, a.y + a.h, -1.0, 1.0),
            (a.x + a.w, a.y + a.h, 1.0, 1.0),
        ] {
            let h = vec![
                Seg::Move(p(cx + dx * gap, cy)),
                Seg::Line(p(cx + dx * (gap + len), cy)),
            ];
            let v = vec![
                Seg::Move(p(cx, cy + dy * gap)),
                Seg::Line(p(cx, cy + dy * (gap + len))),
            ];
            self.path(page, &h, None, black, t);
            self.path(page, &v, None, black, t);
        }
    }
}

fn pdf_page(size: (f32, f32), page: Page) -> PdfPage {
    PdfPage::new(Pt(size.0).into(), Pt(size.1).into(), page.ops)
}

/// Sheets that hold a tall scene (persona sheet, opportunity list) at full width, breaking
/// between its rows and repeating its header.
fn flowing(
    writer: &mut Writer,
    scene: &Scene,
    size: (f32, f32),
    margin: f32,
    pages: &mut Vec<PdfPage>,
) {
    let a = area(size.0, size.1, margin);
    // Sheets are laid out at a reading width and scaled to the paper, so an A3 sheet is an
    // enlarged A4 one rather than a wider one with the same small text.
    let scale = (a.w / scene.width.max(1.0)).min(2.0);
    let (sheets, _, _) = poster::tiles(scene, scene.width, a.h / scale, 0.0);
    for sheet in &sheets {
        let page = writer.sheet_ops(scene, sheet, &a, scale);
        pages.push(pdf_page(size, page));
    }
}

pub fn render(project: &Project, options: &PdfOptions) -> Result<Rendered> {
    let journeys = super::journeys(project, options.journey.as_deref())?;
    if let Mode::Tile { scale, overlap_mm } = options.mode {
        if !(0.05..=10.0).contains(&scale) || !(0.0..=100.0).contains(&overlap_mm) {
            return Err(Error::Usage {
                what: format!("poster scale {scale} or overlap {overlap_mm} mm is out of range; use a scale from 0.05 to 10 and an overlap from 0 to 100 mm"),
            });
        }
    }
    let parsed = parsed_fonts();
    let mut doc = PdfDocument::new(&project.info.name);
    let font_ids = [0, 1, 2].map(|i| parsed[i].as_ref().map(|f| doc.add_font(f)));
    let info = &mut doc.metadata.info;
    if let Ok(created) = printpdf::DateTime::from_unix_timestamp(options.created.unix_timestamp()) {
        info.creation_date = created.clone();
        info.modification_date = created.clone();
        info.metadata_date = created;
    }
    info.creator = format!("Waymark {}", env!("CARGO_PKG_VERSION"));
    info.producer = info.creator.clone();
    info.subject = "Customer journey map".into();
    let mut writer = Writer {
        project,
        doc,
        fonts: font_ids,
        installed: HashMap::new(),
        images: HashMap::new(),
    };

    let date = options.created.date().to_string();
    let margin = mm_to_pt(options.margin_mm.max(0.0)).0;
    let size = options.page_size(options.orientation);
    let mut pages = Vec::new();
    let mut missing_glyphs = Vec::new();
    for journey in &journeys {
        let a = area(size.0, size.1, margin);
        let block_width = match options.mode {
            Mode::Fit => None,
            Mode::Tile { scale, overlap_mm } => Some(poster::block_width(
                a.w / scale,
                mm_to_pt(overlap_mm).0 / scale,
            )),
        };
        let map = layout::journey(
            project,
            journey,
            &MapOptions {
                file_name: options.file_name.clone(),
                date: date.clone(),
                block_width,
            },
        );
        missing::find(project, &map, &mut missing_glyphs);
        match options.mode {
            Mode::Fit => {
                let scale = (a.w / map.width.max(1.0))
                    .min(a.h / map.height.max(1.0))
                    .min(3.0);
                let x = a.x + (a.w - map.width * scale) / 2.0;
                let t = Transform {
                    view_x: 0.0,
                    view_y: 0.0,
                    page_x: x,
                    page_top: a.y + a.h,
                    scale,
                };
                let mut page = Page::new();
                writer.draw(
                    &mut page,
                    &map,
                    Rect::new(0.0, 0.0, map.width, map.height),
                    t,
                    None,
                );
                pages.push(pdf_page(size, page));
            }
            Mode::Tile { scale, overlap_mm } => {
                let overlap = mm_to_pt(overlap_mm).0 / scale;
                let (sheets, rows, columns) =
                    poster::tiles(&map, a.w / scale, a.h / scale, overlap);
                if sheets.len() > MAX_SHEETS {
                    return Err(Error::Usage {
                        what: format!(
                            "journey {:?} at {}% would need {} × {} = {} sheets of {}; choose a smaller --scale or a larger --paper",
                            journey.name,
                            (scale * 100.0).round(),
                            rows,
                            columns,
                            sheets.len(),
                            options.paper.name()
                        ),
                    });
                }
                for sheet in &sheets {
                    let mut page = writer.sheet_ops(&map, sheet, &a, scale);
                    let drawn_h = (sheet.view.h + sheet.header.map_or(0.0, |h| h.h)) * scale;
                    let drawn = Area {
                        x: a.x,
                        y: a.y + a.h - drawn_h,
                        w: sheet.view.w * scale,
                        h: drawn_h,
                    };
                    writer.marks(&mut page, &drawn, margin);
                    let place = crate::layout::words::words(&project.info.locale).tile(
                        sheet.row + 1,
                        sheet.column + 1,
                        rows,
                        columns,
                        (scale * 100.0).round(),
                    );
                    let label = format!("{place} — {} — {}", project.info.name, journey.name);
                    let baseline = a.y + a.h + (margin * 0.45).max(2.0);
                    writer.label(
                        &mut page,
                        a.x + 1.0,
                        baseline.min(size.1 - 7.0),
                        7.0,
                        Face::Regular,
                        &label,
                    );
                    pages.push(pdf_page(size, page));
                }
            }
        }
    }
    let portrait = options.page_size(Orientation::Portrait);
    if options.personas {
        let mut seen: Vec<&Persona> = Vec::new();
        for journey in &journeys {
            for persona in project.personas_of(journey) {
                if !seen.iter().any(|p| p.id == persona.id) {
                    seen.push(persona);
                }
            }
        }
        let width = area(portrait.0, portrait.1, margin).w.min(560.0);
        for persona in seen {
            let scene = sheets::persona(project, persona, width);
            missing::find(project, &scene, &mut missing_glyphs);
            flowing(&mut writer, &scene, portrait, margin, &mut pages);
        }
    }
    if options.opportunities {
        for journey in &journeys {
            let width = area(portrait.0, portrait.1, margin).w.min(560.0);
            let scene = sheets::opportunities(project, journey, width);
            missing::find(project, &scene, &mut missing_glyphs);
            flowing(&mut writer, &scene, portrait, margin, &mut pages);
        }
    }
    // A journey with survey results gets its KPI page; one without has nothing to show there.
    for journey in &journeys {
        let width = area(portrait.0, portrait.1, margin).w.min(560.0);
        if let Some(scene) = crate::layout::kpis::touchpoint_kpis(project, journey, width) {
            missing::find(project, &scene, &mut missing_glyphs);
            flowing(&mut writer, &scene, portrait, margin, &mut pages);
        }
    }
    let mut doc = writer.doc;
    doc.with_pages(pages);
    // printpdf compresses at zlib's best level, which costs twice the time of the default for a
    // few per cent of size; compress here instead.
    let save = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut lo = doc.to_lopdf_document(&save, &mut Vec::new());
    for object in lo.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object {
            if stream.dict.get(b"Filter").is_err() && stream.allows_compression {
                let mut encoder = flate2::write::ZlibEncoder::new(
                    Vec::new(),
                    flate2::Compression::new(COMPRESSION),
                );
                if encoder.write_all(&stream.content).is_ok() {
                    if let Ok(packed) = encoder.finish() {
                        if packed.len() + 19 < stream.content.len() {
                            stream.dict.set("Filter", "FlateDecode");
                            stream.set_content(packed);
                        }
                    }
                }
            }
        }
    }
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| Error::Internal {
        what: format!("the PDF could not be written ({e})"),
    })?;
    Ok(Rendered {
        bytes,
        missing_glyphs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{generate, Size};

    #[test]
    fn a_runaway_poster_is_refused() {
        let project = generate(Size::BENCHMARK);
        let options = PdfOptions {
            paper: Paper::A4,
            mode: Mode::Tile {
                scale: 10.0,
                overlap_mm: 10.0,
            },
            ..PdfOptions::default()
        };
        let err = render(&project, &options)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("sheets") && err.contains("--scale"), "{err}");
    }

    #[test]
    fn paper_names_round_trip() {
        for paper in Paper::ALL {
            assert_eq!(Paper::from_name(paper.name()), Some(paper));
        }
        assert_eq!(Paper::from_name("A3"), Some(Paper::A3));
    }
}
