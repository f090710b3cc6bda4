//! Templates: data files in assets/templates that seed a new project's first journey.
//! They are compiled in, so `waymark new --template` works without the assets folder.

use serde::Deserialize;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::*;

const BUILTIN: &[(&str, &str)] = &[
    ("blank", include_str!("../assets/templates/blank.json")),
    (
        "cx-phases",
        include_str!("../assets/templates/cx-phases.json"),
    ),
    (
        "buying-journey",
        include_str!("../assets/templates/buying-journey.json"),
    ),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub name: String,
    pub description: String,
    pub journey: String,
    pub stages: Vec<TemplateStage>,
    pub lanes: Vec<TemplateLane>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateStage {
    pub name: String,
    pub colour: Colour,
    pub steps: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateLane {
    pub kind: LaneKind,
    pub title: String,
}

pub fn names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(name, _)| *name).collect()
}

pub fn builtin(name: &str) -> Result<Template> {
    let (_, text) = BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| Error::Usage {
            what: format!(
                "there is no template named {name:?}; choose one of: {}",
                names().join(", ")
            ),
        })?;
    serde_json::from_str(text).map_err(|e| Error::Usage {
        what: format!("template {name:?} is broken: {e}"),
    })
}

impl Template {
    /// A new project holding this template's journey.
    pub fn instantiate(&self, project_name: &str, locale: &str, now: &str) -> Result<Project> {
        let mut project = Project::new(project_name, locale, now);
        let journey = Journey::current(&self.journey);
        for (stage, order) in self
            .stages
            .iter()
            .zip(OrderKey::sequence(self.stages.len()))
        {
            let stage_id = Uuid::new_v4();
            project.stages.push(Stage {
                id: stage_id,
                journey: journey.id,
                name: stage.name.clone(),
                colour: stage.colour.clone(),
                order,
            });
            for (title, order) in stage
                .steps
                .iter()
                .zip(OrderKey::sequence(stage.steps.len()))
            {
                project.steps.push(Step {
                    id: Uuid::new_v4(),
                    stage: stage_id,
                    title: title.clone(),
                    order,
                });
            }
        }
        for (lane, order) in self.lanes.iter().zip(OrderKey::sequence(self.lanes.len())) {
            project.lanes.push(Lane {
                id: Uuid::new_v4(),
                journey: journey.id,
                kind: lane.kind,
                title: lane.title.clone(),
                order,
            });
        }
        project.journeys.push(journey);
        project.validate()?;
        project.canonicalize();
        Ok(project)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_makes_a_valid_project() {
        for name in names() {
            let project = builtin(name)
                .unwrap()
                .instantiate("Test", "en", "2026-01-01T00:00:00Z")
                .unwrap();
            assert_eq!(project.journeys.len(), 1, "{name}");
            assert!(
                !project.stages.is_empty() && !project.lanes.is_empty(),
                "{name}"
            );
        }
    }

    #[test]
    fn cx_phases_has_the_five_phases_in_order() {
        let project = builtin("cx-phases")
            .unwrap()
            .instantiate("T", "en", "2026-01-01T00:00:00Z")
            .unwrap();
        let names: Vec<_> = project
            .stages_of(project.journeys[0].id)
            .iter()
            .map(|s| s.name.clone())
            .collect();
        assert_eq!(
            names,
            [
                "Awareness",
                "Consideration",
                "Purchase",
                "Retention",
                "Advocacy"
            ]
        );
    }

    #[test]
    fn unknown_template_names_the_choices() {
        let message = builtin("nope").unwrap_err().to_string();
        assert!(message.contains("cx-phases"), "{message}");
    }
}
