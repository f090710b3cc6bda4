//! The journey map as one large drawing: title block, stage band, steps, lanes of cards, the
//! emotion band, the expected-vs-experienced row and the legend. Columns have a fixed width and
//! rows grow to their tallest cell, so no text is ever cut off.

use super::curve::{flatten, smooth};
use super::icons;
use super::scene::*;
use super::text::{fonts, Face};
use super::words::words;
use crate::model::*;

pub const LABEL_W: f32 = 118.0;
pub const COL_W: f32 = 132.0;
const PAD: f32 = 5.0;
const CARD_PAD: f32 = 4.0;
const CARD_GAP: f32 = 4.0;
const CARD_TEXT: f32 = 8.0;
const CARD_LINE: f32 = 10.5;
const MIN_WIDTH: f32 = 560.0;

pub const MOMENT: Rgb = Rgb(0xc2, 0x41, 0x0c);
pub const BETTER: Rgb = Rgb(0x2f, 0xa3, 0x7a);
pub const WORSE: Rgb = Rgb(0xd9, 0x48, 0x3b);

#[derive(Debug, Clone, Default)]
pub struct MapOptions {
    /// Shown in the title block.
    pub file_name: Option<String>,
    /// Shown in the title block, as the user should read it (e.g. `2026-12-01`).
    pub date: String,
    /// Width the title block and legend wrap at, so a poster keeps them on its first column
    /// of sheets instead of cutting lines in half; the map's width when `None`.
    pub block_width: Option<f32>,
}

pub fn lane_colour(kind: LaneKind) -> Rgb {
    match kind {
        LaneKind::Actions => Rgb(0x3b, 0x6e, 0xd8),
        LaneKind::Thoughts => Rgb(0x7c, 0x5c, 0xc4),
        LaneKind::Feelings => Rgb(0xd4, 0x57, 0x7b),
        LaneKind::Touchpoints => Rgb(0x0e, 0x8a, 0x9c),
        LaneKind::PainPoints => WORSE,
        LaneKind::Delights => Rgb(0x2f, 0x9a, 0x55),
        LaneKind::Opportunities => Rgb(0xd9, 0x8e, 0x04),
        LaneKind::Backstage => Rgb(0x5b, 0x64, 0x72),
        LaneKind::Kpis => Rgb(0x1f, 0x5f, 0x8b),
        LaneKind::Images => Rgb(0x8a, 0x6d, 0x3b),
        LaneKind::Notes => Rgb(0x78, 0x71, 0x6c),
    }
}

struct Column<'a> {
    step: Option<&'a Step>,
    stage: usize,
}

/// Numbers the journey's moments of truth in reading order: by column, the step's own first.
fn number_moments(
    project: &Project,
    columns: &[Column],
    lanes: &[&Lane],
) -> Vec<(MomentTarget, usize, MomentOfTruth)> {
    let mut numbered = Vec::new();
    for column in columns {
        let Some(step) = column.step else { continue };
        let mut here: Vec<&MomentOfTruth> = project
            .moments_of_truth
            .iter()
            .filter(|m| m.target == MomentTarget::Step(step.id))
            .collect();
        for lane in lanes {
            for card in project.cards_in(lane.id, step.id) {
                here.extend(
                    project
                        .moments_of_truth
                        .iter()
                        .filter(|m| m.target == MomentTarget::Card(card.id)),
                );
            }
        }
        for moment in here {
            numbered.push((moment.target, numbered.len() + 1, moment.clone()));
        }
    }
    numbered
}

fn marker(scene: &mut Scene, cx: f32, cy: f32, number: usize) {
    icons::moment(scene, cx, cy, 6.5, MOMENT);
    let label = number.to_string();
    let w = fonts().width(Face::Bold, &label, 6.0);
    scene.text(cx - w / 2.0, cy + 2.1, 6.0, Face::Bold, Rgb::WHITE, &label);
}

/// Wrapped lines drawn top-down from `top`; returns the height used.
fn lines(
    scene: &mut Scene,
    x: f32,
    top: f32,
    size: f32,
    line_h: f32,
    face: Face,
    colour: Rgb,
    lines: &[String],
) -> f32 {
    for (i, line) in lines.iter().enumerate() {
        scene.text(x, top + i as f32 * line_h + size, size, face, colour, line);
    }
    lines.len() as f32 * line_h
}

