//! The lanes of cards: each card measured and drawn, and the line of visibility between lanes.

use super::{
    lane_colour, lines, marker, Column, CARD_GAP, CARD_LINE, CARD_PAD, CARD_TEXT, COL_W, LABEL_W,
    MOMENT, PAD,
};
use crate::layout::icons;
use crate::layout::scene::*;
use crate::layout::text::{fonts, Face};
use crate::layout::words::words;
use crate::model::*;

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

/// The line of visibility: a dashed rule across the lanes with its label at the left, in a
/// strip of its own so it never covers a card. What is below it the customer does not see.
pub(super) fn visibility_row(scene: &mut Scene, project: &Project, grid_w: f32, y: f32) -> f32 {
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

pub(super) fn lane_row(
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
