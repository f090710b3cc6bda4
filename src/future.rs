//! Current and future state: a journey duplicated as the redesign of another, and what the
//! redesign changed.
//!
//! The duplicate's ids are derived from the original's (UUID v5 with the future journey's id as
//! namespace), so the future card made from a current card can be found again without any extra
//! field in the file. Journeys that were not made that way (older files, or ids changed on
//! import) are compared by name instead: steps by stage name and step title, lanes by kind and
//! title, cards by text within the matched cell.

use std::collections::{HashMap, HashSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::edit::{Change, Edit};
use crate::error::{Error, Result};
use crate::model::*;
use crate::record::Record;

/// The id in future journey `future` of the record that has id `original` in the journey it
/// redesigns.
pub fn derived_id(future: Id, original: Id) -> Id {
    Uuid::new_v5(&future, original.as_bytes())
}

/// One change that adds a future-state copy of `journey` named `name`, right after it: its
/// stages, steps, lanes, cards, emotion points and moments of truth, each with a derived id.
/// Dots are not copied: they were placed on the current map in a workshop. A card's votes
/// counted elsewhere travel with it, like its other fields.
pub fn plan_future_state(project: &Project, journey: Id, name: &str) -> Result<Change> {
    let original = project
        .journey(journey)
        .ok_or_else(|| Error::invalid(format!("journey {journey}"), "is not in this project"))?;
    if original.state != JourneyState::Current {
        return Err(Error::invalid(
            format!("journey “{}”", original.name),
            "is a future state already; duplicate the current-state journey it redesigns",
        ));
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid(
            "future-state journey",
            "needs a name; give it one",
        ));
    }
    let mut journeys: Vec<&Journey> = project.journeys.iter().collect();
    journeys.sort_by(|a, b| (&a.order, a.id).cmp(&(&b.order, b.id)));
    let next = journeys
        .iter()
        .position(|j| j.id == original.id)
        .and_then(|i| journeys.get(i + 1));
    let future_id = Uuid::new_v4();
    let id = |old: Id| derived_id(future_id, old);
    let future = Journey {
        id: future_id,
        name: name.to_string(),
        state: JourneyState::Future,
        redesigns: Some(original.id),
        order: OrderKey::between(Some(&original.order), next.map(|j| &j.order)),
        ..original.clone()
    };

    let mut edits = vec![Edit::Add {
        record: Record::Journey(future),
    }];
    let stages = project.stages_of(original.id);
    let steps: Vec<&Step> = stages
        .iter()
        .flat_map(|stage| project.steps_of(stage.id))
        .collect();
    let step_ids: HashSet<Id> = steps.iter().map(|s| s.id).collect();
    let lanes = project.lanes_of(original.id);
    let lane_ids: HashSet<Id> = lanes.iter().map(|l| l.id).collect();
    let cards: Vec<&Card> = project
        .cards
        .iter()
        .filter(|c| lane_ids.contains(&c.lane))
        .collect();
    let card_ids: HashSet<Id> = cards.iter().map(|c| c.id).collect();

    for stage in stages {
        edits.push(Edit::Add {
            record: Record::Stage(Stage {
                id: id(stage.id),
                journey: future_id,
                ..stage.clone()
            }),
        });
    }
    for step in steps {
        edits.push(Edit::Add {
            record: Record::Step(Step {
                id: id(step.id),
                stage: id(step.stage),
                ..step.clone()
            }),
        });
    }
    for lane in lanes {
        edits.push(Edit::Add {
            record: Record::Lane(Lane {
                id: id(lane.id),
                journey: future_id,
                ..lane.clone()
            }),
        });
    }
    for card in cards {
        edits.push(Edit::Add {
            record: Record::Card(Card {
                id: id(card.id),
                lane: id(card.lane),
                step: id(card.step),
                answers: card
                    .answers
                    .iter()
                    .filter(|a| card_ids.contains(a))
                    .map(|a| id(*a))
                    .collect(),
                ..card.clone()
            }),
        });
    }
    for point in project
        .emotion_points
        .iter()
        .filter(|p| step_ids.contains(&p.step))
    {
        edits.push(Edit::Add {
            record: Record::EmotionPoint(EmotionPoint {
                id: id(point.id),
                step: id(point.step),
                ..point.clone()
            }),
        });
    }
    for moment in &project.moments_of_truth {
        let target = match moment.target {
            MomentTarget::Step(s) if step_ids.contains(&s) => MomentTarget::Step(id(s)),
            MomentTarget::Card(c) if card_ids.contains(&c) => MomentTarget::Card(id(c)),
            _ => continue,
        };
        edits.push(Edit::Add {
            record: Record::MomentOfTruth(MomentOfTruth {
                id: id(moment.id),
                target,
                ..moment.clone()
            }),
        });
    }
    Ok(Change::new(edits))
}

