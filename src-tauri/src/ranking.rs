//! The "fix first" ranking of the open project's opportunities, for the board and as CSV.

use std::path::{Path, PathBuf};

use waymark::priority::RankedOpportunity;
use waymark::Project;

use crate::error::{ErrorCode, IpcError};
use crate::state::Opened;

/// The opportunities of `journey` (its id) in the open project, in the order to fix them.
pub fn rank(opened: &Opened, journey: &str) -> Result<Vec<RankedOpportunity>, IpcError> {
    opened.read(|project| {
        let journey = journey_of(project, journey)?;
        Ok(waymark::priority::rank(project, journey))
    })
}

/// Writes the ranking of `journey` as CSV to `path` (a relative path is taken from the
/// project's folder); returns where it went.
pub fn write_csv(opened: &Opened, journey: &str, path: &Path) -> Result<PathBuf, IpcError> {
    if path.as_os_str().is_empty() {
        return Err(IpcError::new(
            ErrorCode::Usage,
            "no file to write the ranking to: type a path ending in .csv or choose one with Browse…",
        ));
    }
    let path = opened.beside(path)?;
    opened.read(|project| {
        let journey = journey_of(project, journey)?;
        waymark::priority::write_csv(project, journey, &path)
    })?;
    Ok(path)
}

/// The journey with this id, or an error that says the window is behind the file.
fn journey_of(project: &Project, id: &str) -> waymark::Result<waymark::Id> {
    uuid_of(id)
        .filter(|id| project.journey(*id).is_some())
        .ok_or_else(|| waymark::Error::Usage {
            what: format!(
                "project {:?} has no journey {id}; reload the window and choose a journey",
                project.info.name
            ),
        })
}

fn uuid_of(text: &str) -> Option<waymark::Id> {
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::tests::Fixture;
    use crate::state::OpenedView;

    /// The schema-3 fixture (a participant's dots on two opportunities), open in the window.
    fn workshop(f: &Fixture) -> OpenedView {
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/schema-v3.waymark");
        std::fs::copy(fixture, f.path("workshop.waymark")).unwrap();
        f.opened.open_file(&f.path("workshop.waymark")).unwrap()
    }

    #[test]
    fn rank_opportunities_follows_the_rule_and_names_an_unknown_journey() {
        let f = Fixture::new();
        assert_eq!(rank(&f.opened, "x").unwrap_err().code, ErrorCode::NoFile);
        let view = workshop(&f);
        let journey = view.project.journeys[0].id.to_string();
        let ranking = rank(&f.opened, &journey).unwrap();
        let text = |id| {
            view.project
                .cards
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.text.as_str())
                .unwrap()
        };
        assert_eq!(
            ranking
                .iter()
                .map(|r| (text(r.card), r.score))
                .collect::<Vec<_>>(),
            [
                ("Preise auf der Startseite zeigen", 38),
                ("Preisrechner", 7)
            ]
        );
        assert!(ranking[0].at_moment_of_truth);
        assert_eq!(ranking[0].votes, 3);

        for unknown in ["not-an-id", "5a7e2f00-0000-4000-8000-00000000ffff"] {
            let error = rank(&f.opened, unknown).unwrap_err();
            assert_eq!(error.code, ErrorCode::Usage);
            assert!(error.message.contains(unknown), "{}", error.message);
        }
    }

    #[test]
    fn write_ranking_csv_writes_beside_and_renames_and_refuses_a_bad_path() {
        let f = Fixture::new();
        let view = workshop(&f);
        let journey = view.project.journeys[0].id.to_string();
        let target = f.path("ranking.csv");
        let written = write_csv(&f.opened, &journey, &target).unwrap();
        assert_eq!(written, target);
        let csv = std::fs::read_to_string(&target).unwrap();
        assert!(csv.starts_with(
            "rank,opportunity,stage,step,impact,effort,votes,moment of truth,score,answers\r\n"
        ));
        assert!(
            csv.contains("\r\n1,Preise auf der Startseite zeigen,"),
            "{csv}"
        );
        assert!(!f.path(".ranking.csv.partial").exists());

        // A relative path lands beside the project.
        let relative = write_csv(&f.opened, &journey, Path::new("r.csv")).unwrap();
        assert_eq!(relative, f.path("r.csv"));
        assert_eq!(std::fs::read_to_string(&relative).unwrap(), csv);

        let missing = f.path("no/such/folder/ranking.csv");
        let error = write_csv(&f.opened, &journey, &missing).unwrap_err();
        assert_eq!(error.code, ErrorCode::Io);
        assert!(error.message.contains("ranking.csv"), "{}", error.message);
        let error = write_csv(&f.opened, &journey, f.dir.path()).unwrap_err();
        assert!(error.message.contains("is a folder"), "{}", error.message);
        let error = write_csv(&f.opened, &journey, Path::new("")).unwrap_err();
        assert_eq!(error.code, ErrorCode::Usage);
        let error = write_csv(&f.opened, "nope", &target).unwrap_err();
        assert_eq!(error.code, ErrorCode::Usage);
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            csv,
            "left as it was"
        );
    }
}
