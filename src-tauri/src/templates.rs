//! The templates the New dialog lists (built-in, then the user's) and a journey saved as one.

use serde::Serialize;
use ts_rs::TS;
use waymark::template::Template;

use crate::error::IpcError;
use crate::state::Opened;
use crate::user_templates::UserTemplates;

/// A template a new project can start from, as the New dialog lists it.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateInfo {
    /// The key `new_project` takes, e.g. `cx-phases`, or `user/<file>` for one of the user's.
    pub name: String,
    pub title: String,
    pub description: String,
    pub stage_names: Vec<String>,
    pub lane_titles: Vec<String>,
    pub lane_kinds: Vec<waymark::LaneKind>,
    /// Index of the lane the line of visibility is drawn above, if any.
    pub visibility_line: Option<u32>,
    /// The placeholder persona's name, when the template makes one.
    pub persona: Option<String>,
    /// One the user saved, listed after the built-in ones.
    pub user: bool,
}

impl TemplateInfo {
    /// How the New dialog shows `template` in `language` (a code such as `de`).
    pub fn of(key: &str, template: &Template, language: &str, user: bool) -> TemplateInfo {
        TemplateInfo {
            name: key.to_string(),
            title: template.name.get(language).to_string(),
            description: template.description.get(language).to_string(),
            stage_names: template
                .stages
                .iter()
                .map(|s| s.name.get(language).to_string())
                .collect(),
            lane_titles: template
                .lanes
                .iter()
                .map(|l| l.title.get(language).to_string())
                .collect(),
            lane_kinds: template.lanes.iter().map(|l| l.kind).collect(),
            visibility_line: template
                .visibility_line()
                .and_then(|i| u32::try_from(i).ok()),
            persona: template
                .persona
                .as_ref()
                .map(|p| p.name.get(language).to_string()),
            user,
        }
    }
}

/// The list of templates `new_project` can start from: the built-in ones, then the user's, with
/// their text in `language`.
pub fn list(language: &str, user: &UserTemplates) -> Result<Vec<TemplateInfo>, IpcError> {
    let mut list = waymark::template::names()
        .into_iter()
        .map(|name| {
            let template = waymark::template::builtin(name)?;
            Ok(TemplateInfo::of(name, &template, language, false))
        })
        .collect::<Result<Vec<_>, IpcError>>()?;
    list.extend(
        user.list()
            .iter()
            .map(|(key, template)| TemplateInfo::of(key, template, language, true)),
    );
    Ok(list)
}

/// Saves `journey` of the open project as a template of the user's own.
pub fn save(
    opened: &Opened,
    user: &UserTemplates,
    journey: waymark::Id,
    name: &str,
) -> Result<TemplateInfo, IpcError> {
    let template = opened.read(|project| Template::from_journey(project, journey, name))?;
    let key = user.save(&template)?;
    Ok(TemplateInfo::of(&key, &template, "en", true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::state::tests::Fixture;
    use waymark::Project;

    #[test]
    fn every_template_is_listed_with_its_stages_and_lanes() {
        let f = Fixture::new();
        let user = UserTemplates::at(f.config().templates());
        let list = list("de", &user).unwrap();
        let names: Vec<_> = list.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, waymark::template::names());
        let cx = list.iter().find(|t| t.name == "cx-phases").unwrap();
        assert_eq!(cx.stage_names[0], "Aufmerksamkeit");
        assert!(!cx.lane_titles.is_empty() && !cx.title.is_empty());
        let blueprint = list.iter().find(|t| t.name == "service-blueprint").unwrap();
        assert_eq!(blueprint.visibility_line, Some(3));
        assert!(list.iter().any(|t| t.persona.is_some()));
    }

    #[test]
    fn a_journey_saved_as_a_template_is_listed_after_the_built_in_ones_and_makes_a_project() {
        let f = Fixture::new();
        let user = UserTemplates::at(f.config().templates());
        let view = f.new_a();
        let journey = view.project.journeys[0].id;
        let saved = save(&f.opened, &user, journey, "Workshop").unwrap();
        assert!(saved.user);
        let list = list("en", &user).unwrap();
        assert_eq!(
            list.last().map(|t| t.name.as_str()),
            Some(saved.name.as_str())
        );
        assert_eq!(
            save(&f.opened, &user, journey, "workshop")
                .unwrap_err()
                .code,
            ErrorCode::AlreadyExists
        );
        assert_eq!(
            save(&f.opened, &user, journey, " ").unwrap_err().code,
            ErrorCode::Usage
        );

        let made = f
            .opened
            .new_project_from(
                &f.path("b.waymark"),
                "B",
                &user.resolve(&saved.name).unwrap(),
                "en",
            )
            .unwrap();
        let stage_names = |p: &Project| p.stages.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
        assert_eq!(stage_names(&made.project), stage_names(&view.project));
    }
}
