//! Which opportunities to fix first: one ranking rule, used by the PDF's opportunities page, the
//! `waymark rank` command and the app's priority board, so all three always agree.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::*;

/// The rule in words, printed under the ranking (the app shows its own translation).
pub const RULE: &str =
    "Score = impact × (6 – effort) + votes, doubled when the opportunity answers \
a pain point at a moment of truth. A missing impact or effort counts as 3. Equal scores: more votes \
first, then the order on the map.";

/// What an unrated impact or effort counts as: the middle of the 1–5 scale.
const UNRATED: u8 = 3;

/// One opportunity in the ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RankedOpportunity {
    /// The opportunity card.
    pub card: Id,
    /// 1 is fixed first.
    pub rank: u32,
    pub score: u32,
    /// As counted: an unrated impact or effort is 3 here and `unrated` is set.
    pub impact: u8,
    pub effort: u8,
    /// The card's votes counted elsewhere plus the dots on it.
    pub votes: u32,
    /// It answers a pain point that is, or sits on a step that is, a moment of truth.
    pub at_moment_of_truth: bool,
    pub unrated: bool,
    /// The pain-point cards it answers.
    pub answers: Vec<Id>,
}

/// The score before any doubling: impact × (6 − effort) + votes.
fn base_score(impact: u8, effort: u8, votes: u32) -> u32 {
    // Saturating: a file may claim any number of votes counted elsewhere.
    (u32::from(impact) * u32::from(6 - effort.clamp(1, 5))).saturating_add(votes)
}

/// Whether a pain-point card is a moment of truth, or sits on a step that is one.
fn at_moment_of_truth(project: &Project, pain_point: &Card) -> bool {
    project.moments_of_truth.iter().any(|m| match m.target {
        MomentTarget::Card(id) => id == pain_point.id,
        MomentTarget::Step(id) => id == pain_point.step,
    })
}

/// The journey's opportunities, best first. An unknown journey id gives an empty list.
pub fn rank(project: &Project, journey: Id) -> Vec<RankedOpportunity> {
    let steps = project.journey_steps(journey);
    let lanes = project.lanes_of(journey);
    let mut ranked: Vec<((usize, usize, &OrderKey, Id), RankedOpportunity)> = Vec::new();
    for (lane_at, lane) in lanes.iter().enumerate() {
        if lane.kind != LaneKind::Opportunities {
            continue;
        }
        for card in project.cards.iter().filter(|c| c.lane == lane.id) {
            let Some(step_at) = steps.iter().position(|s| s.id == card.step) else {
                continue;
            };
            let impact = card.impact.unwrap_or(UNRATED);
            let effort = card.effort.unwrap_or(UNRATED);
            let votes = project.votes_on(card);
            let at_moment = card.answers.iter().any(|answered| {
                project
                    .cards
                    .iter()
                    .find(|c| c.id == *answered)
                    .is_some_and(|pain_point| at_moment_of_truth(project, pain_point))
            });
            let score = base_score(impact, effort, votes);
            ranked.push((
                (step_at, lane_at, &card.order, card.id),
                RankedOpportunity {
                    card: card.id,
                    rank: 0,
                    score: if at_moment {
                        score.saturating_mul(2)
                    } else {
                        score
                    },
                    impact,
                    effort,
                    votes,
                    at_moment_of_truth: at_moment,
                    unrated: card.impact.is_none() || card.effort.is_none(),
                    answers: card.answers.clone(),
                },
            ));
        }
    }
    ranked.sort_by(|(place_a, a), (place_b, b)| {
        b.score
            .cmp(&a.score)
            .then(b.votes.cmp(&a.votes))
            .then(place_a.cmp(place_b))
    });
    ranked
        .into_iter()
        .enumerate()
        .map(|(i, (_, mut row))| {
            row.rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
            row
        })
        .collect()
}

/// Where an opportunity sits, as a person reads it: its stage's name and its step's title.
pub fn place(project: &Project, card: &Card) -> (String, String) {
    let step = project.steps.iter().find(|s| s.id == card.step);
    let stage = step.and_then(|s| project.stages.iter().find(|st| st.id == s.stage));
    (
        stage.map(|s| s.name.clone()).unwrap_or_default(),
        step.map(|s| s.title.clone()).unwrap_or_default(),
    )
}

