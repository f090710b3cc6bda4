//! The journey page as one large drawing, its parts stacked top to bottom in fixed-width columns.

mod cards;
mod emotion;
mod gaps;
mod header;
mod legend;

use super::icons;
use super::scene::*;
use super::text::{fonts, Face};
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

/// The left edge of column `i` (a step, or a stage without steps).
fn col_x(i: usize) -> f32 {
    LABEL_W + i as f32 * COL_W
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

/// Lays out `journey` as one page: the header, the lanes (with the emotion band after the
/// feelings lane and the gap row after the touchpoints), then the legend. Rows grow to their
/// tallest cell, so no text is ever cut off.
pub fn journey(project: &Project, journey: &Journey, options: &MapOptions) -> Scene {
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

    let mut y = header::title_block(&mut scene, project, journey, &personas, options, block);
    scene.breaks.push(y);
    let grid_top = y;
    let band_h = header::stage_band(&mut scene, project, &stages, &columns, y);
    y += band_h;
    y += header::step_row(&mut scene, project, &columns, &moment_of, y);

    scene.line(pt(0.0, y), pt(grid_w, y), stroke(Rgb::LIGHT, 0.8));
    scene.header = Some((grid_top, y));
    scene.breaks.push(y);

    let emotion_after = lanes.iter().position(|l| l.kind == LaneKind::Feelings);
    let gap_after = lanes.iter().position(|l| l.kind == LaneKind::Touchpoints);
    if emotion_after.is_none() {
        y = emotion::emotion_band(
            &mut scene, project, journey, &columns, &personas, &moments, y,
        );
    }
    let visibility = crate::template::visibility_line(lanes.iter().map(|l| l.kind));
    for (li, lane) in lanes.iter().enumerate() {
        if Some(li) == visibility {
            y = cards::visibility_row(&mut scene, project, grid_w, y);
        }
        y = cards::lane_row(&mut scene, project, lane, &columns, &moment_of, y);
        if Some(li) == emotion_after {
            y = emotion::emotion_band(
                &mut scene, project, journey, &columns, &personas, &moments, y,
            );
        }
        if Some(li) == gap_after {
            y = gaps::gap_row(&mut scene, project, &lanes, &columns, y);
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

    y = legend::legend(
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
