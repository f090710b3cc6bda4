//! The journey grid as a spreadsheet person lays it out. Row 1: `stage`, then each step
//! column's stage name; row 2: `step`, then the step titles; every further row is a lane — its
//! title with the kind in brackets (`Pain points [pain points]`), then one cell per step holding
//! that cell's cards, separated by blank lines.
//!
//! The grid carries text only: card ratings, channels, personas and curves stay in the project.
//! On import an empty stage cell continues the stage to its left, as a merged cell would.

use std::path::Path;

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::layout::words::words;
use crate::model::*;

const STAGE_COLOURS: [&str; 6] = [
    "#5b8def", "#2fa37a", "#e0803b", "#8e6bd8", "#d4577b", "#0e8a9c",
];

fn kind_label(kind: LaneKind) -> String {
    kind.key().replace('-', " ")
}

fn kind_from_label(label: &str) -> Option<LaneKind> {
    let label = label.trim().to_lowercase();
    let key = label.replace([' ', '_'], "-");
    // The kind as the printed map names it, in any language Waymark speaks.
    let named = LaneKind::ALL.into_iter().find(|kind| {
        ["en", "de", "pl"]
            .iter()
            .any(|language| words(language).kind(*kind).to_lowercase() == label)
    });
    LaneKind::from_key(&key).or(named).or(match key.as_str() {
        "kpi" => Some(LaneKind::Kpis),
        "pain-point" => Some(LaneKind::PainPoints),
        "touchpoint" => Some(LaneKind::Touchpoints),
        "action" => Some(LaneKind::Actions),
        "thought" => Some(LaneKind::Thoughts),
        "feeling" => Some(LaneKind::Feelings),
        "delight" => Some(LaneKind::Delights),
        "opportunity" => Some(LaneKind::Opportunities),
        "image" => Some(LaneKind::Images),
        "note" => Some(LaneKind::Notes),
        _ => None,
    })
}

/// A card's text as it sits in a cell: blank lines would split it, so runs of them become one
/// line break.
fn cell_text(text: &str) -> String {
    let lines: Vec<&str> = text
        .trim()
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect();
    lines.join("\n")
}

