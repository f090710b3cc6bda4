//! Reading a survey export: streamed row by row (a file of hundreds of MB never sits in memory),
//! each row matched to a touchpoint card of one journey by its measuring key or else its exact
//! text, and folded into per-month counts. The result is a plan: what would be imported, what
//! cannot be and why, and the one change that imports it. Nothing is written here.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use uuid::Uuid;

use super::columns::{Column, Header};
use super::{measurement_id, responses};
use crate::edit::{Change, Edit};
use crate::error::{Error, Result};
use crate::model::*;
use crate::record::Record;

/// How many problems a plan lists one by one; the rest are counted.
pub const LISTED_PROBLEMS: usize = 200;

/// Progress is reported after about this many bytes.
const PROGRESS_STEP: u64 = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// No touchpoint of the journey has this key or text.
    Unmatched,
    /// The text names more than one touchpoint card.
    Ambiguous,
    /// A value cannot be read: a rating out of range, not a number, not a date, no rating.
    Malformed,
}

/// A row that cannot be imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Problem {
    /// The row's line in the file (the header is line 1).
    #[ts(type = "number")]
    pub row: u64,
    pub kind: ProblemKind,
    pub reason: String,
}

/// Rows counted for one touchpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MatchedTouchpoint {
    pub card: Id,
    pub text: String,
    pub key: Option<String>,
    pub rows: u32,
}

/// What an import would do, for the user to accept or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SurveyPreview {
    pub file_name: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Rows below the header.
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub matched: u64,
    #[ts(type = "number")]
    pub unmatched: u64,
    #[ts(type = "number")]
    pub ambiguous: u64,
    #[ts(type = "number")]
    pub malformed: u64,
    /// Rows skipped because their `response` id was imported before (or earlier in this file).
    #[ts(type = "number")]
    pub duplicates: u64,
    /// The first problems, in file order (`LISTED_PROBLEMS` at most).
    pub problems: Vec<Problem>,
    pub touchpoints: Vec<MatchedTouchpoint>,
}

impl SurveyPreview {
    pub fn bad_rows(&self) -> u64 {
        self.unmatched + self.ambiguous + self.malformed
    }
}

/// A read survey export: its preview and the change that imports what could be read.
#[derive(Debug, Clone)]
pub struct SurveyPlan {
    pub preview: SurveyPreview,
    pub change: Change,
    pub import: Id,
    /// The `response` id hashes this import counts, as `ProjectFile::apply_import` keeps them.
    pub response_ids: Vec<u8>,
}

/// Counts of one touchpoint in one month, in the layout of `Measurement`'s lists.
#[derive(Debug, Clone)]
struct Tally {
    rows: u32,
    satisfaction: [u32; 5],
    expectation: [u32; 5],
    effort: [u32; 7],
    recommend: [u32; 11],
    with_overall: [u32; 25],
}

impl Default for Tally {
    fn default() -> Tally {
        Tally {
            rows: 0,
            satisfaction: [0; 5],
            expectation: [0; 5],
            effort: [0; 7],
            recommend: [0; 11],
            with_overall: [0; 25],
        }
    }
}

fn add(into: &mut [u32], from: &[u32]) -> Vec<u32> {
    into.iter()
        .zip(from.iter().chain(std::iter::repeat(&0)))
        .map(|(a, b)| a.saturating_add(*b))
        .collect()
}

impl Tally {
    /// This month's counts added to what the project already holds for it.
    fn into_measurement(self, card: Id, month: &str, before: Option<&Measurement>) -> Measurement {
        let empty = Measurement {
            id: measurement_id(card, month),
            card,
            month: month.to_string(),
            rows: 0,
            satisfaction: vec![0; 5],
            expectation: vec![0; 5],
            effort: vec![0; 7],
            recommend: vec![0; 11],
            with_overall: vec![0; 25],
        };
        let mut m = before.cloned().unwrap_or(empty);
        m.rows = m.rows.saturating_add(self.rows);
        m.satisfaction = add(&mut m.satisfaction, &self.satisfaction);
        m.expectation = add(&mut m.expectation, &self.expectation);
        m.effort = add(&mut m.effort, &self.effort);
        m.recommend = add(&mut m.recommend, &self.recommend);
        m.with_overall = add(&mut m.with_overall, &self.with_overall);
        m
    }
}

/// The ratings of one row, each already checked against its scale.
#[derive(Debug, Default)]
struct Ratings {
    satisfaction: Option<u8>,
    expectation: Option<u8>,
    effort: Option<u8>,
    recommend: Option<u8>,
    overall: Option<u8>,
}