struct CardBox<'a> {
    card: &'a Card,
    text: Vec<String>,
    image: Option<(f32, f32)>,
    attribute: f32,
    /// An opportunity's impact, effort and votes, wrapped: longer words in German.
    ratings: Vec<String>,
    height: f32,
}

fn card_box<'a>(project: &Project, card: &'a Card, kind: LaneKind, marked: bool) -> CardBox<'a> {
    let inner = COL_W - 2.0 * PAD - 2.0 * CARD_PAD;
    let text_w = if marked { inner - 14.0 } else { inner };
    let text = if card.text.trim().is_empty() && card.image.is_some() {
        vec![]
    } else {
        fonts().wrap(Face::Regular, &card.text, CARD_TEXT, text_w)
    };
    let image = card
        .image
        .as_deref()
        .and_then(|h| project.image(h))
        .map(|img| {
            let ratio = img.height as f32 / img.width.max(1) as f32;
            let h = (inner * ratio).min(inner);
            (h / ratio.max(0.01), h)
        });
    let w = words(&project.info.locale);
    let ratings = if kind == LaneKind::Opportunities {
        let mut parts = vec![];
        if let Some(impact) = card.impact {
            parts.push(format!("{} {impact}", w.impact));
        }
        if let Some(effort) = card.effort {
            parts.push(format!("{} {effort}", w.effort));
        }
        if card.votes > 0 {
            parts.push(w.votes(card.votes));
        }
        // Breaks only between ratings, so "6 Stimmen" never splits.
        let mut lines: Vec<String> = vec![];
        for part in parts {
            match lines.last_mut() {
                Some(line)
                    if fonts().width(Face::Regular, &format!("{line} · {part}"), 7.0) <= inner =>
                {
                    *line = format!("{line} · {part}");
                }
                _ => lines.push(part),
            }
        }
        lines
    } else {
        vec![]
    };
    let attribute = match kind {
        LaneKind::Touchpoints if card.channel.is_some() => 12.0,
        LaneKind::PainPoints | LaneKind::Delights if card.severity.is_some() => 11.0,
        LaneKind::Opportunities if !ratings.is_empty() => 11.0 + (ratings.len() - 1) as f32 * 9.0,
        _ => 0.0,
    };
    let image_h = image.map_or(0.0, |(_, h)| h + if text.is_empty() { 0.0 } else { 3.0 });
    let height = 2.0 * CARD_PAD + image_h + text.len() as f32 * CARD_LINE + attribute;
    CardBox {
        card,
        text,
        image,
        attribute,
        ratings,
        height: height.max(18.0),
    }
}

