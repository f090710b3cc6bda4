//! PNG: the same layout as the PDF, rasterised with tiny-skia. Text is drawn from the font's own
//! glyph outlines, so the picture matches the printed page glyph for glyph.

use std::collections::HashMap;

use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, PixmapPaint, Transform};

use super::{missing, Rendered};
use crate::error::{Error, Result};
use crate::layout::fallback;
use crate::layout::scene::{Item, Rgb, Scene, Seg, Stroke};
use crate::layout::text::{fonts, Source};
use crate::layout::{self, MapOptions};
use crate::model::Project;

/// Beyond this the pixel buffer alone would need more than half a gigabyte.
pub const MAX_PIXELS: u64 = 120_000_000;
const BORDER: f32 = 24.0;

#[derive(Debug, Clone)]
pub struct PngOptions {
    pub dpi: f32,
    /// Only this journey; all journeys, one below the other, when `None`.
    pub journey: Option<String>,
    pub file_name: Option<String>,
    /// Shown in the title block, e.g. `2026-12-01`.
    pub date: String,
}

impl Default for PngOptions {
    fn default() -> Self {
        PngOptions {
            dpi: 96.0,
            journey: None,
            file_name: None,
            date: String::new(),
        }
    }
}

fn paint(c: Rgb) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(c.0, c.1, c.2, 255);
    paint.anti_alias = true;
    paint
}

struct Outline(PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, -y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, -y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, -y1, x, -y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, -y1, x2, -y2, x, -y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

fn path(segs: &[Seg]) -> Option<tiny_skia::Path> {
    let mut pb = PathBuilder::new();
    for seg in segs {
        match *seg {
            Seg::Move(p) => pb.move_to(p.x, p.y),
            Seg::Line(p) => pb.line_to(p.x, p.y),
            Seg::Cubic(a, b, c) => pb.cubic_to(a.x, a.y, b.x, b.y, c.x, c.y),
            Seg::Close => pb.close(),
        }
    }
    pb.finish()
}

/// A glyph's outline in font units (y down), drawn once per export, and the units per em to
/// scale it by.
fn outline(
    glyphs: &mut HashMap<(Source, u16), (Option<tiny_skia::Path>, f32)>,
    source: Source,
    id: u16,
) -> &(Option<tiny_skia::Path>, f32) {
    let draw = |face: &ttf_parser::Face| {
        let mut builder = Outline(PathBuilder::new());
        let outline = face
            .outline_glyph(ttf_parser::GlyphId(id), &mut builder)
            .and_then(|_| builder.0.finish());
        (outline, f32::from(face.units_per_em()))
    };
    glyphs.entry((source, id)).or_insert_with(|| {
        let drawn = match source {
            Source::Bundled(face) => fonts().face(face).map(draw),
            Source::Installed(index) => {
                fallback::face(index).and_then(|face| face.parse().as_ref().map(draw))
            }
        };
        drawn.unwrap_or((None, 1000.0))
    })
}

struct Painter<'a> {
    project: &'a Project,
    pixmap: Pixmap,
    glyphs: HashMap<(Source, u16), (Option<tiny_skia::Path>, f32)>,
    images: HashMap<String, Option<Pixmap>>,
}