/// A reader that hashes and counts what passes through it, so one pass over the file gives the
/// rows, the content hash and the progress.
struct Tracked<R> {
    inner: R,
    hasher: Sha256,
    bytes: u64,
    reported: u64,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

/// A touchpoint's text or key as rows name it.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where rows can point: the journey's touchpoint cards by key and by text.
struct Targets<'p> {
    cards: Vec<&'p Card>,
    by_key: HashMap<String, usize>,
    by_text: HashMap<String, Vec<usize>>,
    steps: HashMap<Id, &'p str>,
}

impl<'p> Targets<'p> {
    fn of(project: &'p Project, journey: Id) -> Targets<'p> {
        let lanes: HashSet<Id> = project
            .lanes_of(journey)
            .into_iter()
            .filter(|l| l.kind == LaneKind::Touchpoints)
            .map(|l| l.id)
            .collect();
        let steps: HashMap<Id, &str> = project
            .journey_steps(journey)
            .into_iter()
            .map(|s| (s.id, s.title.as_str()))
            .collect();
        let mut cards: Vec<&Card> = project
            .cards
            .iter()
            .filter(|c| lanes.contains(&c.lane))
            .collect();
        cards.sort_by_key(|c| c.id);
        let mut by_key = HashMap::new();
        let mut by_text: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, card) in cards.iter().enumerate() {
            if let Some(key) = &card.measure_key {
                by_key.insert(normalise(key), i);
            }
            let text = normalise(&card.text);
            if !text.is_empty() {
                by_text.entry(text).or_default().push(i);
            }
        }
        Targets {
            cards,
            by_key,
            by_text,
            steps,
        }
    }

    /// The card a row's `touchpoint` names, or why none.
    fn find(&self, named: &str) -> std::result::Result<usize, (ProblemKind, String)> {
        let named = normalise(named);
        if let Some(i) = self.by_key.get(&named) {
            return Ok(*i);
        }
        match self.by_text.get(&named).map(Vec::as_slice) {
            Some([one]) => Ok(*one),
            Some(several) => {
                let steps: Vec<String> = several
                    .iter()
                    .map(|i| {
                        format!(
                            "\"{}\"",
                            self.steps.get(&self.cards[*i].step).unwrap_or(&"?")
                        )
                    })
                    .collect();
                Err((
                    ProblemKind::Ambiguous,
                    format!(
                        "\"{named}\" is the text of {} touchpoints (at steps {}); give them measuring keys and use the keys",
                        several.len(),
                        steps.join(", ")
                    ),
                ))
            }
            None => Err((
                ProblemKind::Unmatched,
                format!("no touchpoint of this journey has the key or text \"{named}\""),
            )),
        }
    }
}

/// A month as `year * 12 + month - 1`, and back as `YYYY-MM`.
fn month_name(month: u32) -> String {
    format!("{:04}-{:02}", month / 12, month % 12 + 1)
}

/// The month of an ISO 8601 date (`2026-03-14`) or date-time (`2026-03-14T09:30:00Z`,
/// `2026-03-14 09:30`), as the survey tool wrote it: no time-zone shift.
fn month_of(text: &str) -> std::result::Result<u32, String> {
    let bad = || format!("date \"{text}\" is not an ISO 8601 date such as 2026-03-14");
    let text = text.trim();
    let date = text.get(..10).ok_or_else(bad)?;
    let rest = &text[10..];
    let parsed = time::Date::parse(
        date,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| bad())?;
    if !rest.is_empty() {
        let time_part = rest.strip_prefix(['T', 't', ' ']).ok_or_else(bad)?;
        let clock = time_part
            .trim_end_matches(['Z', 'z'])
            .split(['+', '-'])
            .next()
            .unwrap_or_default();
        let fields: Vec<&str> = clock.split(':').collect();
        let ok = (2..=3).contains(&fields.len())
            && fields.iter().enumerate().all(|(i, f)| {
                let whole = f.split('.').next().unwrap_or_default();
                whole.len() == 2
                    && whole.bytes().all(|b| b.is_ascii_digit())
                    && whole.parse::<u8>().is_ok_and(|v| v < [24, 60, 61][i])
            });
        if !ok {
            return Err(bad());
        }
    }
    let year = u32::try_from(parsed.year()).map_err(|_| bad())?;
    Ok(year * 12 + u32::from(u8::from(parsed.month())) - 1)
}

