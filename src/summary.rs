//! What `waymark info` reports about a project: counts and the names a person recognises.

use serde::Serialize;

use crate::model::Project;

#[derive(Debug, Serialize)]
pub struct Summary {
    pub name: String,
    pub id: String,
    pub locale: String,
    pub created: String,
    pub modified: String,
    pub schema_version: i64,
    pub read_only: Option<String>,
    pub personas: Vec<String>,
    pub channels: usize,
    pub images: usize,
    /// Who votes with dots, and how many dots they placed in all.
    pub participants: Vec<String>,
    pub dots: usize,
    /// The dots all participants may place.
    pub dot_allowance: u64,
    pub journeys: Vec<JourneySummary>,
}

#[derive(Debug, Serialize)]
pub struct JourneySummary {
    pub name: String,
    pub state: crate::model::JourneyState,
    pub personas: Vec<String>,
    pub stages: Vec<StageSummary>,
    pub lanes: Vec<String>,
    pub cards: usize,
    pub emotion_points: usize,
    pub moments_of_truth: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct StageSummary {
    pub name: String,
    pub steps: Vec<String>,
}

impl Summary {
    pub fn of(project: &Project, schema_version: i64, read_only: Option<&str>) -> Summary {
        let journeys = project
            .journeys
            .iter()
            .map(|journey| {
                let steps = project.journey_steps(journey.id);
                let step_ids: Vec<_> = steps.iter().map(|s| s.id).collect();
                let lanes = project.lanes_of(journey.id);
                let lane_ids: Vec<_> = lanes.iter().map(|l| l.id).collect();
                let card_ids: Vec<_> = project
                    .cards
                    .iter()
                    .filter(|c| lane_ids.contains(&c.lane))
                    .map(|c| c.id)
                    .collect();
                JourneySummary {
                    name: journey.name.clone(),
                    state: journey.state,
                    personas: project
                        .personas_of(journey)
                        .iter()
                        .map(|p| p.name.clone())
                        .collect(),
                    stages: project
                        .stages_of(journey.id)
                        .iter()
                        .map(|stage| StageSummary {
                            name: stage.name.clone(),
                            steps: project
                                .steps_of(stage.id)
                                .iter()
                                .map(|s| s.title.clone())
                                .collect(),
                        })
                        .collect(),
                    lanes: lanes.iter().map(|l| l.title.clone()).collect(),
                    cards: card_ids.len(),
                    emotion_points: project
                        .emotion_points
                        .iter()
                        .filter(|p| step_ids.contains(&p.step))
                        .count(),
                    moments_of_truth: project
                        .moments_of_truth
                        .iter()
                        .filter(|m| match m.target {
                            crate::model::MomentTarget::Step(id) => step_ids.contains(&id),
                            crate::model::MomentTarget::Card(id) => card_ids.contains(&id),
                        })
                        .map(|m| m.title.clone())
                        .collect(),
                }
            })
            .collect();
        Summary {
            name: project.info.name.clone(),
            id: project.info.id.to_string(),
            locale: project.info.locale.clone(),
            created: project.info.created.clone(),
            modified: project.modified.clone(),
            schema_version,
            read_only: read_only.map(str::to_string),
            personas: project.personas.iter().map(|p| p.name.clone()).collect(),
            channels: project.channels.len(),
            images: project.images.len(),
            participants: project
                .participants
                .iter()
                .map(|p| p.name.clone())
                .collect(),
            dots: project.dots.len(),
            dot_allowance: project.participants.iter().map(|p| u64::from(p.dots)).sum(),
            journeys,
        }
    }

    /// The human-readable form.
    pub fn text(&self) -> String {
        let mut out = format!("{}\n", self.name);
        out += &format!(
            "  file format {}, locale {}, modified {}\n",
            self.schema_version, self.locale, self.modified
        );
        if let Some(reason) = &self.read_only {
            out += &format!("  read-only: {reason}\n");
        }
        out += &format!(
            "  {} personas: {}\n",
            self.personas.len(),
            self.personas.join(", ")
        );
        out += &format!("  {} channels, {} images\n", self.channels, self.images);
        if !self.participants.is_empty() {
            out += &format!(
                "  dot voting: {} of {} dots placed by {}\n",
                self.dots,
                self.dot_allowance,
                self.participants.join(", ")
            );
        }
        for journey in &self.journeys {
            let steps: usize = journey.stages.iter().map(|s| s.steps.len()).sum();
            out += &format!(
                "  journey {:?}: {} stages, {} steps, {} lanes, {} cards, {} emotion points, {} moments of truth\n",
                journey.name,
                journey.stages.len(),
                steps,
                journey.lanes.len(),
                journey.cards,
                journey.emotion_points,
                journey.moments_of_truth.len()
            );
            let names: Vec<_> = journey.stages.iter().map(|s| s.name.as_str()).collect();
            out += &format!("    stages: {}\n", names.join(" → "));
        }
        out
    }
}