fn draw_card(
    scene: &mut Scene,
    project: &Project,
    b: &CardBox,
    kind: LaneKind,
    x: f32,
    y: f32,
    moment: Option<usize>,
) {
    let base = lane_colour(kind);
    let rect = Rect::new(x, y, COL_W - 2.0 * PAD, b.height);
    let border = if moment.is_some() {
        stroke(MOMENT, 1.2)
    } else {
        stroke(base.tint(0.55), 0.6)
    };
    scene.path(rounded_rect(rect, 3.0), Some(base.tint(0.88)), border);
    let mut cy = y + CARD_PAD;
    if let (Some((w, h)), Some(hash)) = (b.image, b.card.image.as_ref()) {
        scene.items.push(Item::Image {
            rect: Rect::new(x + CARD_PAD, cy, w, h),
            hash: hash.clone(),
        });
        cy += h + if b.text.is_empty() { 0.0 } else { 3.0 };
    }
    cy += lines(
        scene,
        x + CARD_PAD,
        cy,
        CARD_TEXT,
        CARD_LINE,
        Face::Regular,
        Rgb::BLACK,
        &b.text,
    );
    if b.attribute > 0.0 {
        let ay = cy + 1.0;
        match kind {
            LaneKind::Touchpoints => {
                if let Some(channel) = b
                    .card
                    .channel
                    .and_then(|id| project.channels.iter().find(|c| c.id == id))
                {
                    icons::channel(scene, channel.icon, x + CARD_PAD, ay, 9.0, base);
                    scene.text(
                        x + CARD_PAD + 12.0,
                        ay + 7.5,
                        7.0,
                        Face::Regular,
                        Rgb::GREY,
                        &channel.name,
                    );
                }
            }
            LaneKind::PainPoints | LaneKind::Delights => {
                let severity = b.card.severity.unwrap_or(0);
                let label = words(&project.info.locale).severity;
                scene.text(x + CARD_PAD, ay + 7.0, 7.0, Face::Regular, Rgb::GREY, label);
                let start = x + CARD_PAD + fonts().width(Face::Regular, label, 7.0) + 6.0;
                for i in 0..5u8 {
                    let fill = if i < severity { base } else { base.tint(0.75) };
                    scene.path(
                        circle(start + f32::from(i) * 8.0, ay + 4.6, 2.6),
                        Some(fill),
                        None,
                    );
                }
            }
            LaneKind::Opportunities => {
                lines(
                    scene,
                    x + CARD_PAD,
                    ay,
                    7.0,
                    9.0,
                    Face::Regular,
                    Rgb::GREY,
                    &b.ratings,
                );
            }
            _ => {}
        }
    }
    if let Some(number) = moment {
        marker(scene, rect.right() - 8.0, y + 8.0, number);
    }
    scene.cards.push(Placed {
        card: b.card.id,
        rect,
    });
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

pub fn journey(project: &Project, journey: &Journey, options: &MapOptions) -> Scene {
    let f = fonts();
    let stages = project.stages_of(journey.id);
    let lanes = project.lanes_of(journey.id);
    let personas = project.personas_of(journey);
    let mut columns: Vec<Column> = Vec::new();
    for (i, stage) in stages.iter().enumerate() {
        let steps = project.steps_of(stage.id);
        if steps.is_empty() {
            columns.push(Column {
                step: None,
                stage: i,
            });
        }
        columns.extend(steps.into_iter().map(|step| Column {
            step: Some(step),
            stage: i,
        }));
    }
    let grid_w = LABEL_W + columns.len() as f32 * COL_W;
    let width = grid_w.max(MIN_WIDTH);
    let col_x = |i: usize| LABEL_W + i as f32 * COL_W;
    let moments = number_moments(project, &columns, &lanes);
    let moment_of = |target: MomentTarget| {
        moments
            .iter()
            .find(|(t, _, _)| *t == target)
            .map(|(_, n, _)| *n)
    };
    let block = options.block_width.unwrap_or(width).clamp(200.0, width);
    let mut scene = Scene {
        width,
        ..Scene::default()
    };
    scene.columns = (0..=columns.len()).map(col_x).collect();

    // Title block.
    let mut y = 0.0;
    let title = f.wrap(Face::Bold, &project.info.name, 18.0, block);
    y += lines(
        &mut scene,
        0.0,
        y,
        18.0,
        22.0,
        Face::Bold,
        Rgb::BLACK,
        &title,
    );
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
        &mut scene,
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
        for persona in &personas {
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
    y += lines(
        &mut scene,
        0.0,
        y,
        8.0,
        10.0,
        Face::Regular,
        Rgb::GREY,
        &meta,
    ) + 10.0;
    scene.breaks.push(y);
    let grid_top = y;

    // Stage band.
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
        lines(
            &mut scene,
            rect.x + PAD,
            top,
            9.5,
            12.0,
            Face::Bold,
            ink,
            name,
        );
    }
    y += band_h;

    // Step row.
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
            &mut scene,
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
            marker(&mut scene, col_x(i + 1) - PAD - 6.5, y + PAD + 6.5, n);
        }
    }
    y += step_h;
    scene.line(pt(0.0, y), pt(grid_w, y), stroke(Rgb::LIGHT, 0.8));
    scene.header = Some((grid_top, y));
    scene.breaks.push(y);

    let emotion_after = lanes.iter().position(|l| l.kind == LaneKind::Feelings);
    let gap_after = lanes.iter().position(|l| l.kind == LaneKind::Touchpoints);
    if emotion_after.is_none() {
        y = emotion_band(
            &mut scene, project, journey, &columns, &personas, &moments, y,
        );
    }
    let visibility = crate::template::visibility_line(lanes.iter().map(|l| l.kind));
    for (li, lane) in lanes.iter().enumerate() {
        if Some(li) == visibility {
            y = visibility_row(&mut scene, project, grid_w, y);
        }
        y = lane_row(&mut scene, project, lane, &columns, &moment_of, y);
        if Some(li) == emotion_after {
            y = emotion_band(
                &mut scene, project, journey, &columns, &personas, &moments, y,
            );
        }
        if Some(li) == gap_after {
            y = gap_row(&mut scene, project, &lanes, &columns, y);
        }
    }
    // Column rules and the frame, over the row backgrounds.
    for i in 0..=columns.len() {
        scene.line(
            pt(col_x(i), grid_top + band_h),
            pt(col_x(i), y),
            stroke(Rgb::LIGHT, 0.6),
        );
    }
    scene.rect(
        Rect::new(0.0, grid_top, grid_w, y - grid_top),
        None,
        stroke(Rgb::LIGHT, 0.8),
    );

    y = legend(
        &mut scene,
        project,
        journey,
        &lanes,
        &personas,
        &moments,
        y + 16.0,
        block,
    );
    scene.height = y;
    scene
}

