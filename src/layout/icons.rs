//! Small vector icons for lane kinds and channels, drawn from primitives so they print sharp at
//! any scale. Each icon fills a square box given by its top-left corner and side.

use super::scene::{
    circle, ellipse, polygon, pt, rounded_rect, stroke, Point, Rect, Rgb, Scene, Seg,
};
use crate::model::{ChannelIcon, LaneKind};

/// Maps unit coordinates (0…1 in the box) to map units.
struct Pen<'a> {
    scene: &'a mut Scene,
    x: f32,
    y: f32,
    s: f32,
    colour: Rgb,
}

impl Pen<'_> {
    fn p(&self, u: f32, v: f32) -> Point {
        pt(self.x + u * self.s, self.y + v * self.s)
    }
    fn w(&self) -> f32 {
        (self.s * 0.09).max(0.4)
    }
    fn fill(&mut self, points: &[(f32, f32)]) {
        let pts: Vec<Point> = points.iter().map(|&(u, v)| self.p(u, v)).collect();
        self.scene.path(polygon(&pts), Some(self.colour), None);
    }
    fn outline(&mut self, points: &[(f32, f32)]) {
        let pts: Vec<Point> = points.iter().map(|&(u, v)| self.p(u, v)).collect();
        let w = self.w();
        self.scene.path(polygon(&pts), None, stroke(self.colour, w));
    }
    fn line(&mut self, points: &[(f32, f32)]) {
        let segs = points
            .iter()
            .enumerate()
            .map(|(i, &(u, v))| {
                if i == 0 {
                    Seg::Move(self.p(u, v))
                } else {
                    Seg::Line(self.p(u, v))
                }
            })
            .collect();
        let w = self.w();
        self.scene.path(segs, None, stroke(self.colour, w));
    }
    fn circle(&mut self, u: f32, v: f32, r: f32, filled: bool) {
        let c = self.p(u, v);
        let segs = circle(c.x, c.y, r * self.s);
        let w = self.w();
        if filled {
            self.scene.path(segs, Some(self.colour), None);
        } else {
            self.scene.path(segs, None, stroke(self.colour, w));
        }
    }
    fn ellipse(&mut self, u: f32, v: f32, ru: f32, rv: f32) {
        let c = self.p(u, v);
        let w = self.w();
        self.scene.path(
            ellipse(c.x, c.y, ru * self.s, rv * self.s),
            None,
            stroke(self.colour, w),
        );
    }
    fn rect(&mut self, u: f32, v: f32, du: f32, dv: f32, radius: f32, filled: bool) {
        let r = Rect::new(
            self.x + u * self.s,
            self.y + v * self.s,
            du * self.s,
            dv * self.s,
        );
        let w = self.w();
        let segs = rounded_rect(r, radius * self.s);
        if filled {
            self.scene.path(segs, Some(self.colour), None);
        } else {
            self.scene.path(segs, None, stroke(self.colour, w));
        }
    }
}

pub fn lane(scene: &mut Scene, kind: LaneKind, x: f32, y: f32, size: f32, colour: Rgb) {
    let mut pen = Pen {
        scene,
        x,
        y,
        s: size,
        colour,
    };
    match kind {
        LaneKind::Actions => {
            pen.fill(&[
                (0.1, 0.4),
                (0.55, 0.4),
                (0.55, 0.2),
                (0.92, 0.5),
                (0.55, 0.8),
                (0.55, 0.6),
                (0.1, 0.6),
            ]);
        }
        LaneKind::Thoughts => {
            pen.ellipse(0.55, 0.38, 0.36, 0.26);
            pen.circle(0.22, 0.76, 0.08, true);
            pen.circle(0.08, 0.92, 0.05, true);
        }
        LaneKind::Feelings => {
            pen.fill(&[
                (0.5, 0.9),
                (0.1, 0.5),
                (0.1, 0.28),
                (0.28, 0.12),
                (0.5, 0.28),
                (0.72, 0.12),
                (0.9, 0.28),
                (0.9, 0.5),
            ]);
        }
        LaneKind::Touchpoints => {
            pen.circle(0.5, 0.5, 0.4, false);
            pen.circle(0.5, 0.5, 0.22, false);
            pen.circle(0.5, 0.5, 0.08, true);
        }
        LaneKind::PainPoints => {
            pen.fill(&[
                (0.58, 0.05),
                (0.2, 0.55),
                (0.47, 0.55),
                (0.38, 0.95),
                (0.8, 0.42),
                (0.52, 0.42),
            ]);
        }
        LaneKind::Delights => {
            let star: Vec<(f32, f32)> = (0..10)
                .map(|i| {
                    let a = std::f32::consts::PI * (i as f32 / 5.0) - std::f32::consts::FRAC_PI_2;
                    let r = if i % 2 == 0 { 0.46 } else { 0.2 };
                    (0.5 + r * a.cos(), 0.54 + r * a.sin())
                })
                .collect();
            pen.fill(&star);
        }
        LaneKind::Opportunities => {
            pen.circle(0.5, 0.4, 0.28, false);
            pen.rect(0.38, 0.72, 0.24, 0.18, 0.03, true);
        }
        LaneKind::Backstage => {
            pen.rect(0.1, 0.1, 0.55, 0.55, 0.05, false);
            pen.rect(0.35, 0.35, 0.55, 0.55, 0.05, true);
        }
        LaneKind::Kpis => {
            pen.rect(0.1, 0.55, 0.2, 0.35, 0.0, true);
            pen.rect(0.4, 0.3, 0.2, 0.6, 0.0, true);
            pen.rect(0.7, 0.1, 0.2, 0.8, 0.0, true);
        }
        LaneKind::Images => {
            pen.rect(0.05, 0.15, 0.9, 0.7, 0.05, false);
            pen.fill(&[
                (0.15, 0.75),
                (0.4, 0.45),
                (0.6, 0.65),
                (0.7, 0.55),
                (0.85, 0.75),
            ]);
            pen.circle(0.7, 0.35, 0.08, true);
        }
        LaneKind::Notes => {
            pen.outline(&[
                (0.18, 0.05),
                (0.65, 0.05),
                (0.85, 0.25),
                (0.85, 0.95),
                (0.18, 0.95),
            ]);
            pen.line(&[(0.3, 0.45), (0.72, 0.45)]);
            pen.line(&[(0.3, 0.62), (0.72, 0.62)]);
            pen.line(&[(0.3, 0.79), (0.6, 0.79)]);
        }
    }
}