/// How the future journey's records were paired with the current journey's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Matching {
    /// By derived ids: the future journey was made with `plan_future_state`.
    Derived,
    /// By stage name + step title, lane kind + title, and card text within a cell.
    ByName,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "kebab-case")]
pub enum DiffStatus {
    /// Only in the future journey.
    Added,
    /// Only in the current journey.
    Removed,
    /// On both sides, with a different content.
    Changed,
    /// On both sides, same content, in another step or lane.
    Moved,
    Unchanged,
}

/// A card field a redesign can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "kebab-case")]
pub enum CardField {
    Text,
    Channel,
    Expected,
    Experienced,
    Severity,
    Impact,
    Effort,
    Image,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct CardDiff {
    pub status: DiffStatus,
    /// The card in the current journey; absent for an added card.
    pub current: Option<Id>,
    /// The card in the future journey; absent for a removed card.
    pub future: Option<Id>,
    /// What differs, for a card on both sides (a changed card may also have moved).
    pub fields: Vec<CardField>,
    /// In another step or lane than its current card's counterpart.
    pub moved: bool,
}

/// One persona's emotion at a step on both sides; `delta` is future − current.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct EmotionDelta {
    pub persona: Id,
    pub current: i32,
    pub future: i32,
    pub delta: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct StepDiff {
    /// Added, Removed, Changed (renamed), Moved (to another stage or place) or Unchanged.
    pub status: DiffStatus,
    pub current: Option<Id>,
    pub future: Option<Id>,
    /// Personas with a point at this step on both sides.
    pub emotions: Vec<EmotionDelta>,
}

/// What a future-state journey changes against the current-state journey it redesigns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct FutureDiff {
    pub journey: Id,
    pub redesigns: Id,
    pub matching: Matching,
    /// Future steps left to right, then the removed current steps.
    pub steps: Vec<StepDiff>,
    /// Future cards in map order, then the removed current cards.
    pub cards: Vec<CardDiff>,
}

impl FutureDiff {
    pub fn count(&self, status: DiffStatus) -> usize {
        self.cards.iter().filter(|c| c.status == status).count()
    }
}

