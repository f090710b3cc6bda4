//! What the room reads from the project before it decides: the journey's steps and open lanes,
//! what can be voted on, and the records the room itself wrote. Read afresh for every batch of
//! phone messages, because the facilitator keeps editing the map while the room is open.

use std::collections::{HashMap, HashSet};

use super::protocol::*;
use crate::model::*;
use crate::order::OrderKey;
use crate::ratings;

/// The project as one batch of the room's decisions sees it; each decision updates it, so the
/// next one in the batch sees the edits before it.
pub(crate) struct Facts {
    pub steps: HashSet<Id>,
    pub scale: EmotionScale,
    /// Lanes open for cards that still exist.
    pub lanes: HashSet<Id>,
    pub opportunities: HashSet<Id>,
    pub submissions: HashMap<Id, Submission>,
    pub participants: HashMap<Id, Participant>,
    pub dots: Vec<Dot>,
    pub ratings: HashMap<Id, Rating>,
    pub last_submission: Option<OrderKey>,
    pub last_participant: Option<OrderKey>,
    /// The last card's order key in each lane × step cell, for approved cards.
    pub cell_last: HashMap<(Id, Id), OrderKey>,
}

impl Facts {
    pub fn of(project: &Project, journey: Id, open_lanes: &[Id]) -> Facts {
        let steps = project
            .journey_steps(journey)
            .into_iter()
            .map(|s| s.id)
            .collect();
        let lanes_of = project.lanes_of(journey);
        let lanes = lanes_of
            .iter()
            .filter(|l| open_lanes.contains(&l.id))
            .map(|l| l.id)
            .collect();
        let opportunity_lanes: HashSet<Id> = lanes_of
            .iter()
            .filter(|l| l.kind == LaneKind::Opportunities)
            .map(|l| l.id)
            .collect();
        let mut cell_last: HashMap<(Id, Id), OrderKey> = HashMap::new();
        for card in &project.cards {
            let last = cell_last
                .entry((card.lane, card.step))
                .or_insert_with(|| card.order.clone());
            if card.order > *last {
                *last = card.order.clone();
            }
        }
        Facts {
            steps,
            scale: project
                .journey(journey)
                .map(|j| j.scale.clone())
                .unwrap_or_default(),
            lanes,
            opportunities: project
                .cards
                .iter()
                .filter(|c| opportunity_lanes.contains(&c.lane))
                .map(|c| c.id)
                .collect(),
            submissions: project
                .submissions
                .iter()
                .map(|s| (s.id, s.clone()))
                .collect(),
            participants: project
                .participants
                .iter()
                .map(|p| (p.id, p.clone()))
                .collect(),
            dots: project.dots.clone(),
            ratings: project.ratings.iter().map(|r| (r.id, r.clone())).collect(),
            last_submission: project.submissions.iter().map(|s| s.order.clone()).max(),
            last_participant: project.participants.iter().map(|p| p.order.clone()).max(),
            cell_last,
        }
    }

    pub fn next_submission_order(&mut self) -> OrderKey {
        let next = self
            .last_submission
            .as_ref()
            .map_or_else(OrderKey::first, OrderKey::after);
        self.last_submission = Some(next.clone());
        next
    }

    pub fn next_participant_order(&mut self) -> OrderKey {
        let next = self
            .last_participant
            .as_ref()
            .map_or_else(OrderKey::first, OrderKey::after);
        self.last_participant = Some(next.clone());
        next
    }

    pub fn next_card_order(&mut self, lane: Id, step: Id) -> OrderKey {
        let next = self
            .cell_last
            .get(&(lane, step))
            .map_or_else(OrderKey::first, OrderKey::after);
        self.cell_last.insert((lane, step), next.clone());
        next
    }

    /// One participant's dots, counted per opportunity.
    pub fn dots_of(&self, participant: Id) -> Vec<DotCount> {
        let mut counts: Vec<DotCount> = Vec::new();
        for dot in self.dots.iter().filter(|d| d.participant == participant) {
            match counts.iter_mut().find(|c| c.card == dot.card) {
                Some(count) => count.dots += 1,
                None => counts.push(DotCount {
                    card: dot.card,
                    dots: 1,
                }),
            }
        }
        counts
    }

    pub fn placed_by(&self, participant: Id) -> u32 {
        count(self.dots.iter().filter(|d| d.participant == participant))
    }

    pub fn placed_on(&self, participant: Id, card: Id) -> u32 {
        count(
            self.dots
                .iter()
                .filter(|d| d.participant == participant && d.card == card),
        )
    }
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}

/// The journey as phones see it. Lanes are those open for cards, in the map's order.
pub(crate) fn board(
    project: &Project,
    journey: Id,
    open_lanes: &[Id],
    allowance: u32,
    cap: Option<u32>,
) -> Board {
    let Some(j) = project.journey(journey) else {
        return Board {
            journey: String::new(),
            steps: vec![],
            lanes: vec![],
            scale: EmotionScale::default(),
            opportunities: vec![],
            allowance,
            cap,
        };
    };
    let mut steps = Vec::new();
    let mut step_order = HashMap::new();
    for stage in project.stages_of(journey) {
        for step in project.steps_of(stage.id) {
            step_order.insert(step.id, steps.len());
            steps.push(BoardStep {
                id: step.id,
                title: step.title.clone(),
                stage: stage.name.clone(),
            });
        }
    }
    let lanes_of = project.lanes_of(journey);
    let mut opportunities: Vec<Opportunity> = lanes_of
        .iter()
        .filter(|l| l.kind == LaneKind::Opportunities)
        .flat_map(|lane| steps.iter().flat_map(|s| project.cards_in(lane.id, s.id)))
        .filter(|card| !card.text.trim().is_empty())
        .map(|card| Opportunity {
            id: card.id,
            step: card.step,
            text: card.text.clone(),
        })
        .collect();
    opportunities.sort_by_key(|o| step_order.get(&o.step).copied().unwrap_or(usize::MAX));
    Board {
        journey: j.name.clone(),
        steps,
        lanes: lanes_of
            .iter()
            .filter(|l| open_lanes.contains(&l.id))
            .map(|l| BoardLane {
                id: l.id,
                title: l.title.clone(),
                kind: l.kind,
            })
            .collect(),
        scale: j.scale.clone(),
        opportunities,
        allowance,
        cap,
    }
}

/// Everyone's votes on the journey's opportunities (counted votes and dots) and the ratings.
pub(crate) fn totals(project: &Project, journey: Id) -> Totals {
    let opportunity_lanes: HashSet<Id> = project
        .lanes_of(journey)
        .iter()
        .filter(|l| l.kind == LaneKind::Opportunities)
        .map(|l| l.id)
        .collect();
    Totals {
        votes: project
            .cards
            .iter()
            .filter(|c| opportunity_lanes.contains(&c.lane))
            .map(|c| DotCount {
                card: c.id,
                dots: project.votes_on(c),
            })
            .collect(),
        ratings: ratings::spreads(project, journey),
    }
}

/// The lanes a room opens for cards when the facilitator names none: every lane of the journey
/// that holds words people say in a workshop (not touchpoints, KPIs or pictures).
pub fn default_lanes(project: &Project, journey: Id) -> Vec<Id> {
    project
        .lanes_of(journey)
        .into_iter()
        .filter(|l| {
            matches!(
                l.kind,
                LaneKind::Thoughts
                    | LaneKind::Feelings
                    | LaneKind::PainPoints
                    | LaneKind::Delights
                    | LaneKind::Opportunities
                    | LaneKind::Actions
                    | LaneKind::Notes
            )
        })
        .map(|l| l.id)
        .collect()
}