pub fn to_string(project: &Project, journey: &Journey) -> String {
    let steps: Vec<(&Stage, &Step)> = project
        .stages_of(journey.id)
        .into_iter()
        .flat_map(|stage| {
            project
                .steps_of(stage.id)
                .into_iter()
                .map(move |step| (stage, step))
        })
        .collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    rows.push(
        std::iter::once("stage".to_string())
            .chain(steps.iter().map(|(stage, _)| stage.name.clone()))
            .collect(),
    );
    rows.push(
        std::iter::once("step".to_string())
            .chain(steps.iter().map(|(_, step)| step.title.clone()))
            .collect(),
    );
    for lane in project.lanes_of(journey.id) {
        let mut row = vec![format!("{} [{}]", lane.title, kind_label(lane.kind))];
        for (_, step) in &steps {
            let cards: Vec<String> = project
                .cards_in(lane.id, step.id)
                .iter()
                .map(|c| cell_text(&c.text))
                .collect();
            row.push(cards.join("\n\n"));
        }
        rows.push(row);
    }
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in &rows {
        // Writing to memory cannot fail.
        let _ = writer.write_record(row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn column_name(index: usize) -> String {
    let mut n = index + 1;
    let mut name = String::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        name.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    name
}

/// The name a grid file gives its project and journey: its own, without the extension.
pub fn name_from(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "Imported journey".into())
}

/// A new project named `name` holding one journey built from the grid, in `locale`'s language
/// (its channels, emotion scale, and the lane titles the grid leaves out); `path` names the
/// source in errors.
pub fn from_str(text: &str, path: &Path, name: &str, locale: &str, now: &str) -> Result<Project> {
    let error = |line: usize, detail: String| Error::Csv {
        path: path.to_path_buf(),
        line,
        detail,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            error(
                line,
                format!(
                    "this is not readable CSV ({e}); save the sheet as CSV (UTF-8) and try again"
                ),
            )
        })?;
        let line = record
            .position()
            .map_or(rows.len() + 1, |p| p.line() as usize);
        rows.push((line, record.iter().map(str::to_string).collect()));
    }
    let mut rows = rows.into_iter();
    let (stage_line, stage_row) = rows.next().ok_or_else(|| {
        error(
            1,
            "the file is empty; row 1 must start with \"stage\"".into(),
        )
    })?;
    if !stage_row
        .first()
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("stage"))
    {
        return Err(error(
            stage_line,
            "row 1 must start with \"stage\" followed by each step's stage name".into(),
        ));
    }
    let (step_line, step_row) = rows.next().ok_or_else(|| {
        error(
            2,
            "row 2 is missing; it must start with \"step\" followed by the step titles".into(),
        )
    })?;
    if !step_row
        .first()
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("step"))
    {
        return Err(error(
            step_line,
            "row 2 must start with \"step\" followed by the step titles".into(),
        ));
    }
    let columns = stage_row.len().max(step_row.len()) - 1;
    // Trailing columns a spreadsheet pads with empty cells are not steps.
    let columns = (1..=columns)
        .rev()
        .find(|&i| {
            stage_row.get(i).is_some_and(|c| !c.trim().is_empty())
                || step_row.get(i).is_some_and(|c| !c.trim().is_empty())
        })
        .unwrap_or(0);
    if columns == 0 {
        return Err(error(
            step_line,
            "the grid has no step columns; put one step title per column after \"step\"".into(),
        ));
    }

    let mut project = crate::catalogue::new_project(name, locale, now);
    let mut journey = Journey::current(name);
    journey.scale = EmotionScale::in_language(&crate::language::language_of(locale));
    let mut step_ids = Vec::with_capacity(columns);
    let mut stage_key = OrderKey::first();
    let mut step_key = OrderKey::first();
    for col in 1..=columns {
        let stage_name = stage_row.get(col).map(|s| s.trim()).unwrap_or("");
        let continues = match project.stages.last() {
            Some(last) => stage_name.is_empty() || stage_name == last.name,
            None => false,
        };
        if !continues {
            if stage_name.is_empty() {
                return Err(error(
                    stage_line,
                    format!(
                        "column {}: the first step has no stage; write its stage name there",
                        column_name(col)
                    ),
                ));
            }
            if !project.stages.is_empty() {
                stage_key = stage_key.after();
            }
            project.stages.push(Stage {
                id: Uuid::new_v4(),
                journey: journey.id,
                name: stage_name.to_string(),
                colour: STAGE_COLOURS[project.stages.len() % STAGE_COLOURS.len()].into(),
                order: stage_key.clone(),
            });
            step_key = OrderKey::first();
        } else {
            step_key = step_key.after();
        }
        let title = step_row.get(col).map(|s| s.trim()).unwrap_or("");
        if title.is_empty() {
            return Err(error(
                step_line,
                format!(
                    "column {}: the step has no title; give every step column a title",
                    column_name(col)
                ),
            ));
        }
        let stage = project.stages.last().map(|s| s.id).unwrap_or_default();
        let id = Uuid::new_v4();
        project.steps.push(Step {
            id,
            stage,
            title: title.to_string(),
            order: step_key.clone(),
        });
        step_ids.push(id);
    }
    let mut lane_key = OrderKey::first();
    for (line, row) in rows {
        let Some(head) = row.first().map(|h| h.trim()).filter(|h| !h.is_empty()) else {
            if row.iter().any(|c| !c.trim().is_empty()) {
                return Err(error(
                    line,
                    "this lane has cards but no title in column A; write \"Title [kind]\" there"
                        .into(),
                ));
            }
            continue;
        };
        let (title, kind) = match head.rfind('[').filter(|_| head.ends_with(']')) {
            Some(open) => {
                let label = &head[open + 1..head.len() - 1];
                let kind = kind_from_label(label).ok_or_else(|| {
                    let known: Vec<String> = LaneKind::ALL.iter().map(|k| kind_label(*k)).collect();
                    error(
                        line,
                        format!(
                            "lane kind [{label}] is unknown; use one of: {}",
                            known.join(", ")
                        ),
                    )
                })?;
                (head[..open].trim().to_string(), kind)
            }
            None => (
                head.to_string(),
                kind_from_label(head).unwrap_or(LaneKind::Notes),
            ),
        };
        let title = if title.is_empty() {
            words(locale).kind(kind).to_string()
        } else {
            title
        };
        if let Some(extra) = row
            .iter()
            .skip(columns + 1)
            .position(|c| !c.trim().is_empty())
        {
            return Err(error(
                line,
                format!(
                    "column {} holds cards but has no step; add its step title in row 2",
                    column_name(columns + 1 + extra)
                ),
            ));
        }
        let lane = Lane {
            id: Uuid::new_v4(),
            journey: journey.id,
            kind,
            title,
            order: lane_key.clone(),
        };
        lane_key = lane_key.after();
        for (col, step) in step_ids.iter().enumerate() {
            let cell = row.get(col + 1).map(String::as_str).unwrap_or("");
            let texts = split_cards(cell);
            for (text, order) in texts.iter().zip(OrderKey::sequence(texts.len())) {
                project.cards.push(Card {
                    id: Uuid::new_v4(),
                    lane: lane.id,
                    step: *step,
                    order,
                    text: text.clone(),
                    ..Card::default()
                });
            }
        }
        project.lanes.push(lane);
    }
    project.journeys.push(journey);
    project.validate().map_err(|e| e.in_file(path))?;
    project.canonicalize();
    Ok(project)
}