/// Compares the future-state journey `journey` with the current-state journey it redesigns.
pub fn diff(project: &Project, journey: Id) -> Result<FutureDiff> {
    let future = project
        .journey(journey)
        .ok_or_else(|| Error::invalid(format!("journey {journey}"), "is not in this project"))?;
    let current = future
        .redesigns
        .and_then(|id| project.journey(id))
        .filter(|_| future.state == JourneyState::Future)
        .ok_or_else(|| {
            Error::invalid(
                format!("journey “{}”", future.name),
                "is not the future state of another journey; only a future state can be compared",
            )
        })?;

    let cur_steps = project.journey_steps(current.id);
    let fut_steps = project.journey_steps(future.id);
    let cur_lanes = project.lanes_of(current.id);
    let fut_lanes = project.lanes_of(future.id);
    let cur_cards = cards_of(project, &cur_lanes, &cur_steps);
    let fut_cards = cards_of(project, &fut_lanes, &fut_steps);

    // One derived id on the future side means it was made as this journey's redesign.
    let future_ids: HashSet<Id> = fut_steps
        .iter()
        .map(|s| s.id)
        .chain(fut_lanes.iter().map(|l| l.id))
        .chain(fut_cards.iter().map(|c| c.id))
        .collect();
    let derived = cur_steps
        .iter()
        .map(|s| s.id)
        .chain(cur_lanes.iter().map(|l| l.id))
        .chain(cur_cards.iter().map(|c| c.id))
        .any(|cid| future_ids.contains(&derived_id(future.id, cid)));
    let matching = if derived {
        Matching::Derived
    } else {
        Matching::ByName
    };

    let stage_name = |step: &Step| {
        project
            .stages
            .iter()
            .find(|s| s.id == step.stage)
            .map(|s| s.name.trim().to_lowercase())
            .unwrap_or_default()
    };
    // Future id → current id, per record kind.
    let steps = pair(
        &cur_steps,
        &fut_steps,
        |s| s.id,
        matching,
        future.id,
        |s| (stage_name(s), s.title.trim().to_lowercase()),
    );
    let lanes = pair(
        &cur_lanes,
        &fut_lanes,
        |l| l.id,
        matching,
        future.id,
        |l| (l.kind.key().to_string(), l.title.trim().to_lowercase()),
    );
    let cards: HashMap<Id, Id> = match matching {
        Matching::Derived => pair(
            &cur_cards,
            &fut_cards,
            |c| c.id,
            matching,
            future.id,
            |_| (),
        ),
        Matching::ByName => {
            let steps_back: HashMap<Id, Id> = steps.iter().map(|(f, c)| (*f, *c)).collect();
            let lanes_back: HashMap<Id, Id> = lanes.iter().map(|(f, c)| (*f, *c)).collect();
            pair(
                &cur_cards,
                &fut_cards,
                |c| c.id,
                matching,
                future.id,
                |c| {
                    // A card's key is its text in its cell, the cell named by the current side's ids.
                    let step = steps_back.get(&c.step).copied().unwrap_or(c.step);
                    let lane = lanes_back.get(&c.lane).copied().unwrap_or(c.lane);
                    (lane, step, c.text.trim().to_string())
                },
            )
        }
    };

    let mut card_diffs = Vec::new();
    let mut kept: HashSet<Id> = HashSet::new();
    for card in &fut_cards {
        let Some(cur) = cards
            .get(&card.id)
            .and_then(|cid| cur_cards.iter().find(|c| c.id == *cid))
        else {
            card_diffs.push(CardDiff {
                status: DiffStatus::Added,
                current: None,
                future: Some(card.id),
                fields: vec![],
                moved: false,
            });
            continue;
        };
        kept.insert(cur.id);
        let fields = changed_fields(cur, card);
        let moved =
            steps.get(&card.step) != Some(&cur.step) || lanes.get(&card.lane) != Some(&cur.lane);
        let status = if !fields.is_empty() {
            DiffStatus::Changed
        } else if moved {
            DiffStatus::Moved
        } else {
            DiffStatus::Unchanged
        };
        card_diffs.push(CardDiff {
            status,
            current: Some(cur.id),
            future: Some(card.id),
            fields,
            moved,
        });
    }
    for card in cur_cards.iter().filter(|c| !kept.contains(&c.id)) {
        card_diffs.push(CardDiff {
            status: DiffStatus::Removed,
            current: Some(card.id),
            future: None,
            fields: vec![],
            moved: false,
        });
    }

    let personas = project.personas_of(future);
    let point = |persona: Id, step: Id| {
        project
            .emotion_points
            .iter()
            .find(|p| p.persona == persona && p.step == step)
            .map(|p| p.value)
    };
    let position = |list: &[&Step], id: Id| list.iter().position(|s| s.id == id);
    let mut step_diffs = Vec::new();
    let mut kept_steps: HashSet<Id> = HashSet::new();
    for step in &fut_steps {
        let Some(cur) = steps
            .get(&step.id)
            .and_then(|cid| cur_steps.iter().find(|s| s.id == *cid))
        else {
            step_diffs.push(StepDiff {
                status: DiffStatus::Added,
                current: None,
                future: Some(step.id),
                emotions: vec![],
            });
            continue;
        };
        kept_steps.insert(cur.id);
        let emotions = personas
            .iter()
            .filter_map(|persona| {
                let (c, f) = (point(persona.id, cur.id)?, point(persona.id, step.id)?);
                Some(EmotionDelta {
                    persona: persona.id,
                    current: c,
                    future: f,
                    delta: f - c,
                })
            })
            .collect();
        let same_stage = match matching {
            Matching::Derived => derived_id(future.id, cur.stage) == step.stage,
            Matching::ByName => stage_name(cur) == stage_name(step),
        };
        let status = if cur.title.trim() != step.title.trim() {
            DiffStatus::Changed
        } else if !same_stage || position(&cur_steps, cur.id) != position(&fut_steps, step.id) {
            DiffStatus::Moved
        } else {
            DiffStatus::Unchanged
        };
        step_diffs.push(StepDiff {
            status,
            current: Some(cur.id),
            future: Some(step.id),
            emotions,
        });
    }
    for step in cur_steps.iter().filter(|s| !kept_steps.contains(&s.id)) {
        step_diffs.push(StepDiff {
            status: DiffStatus::Removed,
            current: Some(step.id),
            future: None,
            emotions: vec![],
        });
    }

    Ok(FutureDiff {
        journey: future.id,
        redesigns: current.id,
        matching,
        steps: step_diffs,
        cards: card_diffs,
    })
}

/// A journey's cards in map order: lane by lane, step by step.
fn cards_of<'a>(project: &'a Project, lanes: &[&Lane], steps: &[&Step]) -> Vec<&'a Card> {
    lanes
        .iter()
        .flat_map(|lane| {
            steps
                .iter()
                .flat_map(move |step| project.cards_in(lane.id, step.id))
        })
        .collect()
}

