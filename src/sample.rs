//! Generated maps of a chosen size, for benchmarks and tests. Deterministic: the same size gives
//! the same project, ids included.

use uuid::Uuid;

use crate::model::*;

#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub stages: usize,
    pub steps_per_stage: usize,
    pub lanes: usize,
    pub cards: usize,
    pub personas: usize,
}

impl Size {
    /// The benchmark map the issues name: 40 stages × 10 lanes, 400 cards, 5 personas.
    pub const BENCHMARK: Size = Size {
        stages: 40,
        steps_per_stage: 1,
        lanes: 10,
        cards: 400,
        personas: 5,
    };

    /// A programme-level map of a whole service: 100 steps (20 stages of 5) × 20 lanes, 2 000
    /// cards, 5 personas. The app's launch and frames are measured on it beside the benchmark map.
    pub const STRESS: Size = Size {
        stages: 20,
        steps_per_stage: 5,
        lanes: 20,
        cards: 2000,
        personas: 5,
    };
}

const TEXTS: [&str; 6] = [
    "Compares tariffs on the website",
    "Wartet 20 Minuten in der Hotline — die Größe des Datenvolumens bleibt unklar",
    "Zażółć gęślą jaźń: sprawdza ofertę w aplikacji",
    "Asks a friend which contract is worth it",
    "Receives the SIM card by post",
    "Klient dzwoni do infolinii, bo faktura jest za wysoka",
];

pub fn generate(size: Size) -> Project {
    let mut next = 0u128;
    let mut id = || {
        next += 1;
        Uuid::from_u128(0x5341_4d50_0000_4000_8000_0000_0000_0000 | next)
    };
    let mut project = crate::catalogue::new_project("Generated map", "en", "2026-01-01T00:00:00Z");
    project.info.id = id();
    let channels: Vec<Id> = project.channels.iter().map(|c| c.id).collect();

    let persona_keys = OrderKey::sequence(size.personas);
    for (i, order) in persona_keys.into_iter().enumerate() {
        project.personas.push(Persona {
            id: id(),
            name: format!("Persona {}", i + 1),
            role: "Customer".into(),
            quote: "I just want it to work.".into(),
            photo: None,
            goals: vec!["Pay less".into(), "Keep my number".into()],
            frustrations: vec!["Long waits on the hotline".into()],
            needs: vec!["Clear prices".into()],
            rational_mindset: "Compares offers carefully".into(),
            emotional_mindset: "Afraid of hidden costs".into(),
            channels: channels.iter().take(3).copied().collect(),
            colour: ["#d4577b", "#5b8def", "#2fa37a", "#e0803b", "#8e6bd8"][i % 5].into(),
            order,
        });
    }
    let journey = Journey {
        id: id(),
        name: "Generated journey".into(),
        primary_persona: project.personas.first().map(|p| p.id),
        other_personas: project.personas.iter().skip(1).map(|p| p.id).collect(),
        state: JourneyState::Current,
        redesigns: None,
        scale: EmotionScale::default(),
        order: OrderKey::first(),
    };
    let mut steps = vec![];
    for (s, order) in OrderKey::sequence(size.stages).into_iter().enumerate() {
        let stage = Stage {
            id: id(),
            journey: journey.id,
            name: format!("Stage {}", s + 1),
            colour: "#5b8def".into(),
            order,
        };
        for (t, order) in OrderKey::sequence(size.steps_per_stage)
            .into_iter()
            .enumerate()
        {
            steps.push(Step {
                id: id(),
                stage: stage.id,
                title: format!("Step {}.{}", s + 1, t + 1),
                order,
            });
        }
        project.stages.push(stage);
    }
    // Image lanes need pictures; the benchmark map has none.
    let kinds: Vec<LaneKind> = LaneKind::ALL
        .into_iter()
        .filter(|k| *k != LaneKind::Images)
        .collect();
    for (l, order) in OrderKey::sequence(size.lanes).into_iter().enumerate() {
        let kind = kinds[l % kinds.len()];
        project.lanes.push(Lane {
            id: id(),
            journey: journey.id,
            kind,
            title: format!("{} {}", kind.key(), l + 1),
            order,
        });
    }
    let cells = steps.len() * project.lanes.len();
    for c in 0..size.cards.min(cells * 8) {
        let cell = c % cells.max(1);
        let lane = &project.lanes[cell % project.lanes.len()];
        let step = &steps[cell / project.lanes.len()];
        let depth = c / cells.max(1);
        let mut card = Card {
            id: id(),
            lane: lane.id,
            step: step.id,
            order: OrderKey::sequence(depth + 1).pop().unwrap_or_default(),
            text: TEXTS[c % TEXTS.len()].into(),
            ..Card::default()
        };
        match lane.kind {
            LaneKind::Touchpoints => {
                card.channel = Some(channels[c % channels.len()]);
                card.expected = Some((c % 5) as u8 + 1);
                card.experienced = Some(((c + 2) % 5) as u8 + 1);
            }
            LaneKind::PainPoints | LaneKind::Delights => card.severity = Some((c % 5) as u8 + 1),
            LaneKind::Opportunities => {
                card.impact = Some((c % 5) as u8 + 1);
                card.effort = Some(((c + 3) % 5) as u8 + 1);
                card.votes = (c % 7) as u32;
            }
            _ => {}
        }
        project.cards.push(card);
    }
    for (p, persona) in project.personas.iter().enumerate() {
        for (s, step) in steps.iter().enumerate() {
            let wave = ((s as f64 / 3.0 + p as f64).sin() * 5.0).round() as i32;
            project.emotion_points.push(EmotionPoint {
                id: Uuid::from_u128(
                    0x4355_5256_0000_4000_8000_0000_0000_0000 | ((p as u128) << 32) | s as u128,
                ),
                persona: persona.id,
                step: step.id,
                value: wave.clamp(-5, 5),
                label: None,
            });
        }
    }
    if let Some(step) = steps.get(steps.len() / 2) {
        project.moments_of_truth.push(MomentOfTruth {
            id: id(),
            target: MomentTarget::Step(step.id),
            title: "Contract signed".into(),
            why: "Customers who hesitate here leave".into(),
        });
    }
    project.steps = steps;
    project.journeys.push(journey);
    project.canonicalize();
    project
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn benchmark_map_has_the_named_size_and_is_valid() {
        let project = generate(Size::BENCHMARK);
        project.validate().unwrap();
        assert_eq!(project.stages.len(), 40);
        assert_eq!(project.lanes.len(), 10);
        assert_eq!(project.cards.len(), 400);
        assert_eq!(project.personas.len(), 5);
        assert_eq!(project.emotion_points.len(), 5 * 40);
    }

    #[test]
    fn stress_map_has_the_named_size_and_is_valid() {
        let project = generate(Size::STRESS);
        project.validate().unwrap();
        assert_eq!(project.stages.len(), 20);
        assert_eq!(project.steps.len(), 100);
        assert_eq!(project.lanes.len(), 20);
        assert_eq!(project.cards.len(), 2000);
        assert_eq!(project.personas.len(), 5);
        assert_eq!(project.emotion_points.len(), 5 * 100);
        // One card in every cell: a map filled evenly, not 2 000 cards piled into a corner.
        let cells: std::collections::HashSet<_> =
            project.cards.iter().map(|c| (c.lane, c.step)).collect();
        assert_eq!(cells.len(), 100 * 20);
    }

    #[test]
    fn generation_is_deterministic() {
        assert_eq!(generate(Size::BENCHMARK), generate(Size::BENCHMARK));
    }
}