fn split_cards(cell: &str) -> Vec<String> {
    let mut cards = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in cell.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                cards.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        cards.push(current.join("\n"));
    }
    cards
}

/// A project from the grid file at `path`, named after the file (`from_str`).
pub fn read(path: &Path, locale: &str) -> Result<Project> {
    if path.is_dir() {
        return Err(Error::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| Error::Csv {
        path: path.to_path_buf(),
        line: 0,
        detail: "the file is not UTF-8 text; save the sheet as \"CSV UTF-8\" and try again".into(),
    })?;
    from_str(&text, path, &name_from(path), locale, &crate::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRID: &str = "stage,Awareness,Awareness,Kauf\r\n\
step,Sees an ad,Asks a friend,Zażółć gęślą jaźń\r\n\
Actions [actions],\"Scrolls the feed\n\nClicks the ad\",,\"Bestellt online\nmit Größe M\"\r\n\
Pain points [pain points],,\"Nobody knows, really\",\r\n";

    #[test]
    fn a_grid_imports_and_exports_byte_for_byte() {
        let project = from_str(
            GRID,
            Path::new("grid.csv"),
            "Mobile contract",
            "en",
            "2026-12-01T00:00:00Z",
        )
        .unwrap();
        assert_eq!(project.stages.len(), 2);
        assert_eq!(project.steps.len(), 3);
        assert_eq!(project.lanes.len(), 2);
        assert_eq!(project.cards.len(), 4);
        assert_eq!(project.journeys[0].name, "Mobile contract");
        let pain = project
            .lanes
            .iter()
            .find(|l| l.kind == LaneKind::PainPoints)
            .unwrap();
        assert_eq!(pain.title, "Pain points");
        assert_eq!(to_string(&project, &project.journeys[0]), GRID);
    }

    #[test]
    fn empty_stage_cells_continue_the_stage_and_kinds_are_lenient() {
        let grid = "Stage,A,,B\nStep,one,two,three\nKPIs [KPIs],x,,\nnotes,,y,\n";
        let project =
            from_str(grid, Path::new("g.csv"), "g", "en", "2026-12-01T00:00:00Z").unwrap();
        assert_eq!(project.stages.len(), 2);
        assert!(project.lanes.iter().any(|l| l.kind == LaneKind::Kpis));
        assert!(project
            .lanes
            .iter()
            .any(|l| l.kind == LaneKind::Notes && l.title == "notes"));
    }

    #[test]
    fn a_grid_imported_in_a_language_gets_its_scale_channels_and_kind_words() {
        let grid =
            "stage,Kauf\nstep,Bestellt\nSchmerzpunkte,Zu teuer\n[Gedanken],Lohnt sich das?\n";
        let project = from_str(
            grid,
            Path::new("g.csv"),
            "g",
            "de-DE",
            "2026-12-01T00:00:00Z",
        )
        .unwrap();
        assert_eq!(project.info.locale, "de-DE");
        assert_eq!(project.journeys[0].scale, EmotionScale::in_language("de"));
        assert_eq!(project.channels, crate::catalogue::builtin_channels("de"));
        let lanes: Vec<(LaneKind, &str)> = project
            .lanes
            .iter()
            .map(|l| (l.kind, l.title.as_str()))
            .collect();
        assert_eq!(
            lanes,
            [
                (LaneKind::PainPoints, "Schmerzpunkte"),
                (LaneKind::Thoughts, "Gedanken")
            ]
        );
    }

    #[test]
    fn bad_grids_say_where_and_what_to_do() {
        let cases = [
            ("", "row 1 must start"),
            ("stage,A\nnope,x\n", "row 2 must start"),
            ("stage,\nstep,\n", "no step columns"),
            ("stage,A,B\nstep,x,\n", "column C: the step has no title"),
            (
                "stage,A\nstep,x\nThings [stuff],a\n",
                "lane kind [stuff] is unknown",
            ),
            (
                "stage,A\nstep,x\nThings [notes],a,b\n",
                "column C holds cards",
            ),
        ];
        for (grid, expected) in cases {
            let err = from_str(
                grid,
                Path::new("grid.csv"),
                "g",
                "en",
                "2026-12-01T00:00:00Z",
            )
            .unwrap_err()
            .to_string();
            assert!(err.contains(expected) && err.contains("grid.csv"), "{err}");
        }
    }

    #[test]
    fn column_names_are_spreadsheet_letters() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
    }
}
