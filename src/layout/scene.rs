//! Drawing primitives in map units (points at 100 %, y down, origin top left). The PDF and PNG
//! renderers only translate these; every decision about what goes where is made before.

use super::text::Face;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0x22, 0x25, 0x2b);
    pub const GREY: Rgb = Rgb(0x6b, 0x72, 0x80);
    pub const LIGHT: Rgb = Rgb(0xd9, 0xdc, 0xe1);
    pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

    /// `#rrggbb`; anything else becomes grey (validation already refuses bad colours).
    pub fn hex(text: &str) -> Rgb {
        let part = |i: usize| {
            text.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        };
        match (
            text.starts_with('#') && text.len() == 7,
            part(1),
            part(3),
            part(5),
        ) {
            (true, Some(r), Some(g), Some(b)) => Rgb(r, g, b),
            _ => Rgb::GREY,
        }
    }

    /// Mixed towards white by `amount` (0 = unchanged, 1 = white).
    pub fn tint(self, amount: f32) -> Rgb {
        let mix = |c: u8| (f32::from(c) + (255.0 - f32::from(c)) * amount).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }

    pub fn is_dark(self) -> bool {
        0.299 * f32::from(self.0) + 0.587 * f32::from(self.1) + 0.114 * f32::from(self.2) < 150.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

pub fn pt(x: f32, y: f32) -> Point {
    Point { x, y }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x - 0.01
            && other.y >= self.y - 0.01
            && other.right() <= self.right() + 0.01
            && other.bottom() <= self.bottom() + 0.01
    }
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Seg {
    Move(Point),
    Line(Point),
    Cubic(Point, Point, Point),
    Close,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub colour: Rgb,
    pub width: f32,
    /// On and off lengths.
    pub dash: Option<(f32, f32)>,
}

pub fn stroke(colour: Rgb, width: f32) -> Option<Stroke> {
    Some(Stroke {
        colour,
        width,
        dash: None,
    })
}

#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// Left end of the baseline.
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub face: Face,
    pub colour: Rgb,
    pub text: String,
    /// Measured advance width, so renderers and tests need no font of their own.
    pub width: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Rect {
        rect: Rect,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    Path {
        segs: Vec<Seg>,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    Text(Text),
    /// A project image by hash, stretched to `rect` (the layout keeps its aspect ratio).
    Image {
        rect: Rect,
        hash: String,
    },
}

impl Item {
    /// What the item covers, strokes and glyph overhang included.
    pub fn bounds(&self) -> Rect {
        match self {
            Item::Rect { rect, stroke, .. } => {
                let s = stroke.map_or(0.0, |s| s.width / 2.0);
                Rect::new(rect.x - s, rect.y - s, rect.w + 2.0 * s, rect.h + 2.0 * s)
            }
            Item::Path { segs, stroke, .. } => {
                let mut points = segs.iter().flat_map(|seg| match seg {
                    Seg::Move(p) | Seg::Line(p) => vec![*p],
                    Seg::Cubic(a, b, c) => vec![*a, *b, *c],
                    Seg::Close => vec![],
                });
                let Some(first) = points.next() else {
                    return Rect::default();
                };
                let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.x, first.y);
                for p in points {
                    x0 = x0.min(p.x);
                    y0 = y0.min(p.y);
                    x1 = x1.max(p.x);
                    y1 = y1.max(p.y);
                }
                let s = stroke.map_or(0.0, |s| s.width / 2.0);
                Rect::new(x0 - s, y0 - s, x1 - x0 + 2.0 * s, y1 - y0 + 2.0 * s)
            }
            Item::Text(t) => Rect::new(t.x, t.y - t.size * 1.07, t.width, t.size * 1.37),
            Item::Image { rect, .. } => *rect,
        }
    }
}

/// Where a card ended up, so tests and the tiler can ask which page holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub card: crate::model::Id,
    pub rect: Rect,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
    /// The stage band and step row (top, bottom), repeated on every row of poster tiles.
    pub header: Option<(f32, f32)>,
    /// Heights at which a page may end without cutting through a row.
    pub breaks: Vec<f32>,
    /// Column edges, where a poster sheet may end without cutting through cards.
    pub columns: Vec<f32>,
    pub cards: Vec<Placed>,
}