/// The ranking as CSV for a spreadsheet: a header row, then one row per opportunity. UTF-8 and
/// CRLF line ends, like the journey-grid CSV. Unrated impact or effort is left blank (the score
/// counted it as 3); answered pain points are their texts, separated by " | ".
pub fn to_csv(project: &Project, ranking: &[RankedOpportunity]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let text_of = |id: Id| {
        project
            .cards
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.text.clone())
            .unwrap_or_default()
    };
    // Writing to memory cannot fail.
    let _ = writer.write_record([
        "rank",
        "opportunity",
        "stage",
        "step",
        "impact",
        "effort",
        "votes",
        "moment of truth",
        "score",
        "answers",
    ]);
    for row in ranking {
        let Some(card) = project.cards.iter().find(|c| c.id == row.card) else {
            continue;
        };
        let (stage, step) = place(project, card);
        let rated = |value: Option<u8>| value.map(|v| v.to_string()).unwrap_or_default();
        let answers: Vec<String> = row.answers.iter().map(|a| text_of(*a)).collect();
        let _ = writer.write_record([
            row.rank.to_string(),
            card.text.clone(),
            stage,
            step,
            rated(card.impact),
            rated(card.effort),
            row.votes.to_string(),
            if row.at_moment_of_truth { "yes" } else { "no" }.to_string(),
            row.score.to_string(),
            answers.join(" | "),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Writes a journey's ranking as CSV (`to_csv`) to `path`, as every export is written
/// (`export::output`).
pub fn write_csv(project: &Project, journey: Id, path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(Error::Usage {
            what: format!(
                "{} is a folder; give the path of the CSV file to write",
                path.display()
            ),
        });
    }
    // Only a .csv name: a slip of the path must never put a table over the project file.
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if !is_csv {
        return Err(Error::Usage {
            what: format!(
                "{}: the ranking is written as CSV; give a file name ending in .csv",
                path.display()
            ),
        });
    }
    let csv = to_csv(project, &rank(project, journey));
    crate::export::output::write(
        path,
        csv.as_bytes(),
        crate::export::output::Replace::OldExport,
    )
}

/// The ranking as an aligned text table for a terminal.
pub fn to_table(project: &Project, ranking: &[RankedOpportunity]) -> String {
    let headers = [
        "#",
        "Opportunity",
        "Stage / step",
        "I",
        "E",
        "Votes",
        "MoT",
        "Score",
    ];
    let mut rows: Vec<[String; 8]> = Vec::new();
    for row in ranking {
        let Some(card) = project.cards.iter().find(|c| c.id == row.card) else {
            continue;
        };
        let (stage, step) = place(project, card);
        let rated = |value: Option<u8>, counted: u8| match value {
            Some(v) => v.to_string(),
            None => format!("{counted}?"),
        };
        rows.push([
            row.rank.to_string(),
            short(&card.text, 40),
            short(&format!("{stage} / {step}"), 30),
            rated(card.impact, row.impact),
            rated(card.effort, row.effort),
            row.votes.to_string(),
            if row.at_moment_of_truth { "★" } else { "" }.to_string(),
            row.score.to_string(),
        ]);
    }
    let mut widths = headers.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 8]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (cell, width))| {
                let pad = " ".repeat(width - cell.chars().count());
                // Text columns read left-aligned; numbers right-aligned.
                if matches!(i, 1 | 2 | 6) {
                    format!("{cell}{pad}")
                } else {
                    format!("{pad}{cell}")
                }
            })
            .collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(headers);
    for row in &rows {
        out += &line([
            &row[0], &row[1], &row[2], &row[3], &row[4], &row[5], &row[6], &row[7],
        ]);
    }
    if ranking.iter().any(|r| r.unrated) {
        out += "? unrated, counted as 3\n";
    }
    out
}

