//! Templates: data files in assets/templates that seed a new project's first journey, and the
//! user's own templates saved from a journey. Built-in ones are compiled in, so
//! `waymark new --template` works without the assets folder.
//!
//! Every user-facing string is a [`Text`]: either one string used in every language (what a
//! template saved from a journey holds), or one per language with English required, e.g.
//! `{"en": "Awareness", "de": "Aufmerksamkeit", "pl": "Świadomość"}`. A project is made in its
//! locale's language, falling back to English.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::language::{language_of, LANGUAGES};
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
    (
        "service-blueprint",
        include_str!("../assets/templates/service-blueprint.json"),
    ),
    (
        "empathy-persona",
        include_str!("../assets/templates/empathy-persona.json"),
    ),
];

/// A persona's colour when a template does not say (the first of the persona palette).
const PERSONA_COLOUR: &str = "#5b8def";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub name: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    pub journey: Text,
    /// A placeholder persona, made the journey's primary persona.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persona: Option<TemplatePersona>,
    pub stages: Vec<TemplateStage>,
    pub lanes: Vec<TemplateLane>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplatePersona {
    pub name: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub role: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub quote: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateStage {
    pub name: Text,
    pub colour: Colour,
    pub steps: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateLane {
    pub kind: LaneKind,
    pub title: Text,
}

/// A user-facing string of a template, the same in every language or given per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Same(String),
    /// Keyed by language code (`en`, `de`, `pl`); always holds `en`.
    PerLanguage(BTreeMap<String, String>),
}

impl Default for Text {
    fn default() -> Self {
        Text::Same(String::new())
    }
}

impl Text {
    /// The string in `language` (a code such as `de`), else the English one.
    pub fn get(&self, language: &str) -> &str {
        match self {
            Text::Same(text) => text,
            Text::PerLanguage(texts) => texts
                .get(language)
                .or_else(|| texts.get("en"))
                .map(String::as_str)
                .unwrap_or_default(),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Text::Same(text) if text.is_empty())
    }

    /// The languages this text is missing out of `LANGUAGES`; none for a text used in all.
    fn missing_languages(&self) -> Vec<&'static str> {
        match self {
            Text::Same(_) => vec![],
            Text::PerLanguage(texts) => LANGUAGES
                .into_iter()
                .filter(|l| texts.get(*l).is_none_or(|t| t.trim().is_empty()))
                .collect(),
        }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::Same(text.to_string())
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Text::Same(text) => serializer.serialize_str(text),
            Text::PerLanguage(texts) => texts.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"a string, or strings by language such as {"en": "…", "de": "…"}"#)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> std::result::Result<Text, E> {
                Ok(Text::Same(text.to_string()))
            }
            fn visit_map<M: MapAccess<'de>>(
                self,
                mut map: M,
            ) -> std::result::Result<Text, M::Error> {
                let mut texts = BTreeMap::new();
                while let Some((language, text)) = map.next_entry::<String, String>()? {
                    let code =
                        language.len() == 2 && language.bytes().all(|b| b.is_ascii_lowercase());
                    if !code {
                        return Err(de::Error::custom(format!(
                            "{language:?} is not a language code; use two lower-case letters such as \"de\""
                        )));
                    }
                    texts.insert(language, text);
                }
                if !texts.contains_key("en") {
                    return Err(de::Error::custom(
                        "a translated text needs its English string under \"en\"",
                    ));
                }
                Ok(Text::PerLanguage(texts))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
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
                "there is no template named {name:?}; choose one of: {} (or give the path of a template .json file)",
                names().join(", ")
            ),
        })?;
    serde_json::from_str(text).map_err(|e| Error::Usage {
        what: format!("template {name:?} is broken: {e}"),
    })
}

/// A built-in template by name, or a template file when `spec` is a path to a `.json` file.
pub fn load(spec: &str) -> Result<Template> {
    let path = Path::new(spec);
    if spec.ends_with(".json") || path.components().count() > 1 {
        Template::read(path)
    } else {
        builtin(spec)
    }
}

