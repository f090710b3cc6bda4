//! The expected-vs-experienced row: how each step's touchpoints met what the customer expected.

use super::{lines, Column, BETTER, COL_W, LABEL_W, PAD, WORSE};
use crate::layout::scene::*;
use crate::layout::text::{fonts, Face};
use crate::layout::words::words;
use crate::model::*;

pub(super) fn gap_row(
    scene: &mut Scene,
    project: &Project,
    lanes: &[&Lane],
    columns: &[Column],
    y: f32,
) -> f32 {
    let touch: Vec<&Lane> = lanes
        .iter()
        .copied()
        .filter(|l| l.kind == LaneKind::Touchpoints)
        .collect();
    let rated = |step: &Step| -> Vec<(f32, f32)> {
        touch
            .iter()
            .flat_map(|lane| project.cards_in(lane.id, step.id))
            .filter_map(|c| Some((f32::from(c.expected?), f32::from(c.experienced?))))
            .collect()
    };
    if !columns
        .iter()
        .any(|c| c.step.is_some_and(|s| !rated(s).is_empty()))
    {
        return y;
    }
    let f = fonts();
    let w = words(&project.info.locale);
    let title = f.wrap(
        Face::Bold,
        w.expected_vs_experienced,
        8.5,
        LABEL_W - 2.0 * PAD,
    );
    let h = (2.0 * PAD + title.len() as f32 * 11.0 + 22.0).max(52.0);
    let grid_w = LABEL_W + columns.len() as f32 * COL_W;
    scene.rect(
        Rect::new(0.0, y, LABEL_W, h),
        Some(Rgb(0xf3, 0xf4, 0xf6)),
        None,
    );
    let th = lines(
        scene,
        PAD,
        y + PAD,
        8.5,
        11.0,
        Face::Bold,
        Rgb::BLACK,
        &title,
    );
    let ly = y + PAD + th + 2.0;
    scene.rect(Rect::new(PAD, ly + 1.0, 8.0, 5.0), Some(WORSE), None);
    scene.text(
        PAD + 11.0,
        ly + 6.0,
        6.5,
        Face::Regular,
        Rgb::GREY,
        w.worse_than_expected,
    );
    scene.rect(Rect::new(PAD, ly + 10.0, 8.0, 5.0), Some(BETTER), None);
    scene.text(
        PAD + 11.0,
        ly + 15.0,
        6.5,
        Face::Regular,
        Rgb::GREY,
        w.better_than_expected,
    );
    for (i, column) in columns.iter().enumerate() {
        let Some(step) = column.step else { continue };
        let ratings = rated(step);
        if ratings.is_empty() {
            continue;
        }
        let n = ratings.len() as f32;
        let expected = ratings.iter().map(|r| r.0).sum::<f32>() / n;
        let experienced = ratings.iter().map(|r| r.1).sum::<f32>() / n;
        let x0 = LABEL_W + i as f32 * COL_W + PAD + 4.0;
        let span = COL_W - 2.0 * PAD - 8.0;
        let vx = |v: f32| x0 + (v - 1.0) / 4.0 * span;
        let my = y + 16.0;
        scene.line(pt(x0, my), pt(x0 + span, my), stroke(Rgb::LIGHT, 1.0));
        for v in 1..=5 {
            scene.line(
                pt(vx(v as f32), my - 2.5),
                pt(vx(v as f32), my + 2.5),
                stroke(Rgb::LIGHT, 0.8),
            );
        }
        let (a, b) = (expected.min(experienced), expected.max(experienced));
        let colour = if experienced < expected {
            WORSE
        } else {
            BETTER
        };
        if b - a > 0.01 {
            scene.rect(
                Rect::new(vx(a), my - 3.5, vx(b) - vx(a), 7.0),
                Some(colour),
                None,
            );
        }
        scene.path(
            circle(vx(expected), my, 3.2),
            Some(Rgb::WHITE),
            stroke(Rgb::BLACK, 1.0),
        );
        scene.path(circle(vx(experienced), my, 3.2), Some(Rgb::BLACK), None);
        let note = if ratings.len() > 1 {
            format!(
                "{} {expected:.1} · {} {experienced:.1} ({})",
                w.expected,
                w.experienced,
                w.touchpoints(ratings.len())
            )
        } else {
            format!(
                "{} {expected:.0} · {} {experienced:.0}",
                w.expected, w.experienced
            )
        };
        let wrapped = f.wrap(Face::Regular, &note, 6.5, span + 8.0);
        lines(
            scene,
            x0 - 4.0,
            my + 8.0,
            6.5,
            8.0,
            Face::Regular,
            Rgb::GREY,
            &wrapped,
        );
    }
    scene.line(pt(0.0, y + h), pt(grid_w, y + h), stroke(Rgb::LIGHT, 0.6));
    scene.breaks.push(y + h);
    y + h
}