fn short(text: &str, max: usize) -> String {
    let text = text.trim().replace(['\n', '\r'], " ");
    if text.chars().count() > max {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    /// One journey, two steps; a pain-point lane above an opportunity lane.
    struct Map {
        project: Project,
        steps: [Id; 2],
        pains: Id,
        opportunities: Id,
        journey: Id,
    }

    fn map() -> Map {
        let project = crate::catalogue::new_project("Ranking", "en", "2026-01-01T00:00:00Z");
        let journey = Journey::current("Buying");
        let stage = Stage {
            id: Uuid::new_v4(),
            journey: journey.id,
            name: "Purchase".into(),
            colour: "#5b8def".into(),
            order: OrderKey::first(),
        };
        let first = OrderKey::first();
        let second = first.after();
        let steps = [
            Step {
                id: Uuid::new_v4(),
                stage: stage.id,
                title: "Compare".into(),
                order: first.clone(),
            },
            Step {
                id: Uuid::new_v4(),
                stage: stage.id,
                title: "Pay".into(),
                order: second.clone(),
            },
        ];
        let lane = |kind, title: &str, order: &OrderKey| Lane {
            id: Uuid::new_v4(),
            journey: journey.id,
            kind,
            title: title.into(),
            order: order.clone(),
        };
        let pains = lane(LaneKind::PainPoints, "Pain points", &first);
        let opportunities = lane(LaneKind::Opportunities, "Opportunities", &second);
        let map = Map {
            steps: [steps[0].id, steps[1].id],
            pains: pains.id,
            opportunities: opportunities.id,
            journey: journey.id,
            project: Project {
                journeys: vec![journey],
                stages: vec![stage],
                steps: steps.to_vec(),
                lanes: vec![pains, opportunities],
                ..project
            },
        };
        map.project.validate().unwrap();
        map
    }

    impl Map {
        fn card(&mut self, lane: Id, step: usize, text: &str) -> Id {
            let order = self
                .project
                .cards
                .iter()
                .filter(|c| c.lane == lane && c.step == self.steps[step])
                .map(|c| c.order.clone())
                .max()
                .map(|o| o.after())
                .unwrap_or_else(OrderKey::first);
            let card = Card {
                id: Uuid::new_v4(),
                lane,
                step: self.steps[step],
                order,
                text: text.into(),
                ..Card::default()
            };
            let id = card.id;
            self.project.cards.push(card);
            id
        }

        fn opportunity(&mut self, step: usize, impact: Option<u8>, effort: Option<u8>) -> Id {
            let id = self.card(self.opportunities, step, "Opportunity");
            let card = self.card_mut(id);
            card.impact = impact;
            card.effort = effort;
            id
        }

        fn card_mut(&mut self, id: Id) -> &mut Card {
            self.project.cards.iter_mut().find(|c| c.id == id).unwrap()
        }

        fn rank(&self) -> Vec<RankedOpportunity> {
            self.project.validate().unwrap();
            rank(&self.project, self.journey)
        }

        fn score_of(&self, card: Id) -> u32 {
            self.rank().iter().find(|r| r.card == card).unwrap().score
        }

        fn order(&self) -> Vec<Id> {
            self.rank().iter().map(|r| r.card).collect()
        }

        fn dots(&mut self, card: Id, count: u32) {
            let participant = Participant {
                id: Uuid::new_v4(),
                name: "Ana".into(),
                colour: "#d9534f".into(),
                dots: count,
                order: OrderKey::first(),
            };
            for _ in 0..count {
                self.project.dots.push(Dot {
                    id: Uuid::new_v4(),
                    card,
                    participant: participant.id,
                });
            }
            self.project.participants.push(participant);
        }
    }

    #[test]
    fn impact_multiplies_the_ease_of_the_fix() {
        let mut map = map();
        let a = map.opportunity(0, Some(5), Some(1));
        let b = map.opportunity(0, Some(2), Some(4));
        let c = map.opportunity(0, Some(1), Some(5));
        assert_eq!(map.score_of(a), 25, "5 × (6 − 1)");
        assert_eq!(map.score_of(b), 4, "2 × (6 − 4)");
        assert_eq!(map.score_of(c), 1, "1 × (6 − 5)");
        assert_eq!(map.order(), vec![a, b, c]);
        let ranks: Vec<u32> = map.rank().iter().map(|r| r.rank).collect();
        assert_eq!(ranks, vec![1, 2, 3]);
    }

    #[test]
    fn any_number_of_votes_from_a_file_scores_without_overflowing() {
        let mut map = map();
        let a = map.opportunity(0, Some(5), Some(1));
        map.card_mut(a).votes = u32::MAX;
        map.dots(a, 2);
        assert_eq!(map.score_of(a), u32::MAX);
    }

    #[test]
    fn the_csv_goes_only_to_a_csv_file() {
        let mut map = map();
        map.opportunity(0, Some(5), Some(1));
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("map.waymark");
        std::fs::write(&project, b"the project").unwrap();
        let message = write_csv(&map.project, map.journey, &project)
            .unwrap_err()
            .to_string();
        assert!(message.contains(".csv"), "{message}");
        assert_eq!(std::fs::read(&project).unwrap(), b"the project");
        let csv = dir.path().join("Ranking.CSV");
        write_csv(&map.project, map.journey, &csv).unwrap();
        assert!(std::fs::read_to_string(&csv)
            .unwrap()
            .contains("Opportunity"));
    }

    #[test]
    fn votes_counted_elsewhere_and_dots_add_to_the_score() {
        let mut map = map();
        let a = map.opportunity(0, Some(2), Some(3));
        assert_eq!(map.score_of(a), 6);
        map.card_mut(a).votes = 2;
        assert_eq!(map.score_of(a), 8, "votes counted on paper");
        map.dots(a, 3);
        let row = map.rank().remove(0);
        assert_eq!((row.votes, row.score), (5, 11), "plus the dots on it");
    }

    #[test]
    fn answering_a_pain_point_at_a_moment_of_truth_doubles_the_score() {
        let mut map = map();
        let pain = map.card(map.pains, 1, "Card declined");
        let calm = map.card(map.pains, 0, "Too many tabs");
        let a = map.opportunity(1, Some(2), Some(3));
        map.card_mut(a).answers = vec![calm];
        map.card_mut(a).votes = 1;
        let row = map.rank().remove(0);
        assert!(!row.at_moment_of_truth);
        assert_eq!(row.score, 7, "no moment of truth yet");
        assert_eq!(row.answers, vec![calm]);

        // A moment of truth on the pain point's step counts.
        map.project.moments_of_truth.push(MomentOfTruth {
            id: Uuid::new_v4(),
            target: MomentTarget::Step(map.steps[1]),
            title: "Paying".into(),
            why: String::new(),
        });
        assert_eq!(
            map.score_of(a),
            7,
            "the answered pain point is on the other step"
        );
        map.card_mut(a).answers = vec![calm, pain];
        let row = map.rank().remove(0);
        assert!(row.at_moment_of_truth);
        assert_eq!(row.score, 14, "(2 × 3 + 1) × 2: the votes are doubled too");

        // So does one on the pain-point card itself.
        map.project.moments_of_truth[0].target = MomentTarget::Card(calm);
        map.card_mut(a).answers = vec![calm];
        assert_eq!(map.score_of(a), 14);
        // A moment of truth on the opportunity's own step, not a pain point's, does not.
        map.project.moments_of_truth[0].target = MomentTarget::Step(map.steps[1]);
        assert_eq!(map.score_of(a), 7);
    }

    #[test]
    fn unrated_counts_as_three_and_is_flagged() {
        let mut map = map();
        let neither = map.opportunity(0, None, None);
        let no_effort = map.opportunity(0, Some(5), None);
        let rated = map.opportunity(0, Some(3), Some(3));
        let rows = map.rank();
        let row = |id| rows.iter().find(|r| r.card == id).unwrap().clone();
        assert_eq!((row(neither).impact, row(neither).effort), (3, 3));
        assert_eq!(row(neither).score, 9);
        assert!(row(neither).unrated);
        assert_eq!(row(no_effort).score, 15, "5 × (6 − 3)");
        assert!(row(no_effort).unrated);
        assert!(!row(rated).unrated);
    }

    #[test]
    fn ties_go_to_more_votes_then_map_order() {
        let mut map = map();
        // All score 8: step 1's card first in the map, then step 0's two cards.
        let later_step = map.opportunity(1, Some(2), Some(2));
        let first = map.opportunity(0, Some(2), Some(2));
        let second = map.opportunity(0, Some(2), Some(2));
        assert_eq!(map.order(), vec![first, second, later_step], "map order");
        // 2 × 3 + 2 votes = 8, the same score with more votes, goes first.
        let voted = map.opportunity(1, Some(2), Some(3));
        map.card_mut(voted).votes = 2;
        assert_eq!(map.score_of(voted), 8);
        assert_eq!(map.order(), vec![voted, first, second, later_step]);
        // Lane order comes before the order in a cell: a second opportunity lane above.
        let upper = Lane {
            id: Uuid::new_v4(),
            journey: map.journey,
            kind: LaneKind::Opportunities,
            title: "Quick wins".into(),
            order: OrderKey::first().before(),
        };
        let upper_id = upper.id;
        map.project.lanes.push(upper);
        let top = map.card(upper_id, 0, "Top lane");
        map.card_mut(top).impact = Some(2);
        map.card_mut(top).effort = Some(2);
        // Steps come before lanes: the upper lane's card on the later step ranks after the
        // lower lane's cards on the first step.
        let top_later = map.card(upper_id, 1, "Top lane, later step");
        map.card_mut(top_later).impact = Some(2);
        map.card_mut(top_later).effort = Some(2);
        assert_eq!(
            map.order(),
            vec![voted, top, first, second, top_later, later_step]
        );
    }

    #[test]
    fn only_this_journeys_opportunities_are_ranked() {
        let mut map = map();
        map.card(map.pains, 0, "A pain point");
        let a = map.opportunity(0, Some(1), Some(1));
        assert_eq!(map.order(), vec![a]);
        assert!(rank(&map.project, Uuid::new_v4()).is_empty());
    }

    #[test]
    fn the_csv_has_a_header_crlf_and_blank_unrated_ratings() {
        let mut map = map();
        let pain = map.card(map.pains, 0, "Hidden fees, \"surprise\"");
        let a = map.opportunity(0, None, Some(2));
        map.card_mut(a).text = "Show the total price".into();
        map.card_mut(a).answers = vec![pain];
        let csv = to_csv(&map.project, &map.rank());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "rank,opportunity,stage,step,impact,effort,votes,moment of truth,score,answers"
        );
        assert_eq!(
            lines[1],
            "1,Show the total price,Purchase,Compare,,2,0,no,12,\"Hidden fees, \"\"surprise\"\"\""
        );
        assert_eq!(lines[2], "", "every row ends in CRLF");
    }
}
