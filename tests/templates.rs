//! Templates: every built-in one in every language, the service blueprint's line of
//! visibility, templates of one's own (save → new), bad template files, and the CLI.

mod common;

use common::{path_str, waymark};
use waymark::template::{self, Template};
use waymark::{store, LaneKind};

const NOW: &str = "2026-01-01T00:00:00Z";

fn stage_names(project: &waymark::Project) -> Vec<String> {
    project
        .stages_of(project.journeys[0].id)
        .iter()
        .map(|s| s.name.clone())
        .collect()
}

fn lane_titles(project: &waymark::Project) -> Vec<String> {
    project
        .lanes_of(project.journeys[0].id)
        .iter()
        .map(|l| l.title.clone())
        .collect()
}

#[test]
fn every_template_makes_a_valid_project_in_each_language() {
    for name in template::names() {
        let template = template::builtin(name).unwrap();
        let english = template.instantiate("T", "en", NOW).unwrap();
        for locale in ["en-GB", "de-DE", "pl-PL"] {
            let project = template.instantiate("T", locale, NOW).unwrap();
            project.validate().unwrap();
            assert_eq!(project.info.locale, locale);
            assert_eq!(project.journeys.len(), 1, "{name}");
            assert_eq!(project.steps.len(), english.steps.len(), "{name}");
            if !locale.starts_with("en") {
                // Lane titles such as "Touchpoints" stay English in German; stage names differ.
                assert_ne!(
                    (stage_names(&project), &project.journeys[0].name),
                    (stage_names(&english), &english.journeys[0].name),
                    "{name} in {locale} is not translated"
                );
            }
        }
    }
}

#[test]
fn an_unknown_language_falls_back_to_english() {
    let template = template::builtin("buying-journey").unwrap();
    let project = template.instantiate("T", "fr-FR", NOW).unwrap();
    assert_eq!(
        stage_names(&project),
        [
            "Need",
            "Research and compare",
            "Purchase",
            "Use and service"
        ]
    );
}

#[test]
fn the_service_blueprint_has_its_five_lanes_and_the_line_of_visibility() {
    let template = template::builtin("service-blueprint").unwrap();
    let project = template.instantiate("T", "de-DE", NOW).unwrap();
    assert_eq!(
        lane_titles(&project),
        [
            "Physische Evidenz",
            "Kundenaktionen",
            "Frontstage",
            "Backstage",
            "Unterstützungsprozesse"
        ]
    );
    let kinds: Vec<LaneKind> = project
        .lanes_of(project.journeys[0].id)
        .iter()
        .map(|l| l.kind)
        .collect();
    assert_eq!(template::visibility_line(kinds), Some(3));
    assert_eq!(template.visibility_line(), Some(3));
}

#[test]
fn the_empathy_map_has_a_primary_persona_and_four_quadrant_lanes() {
    let project = template::builtin("empathy-persona")
        .unwrap()
        .instantiate("T", "pl", NOW)
        .unwrap();
    let journey = &project.journeys[0];
    assert_eq!(journey.name, "Mapa empatii");
    assert_eq!(project.personas.len(), 1);
    assert_eq!(journey.primary_persona, Some(project.personas[0].id));
    assert_eq!(project.personas[0].name, "Anna Kowalska");
    assert_eq!(lane_titles(&project), ["Mówi", "Myśli", "Robi", "Czuje"]);
    assert_eq!(project.stages.len(), 1);
}

