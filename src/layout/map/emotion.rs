//! The emotion band: each persona's curve over the steps, its highs and lows shaded, and notes.

use super::{lines, Column, BETTER, COL_W, LABEL_W, MOMENT, PAD, WORSE};
use crate::layout::curve::{flatten, smooth};
use crate::layout::scene::*;
use crate::layout::text::{fonts, Face};
use crate::layout::words::words;
use crate::model::*;
use crate::ratings::{self, RatingSpread};

/// The room's band sits in the right third of a column, clear of the points and their labels.
const ROOM_OFFSET: f32 = COL_W * 0.32;

/// One step's room ratings: a bar from `top` to `bottom` (highest to lowest), the median across.
fn room_bar(scene: &mut Scene, x: f32, top: f32, bottom: f32, median: f32, half: f32) {
    scene.rect(
        Rect::new(x - half, top, 2.0 * half, bottom - top),
        Some(Rgb(0xcf, 0xd5, 0xdc)),
        stroke(Rgb(0x8a, 0x93, 0x9e), 0.5),
    );
    scene.line(
        pt(x - half - 1.5, median),
        pt(x + half + 1.5, median),
        stroke(Rgb(0x1f, 0x29, 0x37), 1.2),
    );
}

pub(super) fn emotion_band(
    scene: &mut Scene,
    project: &Project,
    journey: &Journey,
    columns: &[Column],
    personas: &[&Persona],
    moments: &[(MomentTarget, usize, MomentOfTruth)],
    y: f32,
) -> f32 {
    let f = fonts();
    let scale = &journey.scale;
    let (min, max) = (scale.min.min(scale.max - 1) as f32, scale.max as f32);
    // The workshop room's ratings of each step, drawn as a band beside the curves.
    let room: Vec<Option<RatingSpread>> = columns
        .iter()
        .map(|c| ratings::of_step(project, c.step?.id))
        .collect();
    let rated: u32 = room.iter().flatten().map(|s| s.count).sum();
    let legend_h = (personas.len() + usize::from(rated > 0)) as f32 * 10.0;
    let max_label = f.wrap(
        Face::Italic,
        &format!("{} (+{})", scale.max_label, scale.max).replace("+-", "-"),
        7.0,
        LABEL_W - 2.0 * PAD,
    );
    let min_label = f.wrap(
        Face::Italic,
        &format!("{} ({})", scale.min_label, scale.min),
        7.0,
        LABEL_W - 2.0 * PAD,
    );
    let label_h =
        2.0 * PAD + 12.0 + (max_label.len() + min_label.len()) as f32 * 9.0 + legend_h + 8.0;
    let h = label_h.max(130.0);
    let grid_w = LABEL_W + columns.len() as f32 * COL_W;
    let (top, bottom) = (y + PAD + 10.0, y + h - PAD - 10.0);
    let value_y = |v: f32| top + (max - v.clamp(min, max)) / (max - min) * (bottom - top);
    let zero = value_y(0.0);
    let right = grid_w;

    scene.rect(
        Rect::new(0.0, y, LABEL_W, h),
        Some(Rgb(0xf3, 0xf4, 0xf6)),
        None,
    );
    scene.rect(
        Rect::new(LABEL_W, y, right - LABEL_W, zero - y),
        Some(BETTER.tint(0.94)),
        None,
    );
    scene.rect(
        Rect::new(LABEL_W, zero, right - LABEL_W, y + h - zero),
        Some(WORSE.tint(0.94)),
        None,
    );
    scene.text(
        PAD,
        y + PAD + 8.5,
        8.5,
        Face::Bold,
        Rgb::BLACK,
        words(&project.info.locale).emotion,
    );
    let mut ly = y + PAD + 12.0;
    ly += lines(
        scene,
        PAD,
        ly,
        7.0,
        9.0,
        Face::Italic,
        Rgb::GREY,
        &max_label,
    ) + 4.0;
    for persona in personas {
        let colour = Rgb::hex(&persona.colour);
        scene.line(
            pt(PAD, ly + 4.5),
            pt(PAD + 12.0, ly + 4.5),
            stroke(colour, 1.6),
        );
        let name = f.wrap(
            Face::Regular,
            &persona.name,
            7.0,
            LABEL_W - 2.0 * PAD - 16.0,
        );
        scene.text(
            PAD + 16.0,
            ly + 7.0,
            7.0,
            Face::Regular,
            Rgb::BLACK,
            name.first().map_or("", |s| s.as_str()),
        );
        ly += 10.0;
    }
    if rated > 0 {
        room_bar(scene, PAD + 6.0, ly + 0.5, ly + 8.5, ly + 4.5, 2.0);
        scene.text(
            PAD + 16.0,
            ly + 7.0,
            7.0,
            Face::Regular,
            Rgb::GREY,
            &words(&project.info.locale).room_ratings(rated),
        );
    }
    lines(
        scene,
        PAD,
        y + h - PAD - min_label.len() as f32 * 9.0,
        7.0,
        9.0,
        Face::Italic,
        Rgb::GREY,
        &min_label,
    );

    let centre = |i: usize| LABEL_W + (i as f32 + 0.5) * COL_W;
    let curves: Vec<(Rgb, Vec<(Point, Option<&String>)>)> = personas
        .iter()
        .map(|persona| {
            let points = columns
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    let step = c.step?;
                    let point = project
                        .emotion_points
                        .iter()
                        .find(|p| p.persona == persona.id && p.step == step.id)?;
                    Some((
                        pt(centre(i), value_y(point.value as f32)),
                        point.label.as_ref(),
                    ))
                })
                .collect();
            (Rgb::hex(&persona.colour), points)
        })
        .collect();
    // Highs and lows are shaded for the primary persona only; more would muddy each other.
    if let Some((_, points)) = curves.first() {
        let pts: Vec<Point> = points.iter().map(|(p, _)| *p).collect();
        if pts.len() >= 2 {
            for (above, region) in shade(&flatten(&smooth(&pts)), zero) {
                let colour = if above {
                    BETTER.tint(0.7)
                } else {
                    WORSE.tint(0.7)
                };
                scene.path(polygon(&region), Some(colour), None);
            }
        }
    }
    for (target, _, _) in moments {
        if let MomentTarget::Step(step) = target {
            if let Some(i) = columns
                .iter()
                .position(|c| c.step.is_some_and(|s| s.id == *step))
            {
                let dash = Some(Stroke {
                    colour: MOMENT,
                    width: 0.8,
                    dash: Some((3.0, 2.0)),
                });
                scene.line(pt(centre(i), y + 2.0), pt(centre(i), y + h - 2.0), dash);
            }
        }
    }
    let dash = Some(Stroke {
        colour: Rgb::GREY,
        width: 0.7,
        dash: Some((4.0, 3.0)),
    });
    scene.line(pt(LABEL_W, zero), pt(right, zero), dash);
    scene.text(
        LABEL_W + 2.0,
        zero - 2.0,
        6.0,
        Face::Regular,
        Rgb::GREY,
        "0",
    );
    for (i, spread) in room.iter().enumerate() {
        if let Some(s) = spread {
            room_bar(
                scene,
                centre(i) + ROOM_OFFSET,
                value_y(s.highest as f32) - 2.0,
                value_y(s.lowest as f32) + 2.0,
                value_y(s.median as f32),
                3.0,
            );
        }
    }
    for (colour, points) in &curves {
        let pts: Vec<Point> = points.iter().map(|(p, _)| *p).collect();
        if pts.len() >= 2 {
            scene.path(smooth(&pts), None, stroke(*colour, 1.6));
        }
        for (p, _) in points {
            scene.path(
                circle(p.x, p.y, 2.4),
                Some(*colour),
                stroke(Rgb::WHITE, 0.6),
            );
        }
    }
    // Labels go last, on a white chip, each moved away from its point until it clears the
    // labels already placed, so two personas' notes on one step never print over each other.
    let mut placed: Vec<Rect> = Vec::new();
    for (colour, points) in &curves {
        for (p, label) in points {
            let Some(label) = label else { continue };
            let wrapped = f.wrap(Face::Italic, label, 6.5, COL_W - 2.0 * PAD - 4.0);
            let block_h = wrapped.len() as f32 * 8.0 + 2.0;
            let block_w = wrapped
                .iter()
                .map(|l| f.width(Face::Italic, l, 6.5))
                .fold(0.0, f32::max)
                + 4.0;
            let down = p.y < zero;
            let mut ty = if down { p.y + 4.0 } else { p.y - 4.0 - block_h };
            let chip = |ty: f32| Rect::new(p.x - block_w / 2.0, ty, block_w, block_h);
            for _ in 0..8 {
                if !placed.iter().any(|r| r.intersects(&chip(ty))) {
                    break;
                }
                ty += if down {
                    block_h + 1.0
                } else {
                    -(block_h + 1.0)
                };
            }
            let ty = ty.clamp(y + 1.0, (y + h - block_h - 1.0).max(y + 1.0));
            let rect = chip(ty);
            scene.path(
                rounded_rect(rect, 2.0),
                Some(Rgb::WHITE),
                stroke(colour.tint(0.5), 0.5),
            );
            for (k, line) in wrapped.iter().enumerate() {
                let w = f.width(Face::Italic, line, 6.5);
                scene.text(
                    p.x - w / 2.0,
                    ty + 1.0 + k as f32 * 8.0 + 6.5,
                    6.5,
                    Face::Italic,
                    Rgb::BLACK,
                    line,
                );
            }
            placed.push(rect);
        }
    }
    scene.line(pt(0.0, y + h), pt(grid_w, y + h), stroke(Rgb::LIGHT, 0.6));
    scene.breaks.push(y + h);
    y + h
}

