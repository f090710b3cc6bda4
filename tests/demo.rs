//! The shipped demo project (assets/demo/demo.json) is valid, canonical and has what the demo
//! promises: two personas, the five stages, a full grid, curves, moments of truth and pictures.

use std::path::Path;

use waymark::interchange::json;
use waymark::model::*;

fn demo_path() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/demo/demo.json"
    ))
}

fn demo() -> Project {
    json::read(demo_path()).expect("the demo project reads and validates")
}

#[test]
fn demo_is_valid_and_canonical() {
    let project = demo();
    project.validate().expect("the demo project is valid");
    let bytes = std::fs::read_to_string(demo_path()).expect("the demo file is readable");
    assert!(
        json::to_string(&project) == bytes,
        "assets/demo/demo.json is not in canonical form"
    );
}

#[test]
fn demo_has_the_promised_shape() {
    let project = demo();
    assert_eq!(project.personas.len(), 2);
    assert_eq!(project.journeys.len(), 1);
    let journey = &project.journeys[0];

    let stages: Vec<&str> = project
        .stages_of(journey.id)
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(
        stages,
        [
            "Awareness",
            "Consideration",
            "Purchase",
            "Retention",
            "Advocacy"
        ]
    );
    let steps = project.journey_steps(journey.id);
    assert!(steps.len() >= 15, "only {} steps", steps.len());
    let lanes = project.lanes_of(journey.id);
    assert!(lanes.len() >= 8, "only {} lanes", lanes.len());

    let shown = project.personas_of(journey);
    assert_eq!(shown.len(), 2, "the journey shows both personas");
    for persona in &project.personas {
        let points = project
            .emotion_points
            .iter()
            .filter(|p| p.persona == persona.id)
            .count();
        assert!(
            points >= steps.len(),
            "{} has {points} curve points",
            persona.name
        );
        assert!(persona.photo.is_some(), "{} has a photo", persona.name);
    }
    assert_eq!(project.moments_of_truth.len(), 3);
    assert!(project
        .moments_of_truth
        .iter()
        .all(|m| !m.why.trim().is_empty()));

    let storyline = project.cards.iter().filter(|c| c.image.is_some()).count();
    assert!(storyline >= 3, "only {storyline} storyline pictures");
    assert!(project.images.len() >= 3);
    assert!(project
        .images
        .iter()
        .all(|i| i.mime == ImageMime::Png && i.data.len() < 20_000));
}

#[test]
fn demo_uses_every_lane_feature() {
    let project = demo();
    let kind_of = |card: &Card| {
        project
            .lanes
            .iter()
            .find(|l| l.id == card.lane)
            .map(|l| l.kind)
    };
    let has = |kind: LaneKind, test: &dyn Fn(&Card) -> bool| {
        project
            .cards
            .iter()
            .any(|c| kind_of(c) == Some(kind) && test(c))
    };
    assert!(has(LaneKind::Touchpoints, &|c| c.channel.is_some()
        && c.expected.is_some()
        && c.experienced.is_some()));
    assert!(has(LaneKind::PainPoints, &|c| c.severity.is_some()));
    assert!(has(LaneKind::Delights, &|c| c.severity.is_some()));
    assert!(has(LaneKind::Opportunities, &|c| c.impact.is_some()
        && c.votes > 0
        && !c.answers.is_empty()));
    for kind in [
        LaneKind::Actions,
        LaneKind::Thoughts,
        LaneKind::Feelings,
        LaneKind::Backstage,
        LaneKind::Kpis,
    ] {
        assert!(has(kind, &|_| true), "no {} card", kind.key());
    }
}

#[test]
fn demo_has_german_and_polish_text() {
    let project = demo();
    let texts: String = project
        .cards
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for needle in ["Zażółć gęślą jaźń", "Größe"] {
        assert!(texts.contains(needle), "no card contains {needle:?}");
    }
    for letter in [
        'ä', 'ö', 'ü', 'ß', 'ą', 'ć', 'ę', 'ł', 'ń', 'ó', 'ś', 'ź', 'ż',
    ] {
        assert!(texts.contains(letter), "no card contains {letter:?}");
    }
}