#[test]
fn a_journey_saved_as_a_template_makes_the_same_journey_without_cards() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = template::builtin("empathy-persona")
        .unwrap()
        .instantiate("Workshop", "de-DE", NOW)
        .unwrap();
    source.stages[0].name = "Beim Einkauf".into();
    let journey = source.journeys[0].id;
    let saved = Template::from_journey(&source, journey, "  Mein Workshop  ").unwrap();
    let path = dir.path().join("mine.json");
    saved.write(&path).unwrap();
    assert!(saved.write(&path).is_err(), "never writes over a file");

    let loaded = template::load(path_str(&path)).unwrap();
    assert_eq!(loaded, saved);
    assert_eq!(loaded.name.get("de"), "Mein Workshop");
    let project = loaded.instantiate("Neu", "en", NOW).unwrap();
    assert_eq!(stage_names(&project), ["Beim Einkauf"]);
    assert_eq!(lane_titles(&project), lane_titles(&source));
    assert_eq!(project.steps.len(), source.steps.len());
    assert_eq!(project.personas[0].name, source.personas[0].name);
    assert!(project.cards.is_empty());

    assert!(Template::from_journey(&source, journey, " ").is_err());
}

#[test]
fn bad_template_files_are_refused_naming_the_file_and_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let good = serde_json::to_value(template::builtin("blank").unwrap()).unwrap();
    let cases: Vec<(&str, String, &str)> = vec![
        ("syntax.json", "{\"name\": ".into(), "not valid JSON"),
        (
            "unknown.json",
            {
                let mut v = good.clone();
                v["colour"] = "#ffffff".into();
                v.to_string()
            },
            "unknown field `colour`",
        ),
        (
            "no-english.json",
            {
                let mut v = good.clone();
                v["name"] = serde_json::json!({"de": "Leer"});
                v.to_string()
            },
            "\"en\"",
        ),
        (
            "bad-colour.json",
            {
                let mut v = good.clone();
                v["stages"][0]["colour"] = "blue".into();
                v.to_string()
            },
            "colour",
        ),
        (
            "no-stages.json",
            {
                let mut v = good.clone();
                v["stages"] = serde_json::json!([]);
                v.to_string()
            },
            "at least one stage",
        ),
    ];
    for (file, text, expected) in cases {
        let path = dir.path().join(file);
        std::fs::write(&path, text).unwrap();
        let message = template::load(path_str(&path)).unwrap_err().to_string();
        assert!(message.contains(file), "{file}: {message}");
        assert!(message.contains(expected), "{file}: {message}");
    }
    let missing = template::load(path_str(&dir.path().join("gone.json")))
        .unwrap_err()
        .to_string();
    assert!(missing.contains("gone.json"), "{missing}");
}

#[test]
fn the_cli_lists_saves_and_creates_from_templates() {
    let dir = tempfile::tempdir().unwrap();
    let out = waymark(&["templates"]);
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    for name in template::names() {
        assert!(list.contains(name), "{list}");
    }

    let blueprint = dir.path().join("blueprint.waymark");
    let out = waymark(&[
        "new",
        path_str(&blueprint),
        "--template",
        "service-blueprint",
        "--locale",
        "pl-PL",
    ]);
    assert!(out.status.success(), "{out:?}");
    let project = store::read(&blueprint).unwrap();
    assert_eq!(lane_titles(&project)[4], "Procesy wspierające");

    let saved = dir.path().join("my.json");
    let out = waymark(&[
        "template",
        "save",
        path_str(&blueprint),
        "--journey",
        &project.journeys[0].name,
        "--name",
        "My template",
        "-o",
        path_str(&saved),
    ]);
    assert!(out.status.success(), "{out:?}");
    let copy = dir.path().join("copy.waymark");
    let out = waymark(&["new", path_str(&copy), "--template", path_str(&saved)]);
    assert!(out.status.success(), "{out:?}");
    let copy = store::read(&copy).unwrap();
    assert_eq!(stage_names(&copy), stage_names(&project));
    assert_eq!(lane_titles(&copy), lane_titles(&project));

    let out = waymark(&[
        "template",
        "save",
        path_str(&blueprint),
        "--journey",
        "Nope",
        "--name",
        "X",
        "-o",
        path_str(&dir.path().join("x.json")),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("no journey named \"Nope\""),
        "{err}"
    );

    let out = waymark(&[
        "new",
        path_str(&dir.path().join("y.waymark")),
        "--template",
        "nope",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("service-blueprint"),
        "{err}"
    );
    assert!(!dir.path().join("y.waymark").exists());
}