/// A rating: a whole number on its column's scale (`4` or `4.0`), or empty.
fn rating(column: Column, text: &str) -> std::result::Result<Option<u8>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (low, high) = column.scale().unwrap_or((0, 0));
    let value: f64 = text
        .replace(',', ".")
        .parse()
        .map_err(|_| format!("{} \"{text}\" is not a number", column.name()))?;
    if !value.is_finite()
        || value.fract() != 0.0
        || value < f64::from(low)
        || value > f64::from(high)
    {
        return Err(format!(
            "{} {text} is not a whole number from {low} to {high}",
            column.name()
        ));
    }
    Ok(Some(value as u8))
}

/// The field separator: the one of `,` `;` and tab the header line uses most (German and Polish
/// spreadsheets export with `;`).
fn separator(first_line: &[u8]) -> u8 {
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|s| first_line.iter().filter(|b| *b == s).count())
        .filter(|s| first_line.contains(s))
        .unwrap_or(b',')
}

/// Reads a survey export at `path` for `journey`, streaming, and plans its import.
/// `imported_ids` are the `response` id hashes already in the project
/// (`ProjectFile::imported_response_ids`). `progress` hears (bytes read, bytes in all).
pub fn read_survey(
    project: &Project,
    journey: Id,
    path: &Path,
    imported_ids: &[u8],
    progress: &mut dyn FnMut(u64, u64),
) -> Result<SurveyPlan> {
    let survey = |detail: String| Error::Survey {
        path: path.to_path_buf(),
        detail,
    };
    let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if metadata.is_dir() {
        return Err(Error::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    let total = metadata.len();
    if total == 0 {
        return Err(survey(
            "the file is empty; export the responses as CSV with a header row".into(),
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut buffered = std::io::BufReader::with_capacity(1 << 16, file);
    let first_line = {
        use std::io::BufRead;
        let start = buffered.fill_buf().map_err(|e| Error::io(path, e))?;
        let end = start
            .iter()
            .position(|b| *b == b'\n')
            .unwrap_or(start.len());
        let line = start[..end].to_vec();
        if start.contains(&0) || std::str::from_utf8(&line).is_err() {
            return Err(survey(
                "this is not a CSV text file; export the survey responses as CSV (UTF-8)".into(),
            ));
        }
        line
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(&first_line))
        .flexible(true)
        .has_headers(true)
        .from_reader(Tracked {
            inner: buffered,
            hasher: Sha256::new(),
            bytes: 0,
            reported: 0,
        });
    let header = {
        let names = reader
            .headers()
            .map_err(|e| survey(format!("the header row cannot be read as CSV ({e})")))?;
        Header::read(names.iter())
    };
    let Some(touchpoint_at) = header.position(Column::Touchpoint) else {
        return Err(survey(
            "the header row has no touchpoint column (also accepted: Kontaktpunkt, punkt styku); \
             name the column that says which touchpoint a row is about"
                .into(),
        ));
    };
    let Some(date_at) = header.position(Column::Date) else {
        return Err(survey(
            "the header row has no date column (also accepted: Datum, data); every answer needs its date"
                .into(),
        ));
    };
    let ratings_at: Vec<(Column, usize)> = [
        Column::Satisfaction,
        Column::Expectation,
        Column::Effort,
        Column::Recommend,
        Column::Overall,
    ]
    .into_iter()
    .filter_map(|c| header.position(c).map(|p| (c, p)))
    .collect();
    if ratings_at.is_empty() {
        return Err(survey(
            "the header row has no rating column (satisfaction, expectation, effort, recommend or overall)"
                .into(),
        ));
    }
    let respondent_at = header.position(Column::Respondent);
    let response_at = header.position(Column::Response);

    let targets = Targets::of(project, journey);
    let earlier = responses::decode(imported_ids);
    let mut counted_ids: HashSet<u64> = HashSet::new();
    let mut tallies: HashMap<(usize, u32), Tally> = HashMap::new();
    let mut rows_per_card: HashMap<usize, u32> = HashMap::new();
    let mut overall_of: HashMap<u64, u8> = HashMap::new();
    // Satisfaction given without the overall rating in the same row: paired once the file is
    // read, with the overall rating the same respondent gave on another row.
    let mut waiting: Vec<(u64, usize, u32, u8)> = Vec::new();
    let mut preview = SurveyPreview {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        bytes: total,
        rows: 0,
        matched: 0,
        unmatched: 0,
        ambiguous: 0,
        malformed: 0,
        duplicates: 0,
        problems: Vec::new(),
        touchpoints: Vec::new(),
    };
    let note = |preview: &mut SurveyPreview, row: u64, kind: ProblemKind, reason: String| {
        match kind {
            ProblemKind::Unmatched => preview.unmatched += 1,
            ProblemKind::Ambiguous => preview.ambiguous += 1,
            ProblemKind::Malformed => preview.malformed += 1,
        }
        if preview.problems.len() < LISTED_PROBLEMS {
            preview.problems.push(Problem { row, kind, reason });
        }
    };

    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line() + 1;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let row = e.position().map(|p| p.line()).unwrap_or(line);
                return Err(match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => survey(format!(
                        "line {row} is not UTF-8 text; export the survey responses as CSV (UTF-8)"
                    )),
                    csv::ErrorKind::Io(io) => {
                        Error::io(path, std::io::Error::new(io.kind(), io.to_string()))
                    }
                    _ => survey(format!("line {row} cannot be read as CSV ({e})")),
                });
            }
        }
        let tracked = reader.get_ref();
        if tracked.bytes >= tracked.reported + PROGRESS_STEP {
            progress(tracked.bytes, total);
            reader.get_mut().reported = reader.get_ref().bytes;
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        preview.rows += 1;
        let row = record.position().map(|p| p.line()).unwrap_or(line);
        let field = |at: usize| record.get(at).unwrap_or("").trim();
        let named = field(touchpoint_at);
        if named.is_empty() {
            note(
                &mut preview,
                row,
                ProblemKind::Malformed,
                "the touchpoint is empty".into(),
            );
            continue;
        }
        let card = match targets.find(named) {
            Ok(card) => card,
            Err((kind, reason)) => {
                note(&mut preview, row, kind, reason);
                continue;
            }
        };
        let month = match month_of(field(date_at)) {
            Ok(month) => month,
            Err(reason) => {
                note(&mut preview, row, ProblemKind::Malformed, reason);
                continue;
            }
        };
        let mut ratings = Ratings::default();
        let mut malformed = None;
        for (column, at) in &ratings_at {
            match rating(*column, field(*at)) {
                Ok(value) => match column {
                    Column::Satisfaction => ratings.satisfaction = value,
                    Column::Expectation => ratings.expectation = value,
                    Column::Effort => ratings.effort = value,
                    Column::Recommend => ratings.recommend = value,
                    _ => ratings.overall = value,
                },
                Err(reason) => {
                    malformed = Some(reason);
                    break;
                }
            }
        }
        if let Some(reason) = malformed {
            note(&mut preview, row, ProblemKind::Malformed, reason);
            continue;
        }
        let Ratings {
            satisfaction,
            expectation,
            effort,
            recommend,
            overall,
        } = ratings;
        if [satisfaction, expectation, effort, recommend, overall]
            .iter()
            .all(Option::is_none)
        {
            note(
                &mut preview,
                row,
                ProblemKind::Malformed,
                "the row has no rating".into(),
            );
            continue;
        }
        if let Some(response) = response_at.map(field).filter(|r| !r.is_empty()) {
            let id = responses::hash(response);
            if earlier.contains(&id) || !counted_ids.insert(id) {
                preview.duplicates += 1;
                continue;
            }
        }
        preview.matched += 1;
        *rows_per_card.entry(card).or_default() += 1;
        let tally = tallies.entry((card, month)).or_default();
        tally.rows += 1;
        let count = |slot: &mut u32| *slot = slot.saturating_add(1);
        if let Some(v) = satisfaction {
            count(&mut tally.satisfaction[usize::from(v - 1)]);
        }
        if let Some(v) = expectation {
            count(&mut tally.expectation[usize::from(v - 1)]);
        }
        if let Some(v) = effort {
            count(&mut tally.effort[usize::from(v - 1)]);
        }
        if let Some(v) = recommend {
            count(&mut tally.recommend[usize::from(v)]);
        }
        let respondent = respondent_at
            .map(field)
            .filter(|r| !r.is_empty())
            .map(responses::hash);
        if let (Some(who), Some(o)) = (respondent, overall) {
            overall_of.insert(who, o);
        }
        match (satisfaction, overall, respondent) {
            (Some(s), Some(o), _) => {
                count(&mut tally.with_overall[usize::from(s - 1) * 5 + usize::from(o - 1)])
            }
            (Some(s), None, Some(who)) => waiting.push((who, card, month, s)),
            _ => {}
        }
    }
    for (who, card, month, s) in waiting {
        if let Some(o) = overall_of.get(&who) {
            let tally = tallies.entry((card, month)).or_default();
            let slot = &mut tally.with_overall[usize::from(s - 1) * 5 + usize::from(*o - 1)];
            *slot = slot.saturating_add(1);
        }
    }
    let tracked = reader.into_inner();
    progress(tracked.bytes, total);
    let hash: String = tracked
        .hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if let Some(earlier) = project.survey_imports.iter().find(|i| i.hash == hash) {
        return Err(survey(format!(
            "this file was imported already (as {}, on {}); to count its answers again, undo that import first",
            earlier.file_name,
            earlier.imported.get(..10).unwrap_or(&earlier.imported)
        )));
    }
    if preview.rows == 0 {
        return Err(survey(
            "the file has a header but no rows of answers".into(),
        ));
    }

    let mut touchpoints: Vec<MatchedTouchpoint> = rows_per_card
        .iter()
        .map(|(i, rows)| {
            let card = targets.cards[*i];
            MatchedTouchpoint {
                card: card.id,
                text: card.text.clone(),
                key: card.measure_key.clone(),
                rows: *rows,
            }
        })
        .collect();
    touchpoints.sort_by(|a, b| b.rows.cmp(&a.rows).then(a.card.cmp(&b.card)));
    preview.touchpoints = touchpoints;

    let import = Uuid::new_v4();
    let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    let mut edits = vec![Edit::Add {
        record: Record::SurveyImport(SurveyImport {
            id: import,
            journey,
            hash,
            file_name: preview.file_name.clone(),
            imported: crate::now(),
            rows: clamp(preview.matched),
            skipped: clamp(preview.bad_rows()),
            duplicates: clamp(preview.duplicates),
        }),
    }];
    let mut tallies: Vec<((usize, u32), Tally)> = tallies.into_iter().collect();
    tallies.sort_by_key(|((card, month), _)| (targets.cards[*card].id, *month));
    for ((card, month), tally) in tallies {
        let card = targets.cards[card].id;
        let month = month_name(month);
        let before = project
            .measurements
            .iter()
            .find(|m| m.card == card && m.month == month);
        let after = tally.into_measurement(card, &month, before);
        edits.push(match before {
            Some(before) => Edit::Update {
                before: Record::Measurement(before.clone()),
                after: Record::Measurement(after),
            },
            None => Edit::Add {
                record: Record::Measurement(after),
            },
        });
    }
    Ok(SurveyPlan {
        preview,
        change: Change::new(edits),
        import,
        response_ids: responses::encode(&counted_ids),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_date_times_give_their_month() {
        assert_eq!(month_of("2026-03-14").map(month_name), Ok("2026-03".into()));
        assert_eq!(
            month_of("2026-12-31T23:59:59Z").map(month_name),
            Ok("2026-12".into())
        );
        assert_eq!(
            month_of("2026-01-01 00:30").map(month_name),
            Ok("2026-01".into())
        );
        assert_eq!(
            month_of("2026-01-01T08:00:00.5+02:00").map(month_name),
            Ok("2026-01".into())
        );
        for bad in [
            "14.03.2026",
            "2026-02-30",
            "2026-03-14X",
            "yesterday",
            "",
            "2026-03-14T25:00",
        ] {
            assert!(month_of(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ratings_are_whole_points_on_their_scale() {
        assert_eq!(rating(Column::Satisfaction, " 4 "), Ok(Some(4)));
        assert_eq!(rating(Column::Recommend, "0"), Ok(Some(0)));
        assert_eq!(rating(Column::Effort, "7.0"), Ok(Some(7)));
        assert_eq!(rating(Column::Expectation, ""), Ok(None));
        assert!(rating(Column::Satisfaction, "6").is_err());
        assert!(rating(Column::Satisfaction, "0").is_err());
        assert!(rating(Column::Satisfaction, "3.5").is_err());
        assert!(rating(Column::Recommend, "eleven").is_err());
        assert!(rating(Column::Recommend, "NaN").is_err());
    }

    #[test]
    fn the_separator_is_the_one_the_header_uses() {
        assert_eq!(separator(b"touchpoint;date;satisfaction"), b';');
        assert_eq!(separator(b"touchpoint,date,satisfaction"), b',');
        assert_eq!(separator(b"touchpoint\tdate"), b'\t');
        assert_eq!(separator(b"touchpoint"), b',');
    }
}