impl Painter<'_> {
    fn shape(
        &mut self,
        path: &tiny_skia::Path,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
        t: Transform,
    ) {
        if let Some(f) = fill {
            self.pixmap
                .fill_path(path, &paint(f), FillRule::Winding, t, None);
        }
        if let Some(s) = stroke {
            let mut line = tiny_skia::Stroke {
                width: s.width,
                ..tiny_skia::Stroke::default()
            };
            if let Some((on, off)) = s.dash {
                line.dash = tiny_skia::StrokeDash::new(vec![on, off], 0.0);
            }
            self.pixmap
                .stroke_path(path, &paint(s.colour), &line, t, None);
        }
    }

    fn text(&mut self, text: &crate::layout::scene::Text, t: Transform) {
        let mut x = text.x;
        for c in text.text.chars() {
            let Some(glyph) = fonts().glyph(text.face, c) else {
                continue;
            };
            if let (Some(outline), units_per_em) = outline(&mut self.glyphs, glyph.source, glyph.id)
            {
                let k = text.size / units_per_em;
                let at = t.pre_translate(x, text.y).pre_scale(k, k);
                self.pixmap
                    .fill_path(outline, &paint(text.colour), FillRule::Winding, at, None);
            }
            x += glyph.advance(text.size);
        }
    }

    fn image(&mut self, hash: &str) -> Option<Pixmap> {
        let project = self.project;
        self.images
            .entry(hash.to_string())
            .or_insert_with(|| {
                let pixels = project.image(hash).and_then(super::image::decode)?;
                let mut data = pixels.rgba;
                for px in data.chunks_mut(4) {
                    let a = u16::from(px[3]);
                    for c in &mut px[..3] {
                        *c = ((u16::from(*c) * a + 127) / 255) as u8;
                    }
                }
                Pixmap::from_vec(
                    data,
                    tiny_skia::IntSize::from_wh(pixels.width, pixels.height)?,
                )
            })
            .clone()
    }

    fn scene(&mut self, scene: &Scene, t: Transform) {
        for item in &scene.items {
            match item {
                Item::Rect { rect, fill, stroke } => {
                    if let Some(r) = tiny_skia::Rect::from_xywh(
                        rect.x,
                        rect.y,
                        rect.w.max(0.01),
                        rect.h.max(0.01),
                    ) {
                        self.shape(&PathBuilder::from_rect(r), *fill, *stroke, t);
                    }
                }
                Item::Path { segs, fill, stroke } => {
                    if let Some(p) = path(segs) {
                        self.shape(&p, *fill, *stroke, t);
                    }
                }
                Item::Text(text) => self.text(text, t),
                Item::Image { rect, hash } => match self.image(hash) {
                    Some(image) => {
                        let sx = rect.w / image.width() as f32;
                        let sy = rect.h / image.height() as f32;
                        let at = t.pre_translate(rect.x, rect.y).pre_scale(sx, sy);
                        let quality = PixmapPaint {
                            quality: tiny_skia::FilterQuality::Bilinear,
                            ..PixmapPaint::default()
                        };
                        self.pixmap
                            .draw_pixmap(0, 0, image.as_ref(), &quality, at, None);
                    }
                    None => {
                        let cross = [
                            Seg::Move(crate::layout::scene::pt(rect.x, rect.y)),
                            Seg::Line(crate::layout::scene::pt(rect.right(), rect.bottom())),
                            Seg::Move(crate::layout::scene::pt(rect.right(), rect.y)),
                            Seg::Line(crate::layout::scene::pt(rect.x, rect.bottom())),
                        ];
                        if let Some(p) = path(&cross) {
                            self.shape(&p, None, crate::layout::scene::stroke(Rgb::GREY, 0.6), t);
                        }
                    }
                },
            }
        }
    }
}

/// Rasterises scenes stacked top to bottom at `dpi`, on white with a small border.
pub fn render_scenes(project: &Project, scenes: &[Scene], dpi: f32) -> Result<Vec<u8>> {
    if !(10.0..=1200.0).contains(&dpi) {
        return Err(Error::Usage {
            what: format!("{dpi} dpi is out of range; choose a resolution from 10 to 1200 dpi"),
        });
    }
    let scale = dpi / 72.0;
    let width = scenes.iter().map(|s| s.width).fold(0.0, f32::max) + 2.0 * BORDER;
    let height = scenes.iter().map(|s| s.height + BORDER).sum::<f32>() + BORDER;
    let (w, h) = (
        (width * scale).ceil() as u64,
        (height * scale).ceil() as u64,
    );
    if w * h > MAX_PIXELS {
        let most = (dpi * (MAX_PIXELS as f32 / (w * h) as f32).sqrt()).floor();
        return Err(Error::Usage {
            what: format!("the map would be {w} × {h} pixels at {dpi} dpi, too large for one PNG; choose --dpi {most} or lower, or export a PDF"),
        });
    }
    let Some(mut pixmap) = Pixmap::new(w as u32, h as u32) else {
        return Err(Error::Usage {
            what: "there is nothing to draw: the map is empty".into(),
        });
    };
    pixmap.fill(tiny_skia::Color::WHITE);
    let mut painter = Painter {
        project,
        pixmap,
        glyphs: HashMap::new(),
        images: HashMap::new(),
    };
    let mut top = BORDER;
    for scene in scenes {
        painter.scene(
            scene,
            Transform::from_scale(scale, scale).pre_translate(BORDER, top),
        );
        top += scene.height + BORDER;
    }
    painter.pixmap.encode_png().map_err(|e| Error::Usage {
        what: format!("the PNG could not be encoded ({e}); try a lower --dpi"),
    })
}

pub fn render(project: &Project, options: &PngOptions) -> Result<Rendered> {
    let map_options = MapOptions {
        file_name: options.file_name.clone(),
        date: options.date.clone(),
        block_width: None,
    };
    let scenes: Vec<Scene> = super::journeys(project, options.journey.as_deref())?
        .into_iter()
        .map(|journey| layout::journey(project, journey, &map_options))
        .collect();
    let mut missing_glyphs = Vec::new();
    for scene in &scenes {
        missing::find(project, scene, &mut missing_glyphs);
    }
    Ok(Rendered {
        bytes: render_scenes(project, &scenes, options.dpi)?,
        missing_glyphs,
    })
}