pub fn channel(scene: &mut Scene, icon: ChannelIcon, x: f32, y: f32, size: f32, colour: Rgb) {
    let mut pen = Pen {
        scene,
        x,
        y,
        s: size,
        colour,
    };
    match icon {
        ChannelIcon::CallCentre => {
            pen.line(&[
                (0.15, 0.55),
                (0.15, 0.4),
                (0.3, 0.15),
                (0.5, 0.08),
                (0.7, 0.15),
                (0.85, 0.4),
                (0.85, 0.55),
            ]);
            pen.rect(0.08, 0.5, 0.18, 0.3, 0.05, true);
            pen.rect(0.74, 0.5, 0.18, 0.3, 0.05, true);
            pen.line(&[(0.83, 0.8), (0.7, 0.92), (0.5, 0.92)]);
        }
        ChannelIcon::Store => {
            pen.outline(&[
                (0.1, 0.45),
                (0.5, 0.1),
                (0.9, 0.45),
                (0.9, 0.92),
                (0.1, 0.92),
            ]);
            pen.rect(0.4, 0.6, 0.2, 0.32, 0.0, true);
        }
        ChannelIcon::Website => {
            pen.circle(0.5, 0.5, 0.42, false);
            pen.ellipse(0.5, 0.5, 0.18, 0.42);
            pen.line(&[(0.08, 0.5), (0.92, 0.5)]);
        }
        ChannelIcon::App => {
            pen.rect(0.25, 0.05, 0.5, 0.9, 0.1, false);
            pen.circle(0.5, 0.8, 0.05, true);
        }
        ChannelIcon::Social => {
            pen.line(&[(0.75, 0.2), (0.25, 0.5), (0.75, 0.8)]);
            pen.circle(0.75, 0.2, 0.13, true);
            pen.circle(0.25, 0.5, 0.13, true);
            pen.circle(0.75, 0.8, 0.13, true);
        }
        ChannelIcon::Email => {
            pen.rect(0.05, 0.2, 0.9, 0.6, 0.05, false);
            pen.line(&[(0.07, 0.23), (0.5, 0.55), (0.93, 0.23)]);
        }
        ChannelIcon::Ads => {
            pen.fill(&[
                (0.1, 0.38),
                (0.35, 0.38),
                (0.85, 0.12),
                (0.85, 0.88),
                (0.35, 0.62),
                (0.1, 0.62),
            ]);
            pen.rect(0.2, 0.6, 0.13, 0.3, 0.0, true);
        }
        ChannelIcon::Post => {
            pen.rect(0.1, 0.25, 0.8, 0.65, 0.03, false);
            pen.line(&[(0.1, 0.45), (0.9, 0.45)]);
            pen.line(&[(0.5, 0.25), (0.5, 0.45)]);
            pen.line(&[(0.2, 0.25), (0.3, 0.1), (0.7, 0.1), (0.8, 0.25)]);
        }
        ChannelIcon::Chat => {
            pen.fill(&[
                (0.08, 0.15),
                (0.92, 0.15),
                (0.92, 0.68),
                (0.45, 0.68),
                (0.22, 0.9),
                (0.25, 0.68),
                (0.08, 0.68),
            ]);
        }
        ChannelIcon::VendingMachine => {
            pen.rect(0.18, 0.05, 0.64, 0.9, 0.05, false);
            pen.rect(0.28, 0.15, 0.3, 0.45, 0.0, true);
            pen.rect(0.65, 0.2, 0.08, 0.2, 0.0, true);
            pen.rect(0.3, 0.72, 0.4, 0.1, 0.0, true);
        }
        ChannelIcon::Phone => {
            pen.fill(&[
                (0.15, 0.1),
                (0.35, 0.1),
                (0.42, 0.3),
                (0.32, 0.4),
                (0.6, 0.68),
                (0.7, 0.58),
                (0.9, 0.65),
                (0.9, 0.85),
                (0.75, 0.92),
                (0.1, 0.3),
            ]);
        }
        ChannelIcon::Other => {
            pen.circle(0.5, 0.5, 0.4, false);
            pen.circle(0.3, 0.5, 0.06, true);
            pen.circle(0.5, 0.5, 0.06, true);
            pen.circle(0.7, 0.5, 0.06, true);
        }
    }
}

/// The moment-of-truth marker: a filled diamond.
pub fn moment(scene: &mut Scene, cx: f32, cy: f32, r: f32, colour: Rgb) {
    scene.path(
        polygon(&[
            pt(cx, cy - r),
            pt(cx + r, cy),
            pt(cx, cy + r),
            pt(cx - r, cy),
        ]),
        Some(colour),
        None,
    );
}