/// The regions between a curve and the zero line, split where it crosses: (above?, polygon).
fn shade(curve: &[Point], zero: f32) -> Vec<(bool, Vec<Point>)> {
    let mut regions: Vec<(bool, Vec<Point>)> = Vec::new();
    let mut current: Option<(bool, Vec<Point>)> = None;
    for pair in curve.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let above = |p: Point| p.y < zero;
        if current.is_none() {
            current = Some((above(a), vec![pt(a.x, zero), a]));
        }
        if above(a) != above(b) && (a.y - b.y).abs() > f32::EPSILON {
            let t = (zero - a.y) / (b.y - a.y);
            let cross = pt(a.x + t * (b.x - a.x), zero);
            if let Some((side, mut points)) = current.take() {
                points.push(cross);
                regions.push((side, points));
            }
            current = Some((above(b), vec![cross]));
        }
        if let Some((_, points)) = current.as_mut() {
            points.push(b);
        }
    }
    if let Some((side, mut points)) = current {
        if let Some(last) = points.last().copied() {
            points.push(pt(last.x, zero));
        }
        regions.push((side, points));
    }
    regions.retain(|(_, p)| p.len() >= 3);
    regions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shading_splits_at_the_zero_line() {
        let curve = vec![pt(0.0, 0.0), pt(10.0, 20.0)];
        let regions = shade(&curve, 10.0);
        assert_eq!(regions.len(), 2);
        assert!(regions[0].0 && !regions[1].0);
        for (_, region) in &regions {
            assert!(region
                .iter()
                .any(|p| (p.x - 5.0).abs() < 0.01 && (p.y - 10.0).abs() < 0.01));
        }
    }
}
