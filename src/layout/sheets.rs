//! The optional pages: one sheet per persona, and the journey's opportunities ranked.

use super::icons;
use super::map::{lane_colour, MOMENT};
use super::scene::*;
use super::text::{fonts, Face};
use super::words::words;
use crate::model::*;

fn block(
    scene: &mut Scene,
    x: f32,
    y: f32,
    width: f32,
    size: f32,
    face: Face,
    colour: Rgb,
    text: &str,
) -> f32 {
    let line_h = size * 1.32;
    let wrapped = fonts().wrap(face, text, size, width);
    for (i, line) in wrapped.iter().enumerate() {
        scene.text(x, y + size + i as f32 * line_h, size, face, colour, line);
    }
    wrapped.len() as f32 * line_h
}

/// Where each column of a table starts, from their widths.
pub(super) fn column_starts(widths: &[f32]) -> Vec<f32> {
    widths
        .iter()
        .scan(0.0, |x, w| {
            let at = *x;
            *x += w;
            Some(at)
        })
        .collect()
}

fn section(scene: &mut Scene, x: f32, y: f32, title: &str, accent: Rgb) -> f32 {
    scene.text(x, y + 10.0, 10.0, Face::Bold, Rgb::BLACK, title);
    scene.rect(Rect::new(x, y + 13.5, 24.0, 1.6), Some(accent), None);
    20.0
}

fn bullets(scene: &mut Scene, x: f32, mut y: f32, width: f32, items: &[String], none: &str) -> f32 {
    let start = y;
    if items.is_empty() {
        return block(scene, x, y, width, 9.0, Face::Italic, Rgb::GREY, none);
    }
    for item in items {
        scene.text(x, y + 9.0, 9.0, Face::Regular, Rgb::GREY, "•");
        y += block(
            scene,
            x + 10.0,
            y,
            width - 10.0,
            9.0,
            Face::Regular,
            Rgb::BLACK,
            item,
        ) + 3.0;
    }
    y - start
}

/// A persona sheet laid out for a content area `width` wide (points).
pub fn persona(project: &Project, persona: &Persona, width: f32) -> Scene {
    let mut scene = Scene {
        width,
        ..Scene::default()
    };
    let w = words(&project.info.locale);
    let accent = Rgb::hex(&persona.colour);
    scene.rect(Rect::new(0.0, 0.0, width, 6.0), Some(accent), None);
    let mut y = 18.0;
    let mut text_x = 0.0;
    let mut photo_bottom = y;
    if let Some(image) = persona.photo.as_deref().and_then(|h| project.image(h)) {
        let ratio = image.height as f32 / image.width.max(1) as f32;
        let (w, h) = if ratio > 1.0 {
            (130.0 / ratio, 130.0)
        } else {
            (130.0, 130.0 * ratio)
        };
        scene.items.push(Item::Image {
            rect: Rect::new(0.0, y, w, h),
            hash: image.hash.clone(),
        });
        scene.rect(Rect::new(0.0, y, w, h), None, stroke(accent, 1.0));
        text_x = 146.0;
        photo_bottom = y + h;
    }
    let head_w = width - text_x;
    y += block(
        &mut scene,
        text_x,
        y,
        head_w,
        22.0,
        Face::Bold,
        Rgb::BLACK,
        &persona.name,
    ) + 2.0;
    if !persona.role.trim().is_empty() {
        y += block(
            &mut scene,
            text_x,
            y,
            head_w,
            11.0,
            Face::Regular,
            Rgb::GREY,
            &persona.role,
        ) + 8.0;
    }
    if !persona.quote.trim().is_empty() {
        let [open, close] = w.quotes;
        let quote = format!("{open}{}{close}", persona.quote.trim());
        let h = block(
            &mut scene,
            text_x + 10.0,
            y,
            head_w - 10.0,
            12.0,
            Face::Italic,
            Rgb::BLACK,
            &quote,
        );
        scene.rect(Rect::new(text_x, y + 1.0, 2.5, h), Some(accent), None);
        y += h + 8.0;
    }
    y = y.max(photo_bottom) + 16.0;
    scene.breaks.push(y);

    let two = width >= 420.0;
    let col_w = if two { (width - 24.0) / 2.0 } else { width };
    let mut left = y;
    for (title, items) in [
        (w.goals, &persona.goals),
        (w.frustrations, &persona.frustrations),
        (w.needs, &persona.needs),
    ] {
        left += section(&mut scene, 0.0, left, title, accent);
        left += bullets(&mut scene, 0.0, left, col_w, items, w.none_recorded) + 12.0;
        if !two {
            scene.breaks.push(left);
        }
    }
    let (rx, mut right) = if two { (col_w + 24.0, y) } else { (0.0, left) };
    for (title, text) in [
        (w.rational_mindset, &persona.rational_mindset),
        (w.emotional_mindset, &persona.emotional_mindset),
    ] {
        right += section(&mut scene, rx, right, title, accent);
        let shown = if text.trim().is_empty() {
            w.none_recorded
        } else {
            text.as_str()
        };
        let face = if text.trim().is_empty() {
            Face::Italic
        } else {
            Face::Regular
        };
        right += block(&mut scene, rx, right, col_w, 9.0, face, Rgb::BLACK, shown) + 12.0;
        if !two {
            scene.breaks.push(right);
        }
    }
    right += section(&mut scene, rx, right, w.channels, accent);
    let channels: Vec<&Channel> = persona
        .channels
        .iter()
        .filter_map(|id| project.channels.iter().find(|c| c.id == *id))
        .collect();
    if channels.is_empty() {
        right += block(
            &mut scene,
            rx,
            right,
            col_w,
            9.0,
            Face::Italic,
            Rgb::GREY,
            w.none_recorded,
        );
    }
    for channel in channels {
        icons::channel(
            &mut scene,
            channel.icon,
            rx,
            right,
            11.0,
            lane_colour(LaneKind::Touchpoints),
        );
        right += block(
            &mut scene,
            rx + 16.0,
            right,
            col_w - 16.0,
            9.0,
            Face::Regular,
            Rgb::BLACK,
            &channel.name,
        )
        .max(13.0)
            + 2.0;
    }
    scene.height = left.max(right) + 4.0;
    scene.breaks.push(scene.height);
    scene
}

