//! The legend below the map: lane kinds, channels, personas, shadings and the moments of truth.

use super::{lane_colour, lines, marker, BETTER, WORSE};
use crate::layout::icons;
use crate::layout::scene::*;
use crate::layout::text::{fonts, Face};
use crate::layout::words::words;
use crate::model::*;

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

pub(super) fn legend(
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