/// Future id → current id. Derived: the future record whose id is derived from a current one.
/// By name: the first not yet paired current record with the same key, in order, so two cards
/// with one text in one cell pair up one to one.
fn pair<T, K: Eq + std::hash::Hash>(
    current: &[&T],
    future: &[&T],
    id: impl Fn(&T) -> Id,
    matching: Matching,
    journey: Id,
    key: impl Fn(&T) -> K,
) -> HashMap<Id, Id> {
    let mut pairs = HashMap::new();
    match matching {
        Matching::Derived => {
            let by_derived: HashMap<Id, Id> = current
                .iter()
                .map(|c| (derived_id(journey, id(c)), id(c)))
                .collect();
            for f in future {
                if let Some(c) = by_derived.get(&id(f)) {
                    pairs.insert(id(f), *c);
                }
            }
        }
        Matching::ByName => {
            let mut open: HashMap<K, Vec<Id>> = HashMap::new();
            for c in current.iter().rev() {
                open.entry(key(c)).or_default().push(id(c));
            }
            for f in future {
                if let Some(c) = open.get_mut(&key(f)).and_then(|ids| ids.pop()) {
                    pairs.insert(id(f), c);
                }
            }
        }
    }
    pairs
}

fn changed_fields(current: &Card, future: &Card) -> Vec<CardField> {
    let mut fields = Vec::new();
    if current.text.trim() != future.text.trim() {
        fields.push(CardField::Text);
    }
    let checks = [
        (current.channel != future.channel, CardField::Channel),
        (current.expected != future.expected, CardField::Expected),
        (
            current.experienced != future.experienced,
            CardField::Experienced,
        ),
        (current.severity != future.severity, CardField::Severity),
        (current.impact != future.impact, CardField::Impact),
        (current.effort != future.effort, CardField::Effort),
        (current.image != future.image, CardField::Image),
    ];
    fields.extend(checks.into_iter().filter(|(d, _)| *d).map(|(_, f)| f));
    fields
}

/// The diff in words, for the command line: counts, then each card that differs and each
/// emotion that moved.
pub fn describe(project: &Project, diff: &FutureDiff) -> String {
    let name = |id: Id| project.journey(id).map(|j| j.name.as_str()).unwrap_or("?");
    let how = match diff.matching {
        Matching::Derived => "paired by the ids it was made with",
        Matching::ByName => {
            "paired by stage, step and card names: an edited card counts as removed and new"
        }
    };
    let mut text = format!(
        "“{}” redesigns “{}” ({how})\n  cards: {} new, {} changed, {} moved, {} removed, {} unchanged\n",
        name(diff.journey),
        name(diff.redesigns),
        diff.count(DiffStatus::Added),
        diff.count(DiffStatus::Changed),
        diff.count(DiffStatus::Moved),
        diff.count(DiffStatus::Removed),
        diff.count(DiffStatus::Unchanged),
    );
    let card = |id: Option<Id>| id.and_then(|id| project.cards.iter().find(|c| c.id == id));
    let place = |c: &Card| {
        let lane = project.lanes.iter().find(|l| l.id == c.lane);
        let step = project.steps.iter().find(|s| s.id == c.step);
        format!(
            "{} × {}",
            lane.map(|l| l.title.as_str()).unwrap_or("?"),
            step.map(|s| s.title.as_str()).unwrap_or("?")
        )
    };
    for d in diff
        .cards
        .iter()
        .filter(|d| d.status != DiffStatus::Unchanged)
    {
        let shown = match d.status {
            DiffStatus::Removed => card(d.current),
            _ => card(d.future),
        };
        let Some(c) = shown else { continue };
        let what = match d.status {
            DiffStatus::Added => "new".to_string(),
            DiffStatus::Removed => "removed".to_string(),
            DiffStatus::Moved => "moved".to_string(),
            _ => {
                let fields: Vec<&str> = d.fields.iter().map(|f| f.name()).collect();
                format!(
                    "changed ({}{})",
                    fields.join(", "),
                    if d.moved { "; moved" } else { "" }
                )
            }
        };
        text += &format!("  {what}: {}: {}\n", place(c), c.text.replace('\n', " "));
    }
    for step in &diff.steps {
        let title = step
            .future
            .and_then(|id| project.steps.iter().find(|s| s.id == id))
            .map(|s| s.title.as_str())
            .unwrap_or("?");
        for e in step.emotions.iter().filter(|e| e.delta != 0) {
            let persona = project
                .personas
                .iter()
                .find(|p| p.id == e.persona)
                .map(|p| p.name.as_str())
                .unwrap_or("?");
            text += &format!(
                "  emotion: {persona} at {title}: {} → {} ({:+})\n",
                e.current, e.future, e.delta
            );
        }
    }
    text
}

impl CardField {
    pub fn name(self) -> &'static str {
        match self {
            CardField::Text => "text",
            CardField::Channel => "channel",
            CardField::Expected => "expected",
            CardField::Experienced => "experienced",
            CardField::Severity => "severity",
            CardField::Impact => "impact",
            CardField::Effort => "effort",
            CardField::Image => "image",
        }
    }
}