/// The line of visibility: a dashed rule across the lanes with its label at the left, in a
/// strip of its own so it never covers a card. What is below it the customer does not see.
fn visibility_row(scene: &mut Scene, project: &Project, grid_w: f32, y: f32) -> f32 {
    const H: f32 = 14.0;
    let ink = Rgb(0x44, 0x4c, 0x5a);
    let label = words(&project.info.locale).line_of_visibility;
    scene.rect(Rect::new(0.0, y, grid_w, H), Some(Rgb::WHITE), None);
    scene.text(PAD, y + H / 2.0 + 2.5, 7.0, Face::Bold, ink, label);
    let start = PAD + fonts().width(Face::Bold, label, 7.0) + 4.0;
    let dash = Some(Stroke {
        colour: ink,
        width: 0.9,
        dash: Some((5.0, 3.0)),
    });
    scene.line(pt(start, y + H / 2.0), pt(grid_w, y + H / 2.0), dash);
    scene.breaks.push(y + H);
    y + H
}

fn lane_row(
    scene: &mut Scene,
    project: &Project,
    lane: &Lane,
    columns: &[Column],
    moment_of: &dyn Fn(MomentTarget) -> Option<usize>,
    y: f32,
) -> f32 {
    let f = fonts();
    let base = lane_colour(lane.kind);
    let title = f.wrap(Face::Bold, &lane.title, 8.5, LABEL_W - 2.0 * PAD - 16.0);
    let kind = words(&project.info.locale).kind(lane.kind);
    let label_h = 2.0 * PAD
        + title.len() as f32 * 11.0
        + if kind.to_lowercase() != lane.title.to_lowercase() {
            10.0
        } else {
            0.0
        };
    let cells: Vec<Vec<CardBox>> = columns
        .iter()
        .map(|c| match c.step {
            Some(step) => project
                .cards_in(lane.id, step.id)
                .into_iter()
                .map(|card| {
                    card_box(
                        project,
                        card,
                        lane.kind,
                        moment_of(MomentTarget::Card(card.id)).is_some(),
                    )
                })
                .collect(),
            None => vec![],
        })
        .collect();
    let content = |cell: &Vec<CardBox>| {
        cell.iter().map(|b| b.height).sum::<f32>()
            + CARD_GAP * cell.len().saturating_sub(1) as f32
            + 2.0 * PAD
    };
    let h = cells.iter().map(content).fold(label_h.max(34.0), f32::max);
    let grid_w = LABEL_W + columns.len() as f32 * COL_W;
    scene.rect(Rect::new(0.0, y, LABEL_W, h), Some(base.tint(0.9)), None);
    icons::lane(scene, lane.kind, PAD, y + PAD, 12.0, base);
    let th = lines(
        scene,
        PAD + 16.0,
        y + PAD,
        8.5,
        11.0,
        Face::Bold,
        Rgb::BLACK,
        &title,
    );
    if kind.to_lowercase() != lane.title.to_lowercase() {
        scene.text(
            PAD + 16.0,
            y + PAD + th + 7.0,
            7.0,
            Face::Regular,
            Rgb::GREY,
            kind,
        );
    }
    for (i, cell) in cells.iter().enumerate() {
        let mut cy = y + PAD;
        for b in cell {
            let moment = moment_of(MomentTarget::Card(b.card.id));
            draw_card(
                scene,
                project,
                b,
                lane.kind,
                LABEL_W + i as f32 * COL_W + PAD,
                cy,
                moment,
            );
            cy += b.height + CARD_GAP;
        }
    }
    scene.line(pt(0.0, y + h), pt(grid_w, y + h), stroke(Rgb::LIGHT, 0.6));
    scene.breaks.push(y + h);
    y + h
}