impl Template {
    /// Reads a template file, e.g. one written by [`Template::write`]. Malformed JSON, an
    /// unknown field, and a template that would not make a valid project are refused, naming
    /// the file.
    pub fn read(path: &Path) -> Result<Template> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let template: Template = serde_json::from_str(&text).map_err(|e| {
            if e.is_syntax() || e.is_eof() {
                Error::Json {
                    path: path.to_path_buf(),
                    line: e.line(),
                    column: e.column(),
                    detail: e.to_string(),
                }
            } else {
                Error::JsonFormat {
                    path: path.to_path_buf(),
                    detail: format!("not a Waymark template: {e}"),
                }
            }
        })?;
        template
            .instantiate("Template check", "en", "2000-01-01T00:00:00Z")
            .map_err(|e| match e {
                Error::Invalid { record, problem } => Error::InvalidFile {
                    path: path.to_path_buf(),
                    record,
                    problem,
                },
                other => other,
            })?;
        Ok(template)
    }

    /// The template as the pretty JSON a template file holds.
    pub fn to_json(&self) -> Result<String> {
        let mut text = serde_json::to_string_pretty(self).map_err(|e| Error::Internal {
            what: format!("the template could not be written as JSON: {e}"),
        })?;
        text.push('\n');
        Ok(text)
    }

    /// Writes the template file; never over an existing file.
    pub fn write(&self, path: &Path) -> Result<()> {
        crate::export::output::write(
            path,
            self.to_json()?.as_bytes(),
            crate::export::output::Replace::Never,
        )
    }

    /// A template of one's own from a journey: its stages, steps and lanes (and its primary
    /// persona's name, role and quote as the placeholder), but none of its cards.
    pub fn from_journey(project: &Project, journey: Id, name: &str) -> Result<Template> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Usage {
                what: "the template needs a name; type one and try again".into(),
            });
        }
        let journey = project
            .journeys
            .iter()
            .find(|j| j.id == journey)
            .ok_or_else(|| Error::Usage {
                what: "that journey is not in the project; choose another".into(),
            })?;
        let persona = journey
            .primary_persona
            .and_then(|id| project.personas.iter().find(|p| p.id == id))
            .map(|p| TemplatePersona {
                name: p.name.as_str().into(),
                role: p.role.as_str().into(),
                quote: p.quote.as_str().into(),
            });
        let stages = project
            .stages_of(journey.id)
            .into_iter()
            .map(|stage| TemplateStage {
                name: stage.name.as_str().into(),
                colour: stage.colour.clone(),
                steps: project
                    .steps_of(stage.id)
                    .into_iter()
                    .map(|step| step.title.as_str().into())
                    .collect(),
            })
            .collect();
        let lanes = project
            .lanes_of(journey.id)
            .into_iter()
            .map(|lane| TemplateLane {
                kind: lane.kind,
                title: lane.title.as_str().into(),
            })
            .collect();
        Ok(Template {
            name: name.into(),
            description: Text::default(),
            journey: journey.name.as_str().into(),
            persona,
            stages,
            lanes,
        })
    }

    /// Where the line of visibility falls: the index of the first backstage lane, when a lane
    /// the customer sees is above it.
    pub fn visibility_line(&self) -> Option<usize> {
        visibility_line(self.lanes.iter().map(|l| l.kind))
    }

    /// Every text that lacks one of `LANGUAGES`, as "where: languages"; empty when complete.
    pub fn untranslated(&self) -> Vec<String> {
        let mut texts: Vec<(String, &Text)> = vec![
            ("name".into(), &self.name),
            ("description".into(), &self.description),
            ("journey".into(), &self.journey),
        ];
        if let Some(p) = &self.persona {
            texts.push(("persona name".into(), &p.name));
            texts.push(("persona role".into(), &p.role));
            texts.push(("persona quote".into(), &p.quote));
        }
        for (i, stage) in self.stages.iter().enumerate() {
            texts.push((format!("stage {}", i + 1), &stage.name));
            for (j, step) in stage.steps.iter().enumerate() {
                texts.push((format!("stage {} step {}", i + 1, j + 1), step));
            }
        }
        for (i, lane) in self.lanes.iter().enumerate() {
            texts.push((format!("lane {}", i + 1), &lane.title));
        }
        texts
            .into_iter()
            .filter_map(|(place, text)| {
                let missing = if matches!(text, Text::Same(_)) {
                    LANGUAGES.to_vec()
                } else {
                    text.missing_languages()
                };
                (!missing.is_empty()).then(|| format!("{place}: {}", missing.join(", ")))
            })
            .collect()
    }

    /// A new project holding this template's journey (and persona), in the language of `locale`.
    pub fn instantiate(&self, project_name: &str, locale: &str, now: &str) -> Result<Project> {
        let language = language_of(locale);
        let text = |t: &Text| t.get(&language).to_string();
        let mut project = Project::new(
            project_name,
            locale,
            crate::catalogue::builtin_channels(&language),
            now,
        );
        let mut journey = Journey::current(&text(&self.journey));
        journey.scale = EmotionScale::in_language(&language);
        if let Some(persona) = &self.persona {
            let id = Uuid::new_v4();
            project.personas.push(Persona {
                id,
                name: text(&persona.name),
                role: text(&persona.role),
                quote: text(&persona.quote),
                photo: None,
                goals: vec![],
                frustrations: vec![],
                needs: vec![],
                rational_mindset: String::new(),
                emotional_mindset: String::new(),
                channels: vec![],
                colour: PERSONA_COLOUR.into(),
                order: OrderKey::first(),
            });
            journey.primary_persona = Some(id);
        }
        for (stage, order) in self
            .stages
            .iter()
            .zip(OrderKey::sequence(self.stages.len()))
        {
            let stage_id = Uuid::new_v4();
            project.stages.push(Stage {
                id: stage_id,
                journey: journey.id,
                name: text(&stage.name),
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
                    title: text(title),
                    order,
                });
            }
        }
        for (lane, order) in self.lanes.iter().zip(OrderKey::sequence(self.lanes.len())) {
            project.lanes.push(Lane {
                id: Uuid::new_v4(),
                journey: journey.id,
                kind: lane.kind,
                title: text(&lane.title),
                order,
            });
        }
        project.journeys.push(journey);
        if self.stages.is_empty() || self.lanes.is_empty() {
            return Err(Error::Invalid {
                record: "template".into(),
                problem: "a template needs at least one stage and one lane".into(),
            });
        }
        project.validate()?;
        project.canonicalize();
        Ok(project)
    }
}