/// The journey's opportunities in the order to fix them (`crate::priority`), with the rule
/// printed under the title and the moments of truth marked as on the map.
pub fn opportunities(project: &Project, journey: &Journey, width: f32) -> Scene {
    let mut scene = Scene {
        width,
        ..Scene::default()
    };
    let w = words(&project.info.locale);
    let mut y = block(
        &mut scene,
        0.0,
        0.0,
        width,
        16.0,
        Face::Bold,
        Rgb::BLACK,
        &w.fix_first_title(&journey.name),
    );
    y += block(
        &mut scene,
        0.0,
        y + 2.0,
        width,
        8.5,
        Face::Regular,
        Rgb::GREY,
        w.rule,
    ) + 4.0;
    let ranked = crate::priority::rank(project, journey.id);
    // A key only for the marks this page uses.
    if ranked.iter().any(|r| r.at_moment_of_truth) {
        icons::moment(&mut scene, 4.0, y + 5.5, 3.5, MOMENT);
        y += block(
            &mut scene,
            12.0,
            y,
            width - 12.0,
            8.0,
            Face::Regular,
            Rgb::GREY,
            w.doubled_at_moment,
        ) + 2.0;
    }
    if ranked.iter().any(|r| r.unrated) {
        y += block(
            &mut scene,
            0.0,
            y,
            width,
            8.0,
            Face::Regular,
            Rgb::GREY,
            w.unrated,
        ) + 2.0;
    }
    y += 10.0;
    scene.breaks.push(y);
    // Rank, text, where, impact, effort, votes, moment of truth, score; a narrow column
    // widens to its head, which is longer in German ("Wirkung", "Aufwand").
    let head = w.table_head;
    let mut fixed = [22.0, 0.0, width * 0.2, 36.0, 36.0, 34.0, 28.0, 36.0];
    for (column, title) in fixed.iter_mut().zip(head).skip(3) {
        *column = column.max(fonts().width(Face::Bold, title, 8.0) + 8.0);
    }
    let text_w = width - fixed.iter().sum::<f32>();
    let mut widths = fixed;
    widths[1] = text_w;
    let xs = column_starts(&widths);
    let header_top = y;
    scene.rect(
        Rect::new(0.0, y, width, 18.0),
        Some(Rgb(0xf3, 0xf4, 0xf6)),
        None,
    );
    for (h, x) in head.iter().zip(&xs) {
        scene.text(x + 3.0, y + 12.0, 8.0, Face::Bold, Rgb::GREY, h);
    }
    y += 18.0;
    scene.header = Some((header_top, y));
    scene.breaks.push(y);
    if ranked.is_empty() {
        y += block(
            &mut scene,
            3.0,
            y + 4.0,
            width,
            9.0,
            Face::Italic,
            Rgb::GREY,
            w.no_opportunities,
        ) + 8.0;
    }
    let accent = lane_colour(LaneKind::Opportunities);
    for row in &ranked {
        let Some(card) = project.cards.iter().find(|c| c.id == row.card) else {
            continue;
        };
        let mut h = block(
            &mut scene,
            xs[1] + 3.0,
            y + 4.0,
            widths[1] - 6.0,
            9.0,
            Face::Regular,
            Rgb::BLACK,
            &card.text,
        );
        let answers: Vec<&str> = row
            .answers
            .iter()
            .filter_map(|id| project.cards.iter().find(|c| c.id == *id))
            .map(|c| c.text.as_str())
            .collect();
        if !answers.is_empty() {
            let text = format!("{} {}", w.answers, answers.join("; "));
            h += 2.0
                + block(
                    &mut scene,
                    xs[1] + 3.0,
                    y + 6.0 + h,
                    widths[1] - 6.0,
                    7.5,
                    Face::Italic,
                    Rgb::GREY,
                    &text,
                );
        }
        let (stage, step) = crate::priority::place(project, card);
        h = h.max(block(
            &mut scene,
            xs[2] + 3.0,
            y + 4.0,
            widths[2] - 6.0,
            8.0,
            Face::Regular,
            Rgb::GREY,
            &format!("{stage} · {step}"),
        ));
        scene.text(
            xs[0] + 3.0,
            y + 13.0,
            9.0,
            Face::Bold,
            accent,
            &row.rank.to_string(),
        );
        let rating = |rated: Option<u8>, counted: u8| match rated {
            Some(v) => format!("{v}/5"),
            None => format!("{counted}?"),
        };
        for (i, value) in [
            rating(card.impact, row.impact),
            rating(card.effort, row.effort),
            row.votes.to_string(),
        ]
        .iter()
        .enumerate()
        {
            scene.text(
                xs[3 + i] + 3.0,
                y + 13.0,
                9.0,
                Face::Regular,
                Rgb::BLACK,
                value,
            );
        }
        if row.at_moment_of_truth {
            icons::moment(&mut scene, xs[6] + 10.0, y + 10.0, 4.5, MOMENT);
        }
        scene.text(
            xs[7] + 3.0,
            y + 13.0,
            9.0,
            Face::Bold,
            Rgb::BLACK,
            &row.score.to_string(),
        );
        y += h + 8.0;
        scene.line(pt(0.0, y), pt(width, y), stroke(Rgb::LIGHT, 0.6));
        scene.breaks.push(y);
    }
    scene.height = y + 2.0;
    scene
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{generate, Size};

    #[test]
    fn the_opportunities_page_follows_the_ranking_rule() {
        let project = generate(Size {
            stages: 10,
            steps_per_stage: 1,
            lanes: 10,
            cards: 100,
            personas: 1,
        });
        let journey = &project.journeys[0];
        let ranked = crate::priority::rank(&project, journey.id);
        assert!(ranked.len() >= 5);
        let scene = opportunities(&project, journey, 500.0);
        let texts: Vec<&str> = scene.texts().map(|t| t.text.as_str()).collect();
        assert!(texts[0].starts_with("Fix first — "), "{:?}", texts[0]);
        assert!(texts.contains(&"Score"));
        // Each row's score in rank order, and each card's text, appear on the page.
        let scores: Vec<String> = ranked.iter().map(|r| r.score.to_string()).collect();
        let mut at = 0;
        for score in &scores {
            at += texts[at..]
                .iter()
                .position(|t| t == score)
                .unwrap_or_else(|| panic!("score {score} missing after {at}"))
                + 1;
        }
        for row in &ranked {
            let card = project.cards.iter().find(|c| c.id == row.card).unwrap();
            assert!(texts.iter().any(|t| card.text.starts_with(*t)));
        }
        assert!(scene.items.iter().all(|i| i.bounds().right() <= 500.5));
    }

    #[test]
    fn a_persona_sheet_holds_every_field() {
        let project = generate(Size {
            stages: 1,
            steps_per_stage: 1,
            lanes: 1,
            cards: 1,
            personas: 1,
        });
        let persona = &project.personas[0];
        let scene = super::persona(&project, persona, 500.0);
        let all: String = scene
            .texts()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        for field in [
            &persona.name,
            &persona.goals[0],
            &persona.frustrations[0],
            &persona.needs[0],
            &persona.rational_mindset,
        ] {
            assert!(all.contains(field.as_str()), "{field} missing");
        }
        assert!(scene.items.iter().all(|i| i.bounds().right() <= 500.5));
    }
}