fn emotion_band(
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
    let legend_h = personas.len() as f32 * 10.0;
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

fn gap_row(
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

/// Entries laid left to right, wrapping at the scene's width.
struct Flow {
    x: f32,
    y: f32,
    width: f32,
}

impl Flow {
    fn place(&mut self, w: f32) -> (f32, f32) {
        if self.x > 0.0 && self.x + w > self.width {
            self.x = 0.0;
            self.y += 14.0;
        }
        let at = (self.x, self.y);
        self.x += w + 14.0;
        at
    }
}

fn legend(
    scene: &mut Scene,
    project: &Project,
    journey: &Journey,
    lanes: &[&Lane],
    personas: &[&Persona],
    moments: &[(MomentTarget, usize, MomentOfTruth)],
    y: f32,
    width: f32,
) -> f32 {
    let f = fonts();
    let w = words(&project.info.locale);
    scene.text(0.0, y + 10.0, 10.0, Face::Bold, Rgb::BLACK, w.legend);
    let mut flow = Flow {
        x: 0.0,
        y: y + 18.0,
        width,
    };
    let mut kinds: Vec<LaneKind> = lanes.iter().map(|l| l.kind).collect();
    kinds.sort_by_key(|k| LaneKind::ALL.iter().position(|a| a == k));
    kinds.dedup();
    for kind in kinds {
        let name = w.kind(kind);
        let (x, y) = flow.place(14.0 + f.width(Face::Regular, name, 7.5));
        icons::lane(scene, kind, x, y, 10.0, lane_colour(kind));
        scene.text(x + 14.0, y + 8.0, 7.5, Face::Regular, Rgb::BLACK, name);
    }
    let lane_ids: Vec<Id> = lanes.iter().map(|l| l.id).collect();
    let mut used: Vec<&Channel> = project
        .channels
        .iter()
        .filter(|ch| {
            project
                .cards
                .iter()
                .any(|c| c.channel == Some(ch.id) && lane_ids.contains(&c.lane))
        })
        .collect();
    used.sort_by(|a, b| (&a.order, a.id).cmp(&(&b.order, b.id)));
    if !used.is_empty() {
        flow.x = 0.0;
        flow.y += 16.0;
        for channel in used {
            let (x, y) = flow.place(14.0 + f.width(Face::Regular, &channel.name, 7.5));
            icons::channel(
                scene,
                channel.icon,
                x,
                y,
                10.0,
                lane_colour(LaneKind::Touchpoints),
            );
            scene.text(
                x + 14.0,
                y + 8.0,
                7.5,
                Face::Regular,
                Rgb::BLACK,
                &channel.name,
            );
        }
    }
    flow.x = 0.0;
    flow.y += 16.0;
    for persona in personas {
        let (x, y) = flow.place(18.0 + f.width(Face::Regular, &persona.name, 7.5));
        scene.line(
            pt(x, y + 5.0),
            pt(x + 14.0, y + 5.0),
            stroke(Rgb::hex(&persona.colour), 1.6),
        );
        scene.text(
            x + 18.0,
            y + 8.0,
            7.5,
            Face::Regular,
            Rgb::BLACK,
            &persona.name,
        );
    }
    let mut swatches = vec![
        (
            BETTER.tint(0.7),
            format!("{}: {}", w.above_zero, journey.scale.max_label),
        ),
        (
            WORSE.tint(0.7),
            format!("{}: {}", w.below_zero, journey.scale.min_label),
        ),
    ];
    let rated = project
        .cards
        .iter()
        .any(|c| lane_ids.contains(&c.lane) && c.expected.is_some() && c.experienced.is_some());
    if rated {
        swatches.push((BETTER, w.experienced_better.to_string()));
        swatches.push((WORSE, w.experienced_worse.to_string()));
    }
    for (colour, name) in swatches {
        let (x, y) = flow.place(14.0 + f.width(Face::Regular, &name, 7.5));
        scene.rect(Rect::new(x, y + 1.0, 10.0, 8.0), Some(colour), None);
        scene.text(x + 14.0, y + 8.0, 7.5, Face::Regular, Rgb::BLACK, &name);
    }
    let mut y = flow.y + 14.0;
    if !moments.is_empty() {
        y += 6.0;
        scene.text(
            0.0,
            y + 8.5,
            8.5,
            Face::Bold,
            Rgb::BLACK,
            w.moments_of_truth,
        );
        y += 14.0;
        let text_w = width.min(900.0) - 20.0;
        for (_, number, moment) in moments {
            marker(scene, 6.5, y + 6.0, *number);
            let mut text = moment.title.clone();
            if !moment.why.trim().is_empty() {
                text = format!("{text} — {}", moment.why);
            }
            let wrapped = f.wrap(Face::Regular, &text, 8.0, text_w);
            y += lines(
                scene,
                18.0,
                y + 1.0,
                8.0,
                10.5,
                Face::Regular,
                Rgb::BLACK,
                &wrapped,
            )
            .max(14.0)
                + 2.0;
        }
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{generate, Size};

    fn map(size: Size) -> (Project, Scene) {
        let project = generate(size);
        let journey = project.journeys[0].clone();
        let scene = journey_scene(&project, &journey);
        (project, scene)
    }

    fn journey_scene(project: &Project, journey: &Journey) -> Scene {
        super::journey(
            project,
            journey,
            &MapOptions {
                file_name: Some("map.waymark".into()),
                date: "2026-12-01".into(),
                block_width: None,
            },
        )
    }

    #[test]
    fn every_card_is_placed_once_inside_its_cell_and_the_scene() {
        let (project, scene) = map(Size {
            stages: 4,
            steps_per_stage: 2,
            lanes: 5,
            cards: 60,
            personas: 2,
        });
        assert_eq!(scene.cards.len(), project.cards.len());
        let bounds = Rect::new(0.0, 0.0, scene.width, scene.height);
        for placed in &scene.cards {
            assert!(bounds.contains(&placed.rect));
            assert!(placed.rect.w <= COL_W);
        }
        for (i, a) in scene.cards.iter().enumerate() {
            for b in &scene.cards[i + 1..] {
                assert!(!a.rect.intersects(&b.rect), "cards overlap");
            }
        }
    }

    #[test]
    fn card_text_stays_inside_its_card() {
        let (_, scene) = map(Size {
            stages: 3,
            steps_per_stage: 1,
            lanes: 4,
            cards: 24,
            personas: 1,
        });
        let cards: Vec<Rect> = scene.cards.iter().map(|c| c.rect).collect();
        let mut inside = 0;
        let (_, header_bottom) = scene.header.unwrap_or_default();
        let grid_bottom = cards.iter().map(|c| c.bottom()).fold(0.0, f32::max);
        let in_cells = |t: &&crate::layout::scene::Text| {
            t.x >= LABEL_W && t.y > header_bottom && t.y < grid_bottom
        };
        for text in scene
            .texts()
            .filter(|t| t.size == CARD_TEXT)
            .filter(in_cells)
        {
            let b = Rect::new(text.x, text.y - text.size, text.width, text.size);
            assert!(
                cards.iter().any(|c| c.contains(&b)),
                "{:?} sticks out of its card",
                text.text
            );
            inside += 1;
        }
        assert!(inside >= 24);
    }

    #[test]
    fn a_long_card_grows_its_row() {
        let mut project = generate(Size {
            stages: 2,
            steps_per_stage: 1,
            lanes: 2,
            cards: 4,
            personas: 1,
        });
        let journey = project.journeys[0].clone();
        let before = journey_scene(&project, &journey);
        project.cards[0].text = "Zażółć gęślą jaźń. ".repeat(30);
        let after = journey_scene(&project, &journey);
        assert!(after.height > before.height + 100.0);
        let long = after
            .cards
            .iter()
            .find(|c| c.card == project.cards[0].id)
            .map(|c| c.rect.h)
            .unwrap_or(0.0);
        assert!(long > 150.0);
        let all: String = after
            .texts()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(all.matches("jaźń.").count(), 30);
    }

    #[test]
    fn the_emotion_band_has_a_curve_per_persona_and_a_zero_line() {
        let (_, scene) = map(Size {
            stages: 6,
            steps_per_stage: 1,
            lanes: 3,
            cards: 10,
            personas: 3,
        });
        let curves = scene
            .items
            .iter()
            .filter(|i| matches!(i, Item::Path { segs, fill: None, stroke: Some(s) } if s.width == 1.6 && segs.iter().any(|s| matches!(s, Seg::Cubic(..)))))
            .count();
        assert_eq!(curves, 3);
        let dashed = scene.items.iter().any(|i| matches!(i, Item::Path { stroke: Some(Stroke { dash: Some(_), colour, .. }), .. } if *colour == Rgb::GREY));
        assert!(dashed);
    }

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

    #[test]
    fn moments_of_truth_are_numbered_and_listed() {
        let (project, scene) = map(Size {
            stages: 4,
            steps_per_stage: 1,
            lanes: 3,
            cards: 8,
            personas: 1,
        });
        assert!(!project.moments_of_truth.is_empty());
        let title = &project.moments_of_truth[0].title;
        assert!(scene.texts().any(|t| t.text.contains(title.as_str())));
        assert!(scene.texts().any(|t| t.text == "Moments of truth"));
    }

    #[test]
    fn the_header_is_the_stage_band_and_step_row() {
        let (_, scene) = map(Size {
            stages: 2,
            steps_per_stage: 2,
            lanes: 2,
            cards: 4,
            personas: 1,
        });
        let (top, bottom) = scene.header.unwrap_or_default();
        assert!(top > 0.0 && bottom > top + 40.0);
        assert!(scene
            .texts()
            .any(|t| t.text == "Stage 1" && t.y > top && t.y < bottom));
    }

    #[test]
    fn the_line_of_visibility_sits_between_frontstage_and_backstage() {
        let template = crate::template::builtin("service-blueprint").unwrap();
        let project = template
            .instantiate("T", "en", "2026-01-01T00:00:00Z")
            .unwrap();
        let scene = journey_scene(&project, &project.journeys[0]);
        let y_of = |text: &str| scene.texts().find(|t| t.text == text).map(|t| t.y);
        let line = y_of("Line of visibility").expect("the line is labelled");
        assert!(y_of("Frontstage").unwrap() < line && line < y_of("Backstage").unwrap());
        let dashed = scene.items.iter().any(|i| matches!(i, Item::Path { stroke: Some(Stroke { dash: Some((a, _)), .. }), .. } if *a == 5.0));
        assert!(dashed, "the line is a dashed rule");

        let german = template
            .instantiate("T", "de-DE", "2026-01-01T00:00:00Z")
            .unwrap();
        let scene = journey_scene(&german, &german.journeys[0]);
        assert!(scene.texts().any(|t| t.text == "Sichtbarkeitslinie"));

        let blank = crate::template::builtin("blank")
            .unwrap()
            .instantiate("T", "en", "2026-01-01T00:00:00Z")
            .unwrap();
        let scene = journey_scene(&blank, &blank.journeys[0]);
        assert!(!scene.texts().any(|t| t.text == "Line of visibility"));
    }
}