/// Where the line of visibility falls among lanes of these kinds, top to bottom: above the
/// first backstage lane, when at least one lane the customer sees is above it. Backstage is
/// by definition what the customer does not see, so any journey gets the line, not only a
/// service blueprint.
pub fn visibility_line(kinds: impl IntoIterator<Item = LaneKind>) -> Option<usize> {
    let mut seen_front = false;
    for (i, kind) in kinds.into_iter().enumerate() {
        if kind == LaneKind::Backstage {
            return seen_front.then_some(i);
        }
        seen_front = true;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_template_is_translated_into_every_language() {
        for name in names() {
            let missing = builtin(name).unwrap().untranslated();
            assert!(missing.is_empty(), "{name} lacks: {missing:?}");
        }
    }

    #[test]
    fn a_text_falls_back_to_english() {
        let text: Text =
            serde_json::from_str(r#"{"en": "Awareness", "de": "Aufmerksamkeit"}"#).unwrap();
        assert_eq!(text.get("de"), "Aufmerksamkeit");
        assert_eq!(text.get("pl"), "Awareness");
        let missing: std::result::Result<Text, _> = serde_json::from_str(r#"{"de": "Kauf"}"#);
        assert!(missing.unwrap_err().to_string().contains("\"en\""));
    }

    #[test]
    fn the_locale_picks_the_language() {
        assert_eq!(language_of("de-DE"), "de");
        assert_eq!(language_of("pl_PL.UTF-8"), "pl");
        let project = builtin("cx-phases")
            .unwrap()
            .instantiate("T", "de-DE", "2026-01-01T00:00:00Z")
            .unwrap();
        assert_eq!(
            project.stages_of(project.journeys[0].id)[0].name,
            "Aufmerksamkeit"
        );
        // The scale's ends and the channel catalogue speak the same language.
        assert_eq!(project.journeys[0].scale.min_label, "Frustriert");
        assert_eq!(project.channels[0].name, "Callcenter");
        let polish = builtin("blank")
            .unwrap()
            .instantiate("T", "pl-PL", "2026-01-01T00:00:00Z")
            .unwrap();
        assert_eq!(polish.journeys[0].scale.max_label, "Zachwycony");
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
    fn the_line_of_visibility_needs_a_visible_lane_above_backstage() {
        use LaneKind::*;
        assert_eq!(
            visibility_line([Actions, Touchpoints, Backstage, Backstage]),
            Some(2)
        );
        assert_eq!(visibility_line([Backstage, Actions, Backstage]), None);
        assert_eq!(visibility_line([Actions, Feelings]), None);
    }

    #[test]
    fn unknown_template_names_the_choices() {
        let message = builtin("nope").unwrap_err().to_string();
        assert!(message.contains("cx-phases"), "{message}");
    }
}
