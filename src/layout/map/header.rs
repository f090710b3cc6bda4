//! The head of the journey page: the title block, the stage band and the step row.

use super::{col_x, lines, marker, Column, MapOptions, COL_W, LABEL_W, PAD};
use crate::layout::scene::*;
use crate::layout::text::{fonts, Face};
use crate::layout::words::words;
use crate::model::*;

/// The title block: the project's name, the journey and its state, its personas, the date
/// and the file; wraps at `block`. Returns the y below it.
pub(super) fn title_block(
    scene: &mut Scene,
    project: &Project,
    journey: &Journey,
    personas: &[&Persona],
    options: &MapOptions,
    block: f32,
) -> f32 {
    let f = fonts();
    let mut y = 0.0;
    let title = f.wrap(Face::Bold, &project.info.name, 18.0, block);
    y += lines(scene, 0.0, y, 18.0, 22.0, Face::Bold, Rgb::BLACK, &title);
    let w = words(&project.info.locale);
    let state = match journey.state {
        JourneyState::Current => w.current_state,
        JourneyState::Future => w.future_state,
    };
    let subtitle = f.wrap(
        Face::Regular,
        &format!("{} · {state}", journey.name),
        11.0,
        block,
    );
    y += lines(
        scene,
        0.0,
        y + 2.0,
        11.0,
        14.0,
        Face::Regular,
        Rgb::BLACK,
        &subtitle,
    ) + 4.0;
    if !personas.is_empty() {
        let label = if personas.len() == 1 {
            w.persona
        } else {
            w.personas
        };
        scene.text(0.0, y + 8.0, 8.0, Face::Bold, Rgb::GREY, label);
        let mut x = f.width(Face::Bold, label, 8.0) + 6.0;
        for persona in personas {
            let w = 10.0 + f.width(Face::Regular, &persona.name, 8.0) + 10.0;
            if x + w > block && x > 60.0 {
                x = 0.0;
                y += 11.0;
            }
            scene.path(
                circle(x + 3.5, y + 5.3, 3.2),
                Some(Rgb::hex(&persona.colour)),
                None,
            );
            scene.text(
                x + 9.0,
                y + 8.0,
                8.0,
                Face::Regular,
                Rgb::BLACK,
                &persona.name,
            );
            x += w;
        }
        y += 12.0;
    }
    let mut meta = vec![options.date.clone()];
    meta.extend(options.file_name.clone());
    let meta: Vec<String> = meta.into_iter().filter(|m| !m.is_empty()).collect();
    let meta = f.wrap(Face::Regular, &meta.join(" · "), 8.0, block);
    y += lines(scene, 0.0, y, 8.0, 10.0, Face::Regular, Rgb::GREY, &meta) + 10.0;
    y
}

/// The stage band: each stage's name on its colour across its columns. Returns its height.
pub(super) fn stage_band(
    scene: &mut Scene,
    project: &Project,
    stages: &[&Stage],
    columns: &[Column],
    y: f32,
) -> f32 {
    let f = fonts();
    let w = words(&project.info.locale);
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for (i, column) in columns.iter().enumerate() {
        match groups.last_mut() {
            Some((first, n)) if columns[*first].stage == column.stage => *n += 1,
            _ => groups.push((i, 1)),
        }
    }
    let names: Vec<Vec<String>> = groups
        .iter()
        .map(|&(first, n)| {
            f.wrap(
                Face::Bold,
                &stages[columns[first].stage].name,
                9.5,
                n as f32 * COL_W - 2.0 * PAD,
            )
        })
        .collect();
    let band_h = names
        .iter()
        .map(|l| l.len() as f32 * 12.0 + 2.0 * PAD)
        .fold(24.0, f32::max);
    scene.rect(
        Rect::new(0.0, y, LABEL_W, band_h),
        Some(Rgb(0xf3, 0xf4, 0xf6)),
        None,
    );
    scene.text(
        PAD,
        y + band_h / 2.0 + 3.0,
        8.5,
        Face::Bold,
        Rgb::GREY,
        w.stages,
    );
    for (&(first, n), name) in groups.iter().zip(&names) {
        let colour = Rgb::hex(&stages[columns[first].stage].colour);
        let rect = Rect::new(col_x(first), y, n as f32 * COL_W, band_h);
        scene.rect(rect, Some(colour), stroke(Rgb::WHITE, 1.0));
        let ink = if colour.is_dark() {
            Rgb::WHITE
        } else {
            Rgb::BLACK
        };
        let top = y + (band_h - name.len() as f32 * 12.0) / 2.0 - 0.5;
        lines(scene, rect.x + PAD, top, 9.5, 12.0, Face::Bold, ink, name);
    }

    band_h
}

/// The step row: each step's title, with its moment-of-truth marker. Returns its height.
pub(super) fn step_row(
    scene: &mut Scene,
    project: &Project,
    columns: &[Column],
    moment_of: &dyn Fn(MomentTarget) -> Option<usize>,
    y: f32,
) -> f32 {
    let f = fonts();
    let w = words(&project.info.locale);
    let grid_w = LABEL_W + columns.len() as f32 * COL_W;
    let step_lines: Vec<Vec<String>> = columns
        .iter()
        .map(|c| match c.step {
            Some(step) => {
                let marked = moment_of(MomentTarget::Step(step.id)).is_some();
                f.wrap(
                    Face::Bold,
                    &step.title,
                    8.5,
                    COL_W - 2.0 * PAD - if marked { 16.0 } else { 0.0 },
                )
            }
            None => vec![],
        })
        .collect();
    let step_h = step_lines
        .iter()
        .map(|l| l.len() as f32 * 11.0 + 2.0 * PAD)
        .fold(24.0, f32::max);
    scene.rect(
        Rect::new(0.0, y, grid_w, step_h),
        Some(Rgb(0xf9, 0xfa, 0xfb)),
        None,
    );
    scene.text(PAD, y + PAD + 8.5, 8.5, Face::Bold, Rgb::GREY, w.steps);
    for (i, (column, text)) in columns.iter().zip(&step_lines).enumerate() {
        lines(
            scene,
            col_x(i) + PAD,
            y + PAD,
            8.5,
            11.0,
            Face::Bold,
            Rgb::BLACK,
            text,
        );
        if let Some(n) = column
            .step
            .and_then(|s| moment_of(MomentTarget::Step(s.id)))
        {
            marker(scene, col_x(i + 1) - PAD - 6.5, y + PAD + 6.5, n);
        }
    }
    step_h
}