impl Scene {
    pub fn rect(&mut self, rect: Rect, fill: Option<Rgb>, stroke: Option<Stroke>) {
        self.items.push(Item::Rect { rect, fill, stroke });
    }

    pub fn path(&mut self, segs: Vec<Seg>, fill: Option<Rgb>, stroke: Option<Stroke>) {
        self.items.push(Item::Path { segs, fill, stroke });
    }

    pub fn line(&mut self, from: Point, to: Point, stroke: Option<Stroke>) {
        self.path(vec![Seg::Move(from), Seg::Line(to)], None, stroke);
    }

    pub fn text(&mut self, x: f32, baseline: f32, size: f32, face: Face, colour: Rgb, text: &str) {
        if text.is_empty() {
            return;
        }
        let width = super::text::fonts().width(face, text, size);
        self.items.push(Item::Text(Text {
            x,
            y: baseline,
            size,
            face,
            colour,
            text: text.to_string(),
            width,
        }));
    }

    /// Every text line in drawing order, for tests.
    pub fn texts(&self) -> impl Iterator<Item = &Text> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }
}

/// Magic number for approximating a quarter circle with one cubic.
const KAPPA: f32 = 0.552_284_8;

pub fn rounded_rect(r: Rect, radius: f32) -> Vec<Seg> {
    let k = radius.min(r.w / 2.0).min(r.h / 2.0).max(0.0);
    let c = k * (1.0 - KAPPA);
    let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
    vec![
        Seg::Move(pt(x0 + k, y0)),
        Seg::Line(pt(x1 - k, y0)),
        Seg::Cubic(pt(x1 - c, y0), pt(x1, y0 + c), pt(x1, y0 + k)),
        Seg::Line(pt(x1, y1 - k)),
        Seg::Cubic(pt(x1, y1 - c), pt(x1 - c, y1), pt(x1 - k, y1)),
        Seg::Line(pt(x0 + k, y1)),
        Seg::Cubic(pt(x0 + c, y1), pt(x0, y1 - c), pt(x0, y1 - k)),
        Seg::Line(pt(x0, y0 + k)),
        Seg::Cubic(pt(x0, y0 + c), pt(x0 + c, y0), pt(x0 + k, y0)),
        Seg::Close,
    ]
}

pub fn ellipse(cx: f32, cy: f32, rx: f32, ry: f32) -> Vec<Seg> {
    let (kx, ky) = (rx * KAPPA, ry * KAPPA);
    vec![
        Seg::Move(pt(cx + rx, cy)),
        Seg::Cubic(pt(cx + rx, cy + ky), pt(cx + kx, cy + ry), pt(cx, cy + ry)),
        Seg::Cubic(pt(cx - kx, cy + ry), pt(cx - rx, cy + ky), pt(cx - rx, cy)),
        Seg::Cubic(pt(cx - rx, cy - ky), pt(cx - kx, cy - ry), pt(cx, cy - ry)),
        Seg::Cubic(pt(cx + kx, cy - ry), pt(cx + rx, cy - ky), pt(cx + rx, cy)),
        Seg::Close,
    ]
}

pub fn circle(cx: f32, cy: f32, r: f32) -> Vec<Seg> {
    ellipse(cx, cy, r, r)
}

pub fn polygon(points: &[Point]) -> Vec<Seg> {
    let mut segs: Vec<Seg> = points
        .iter()
        .enumerate()
        .map(|(i, p)| if i == 0 { Seg::Move(*p) } else { Seg::Line(*p) })
        .collect();
    segs.push(Seg::Close);
    segs
}
