//! Records to rows and back. Each record kind is one table (plus, for its lists of ids, a
//! child table rewritten with the record), so a typed edit maps onto one upsert or delete.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use uuid::Uuid;

use crate::model::*;
use crate::record::{Record, RecordKey};

type Sql<T> = rusqlite::Result<T>;

fn text<T: serde::Serialize>(value: &T) -> String {
    // Enums serialise to a JSON string; the column holds it without the quotes.
    serde_json::to_string(value)
        .unwrap_or_default()
        .trim_matches('"')
        .to_string()
}

fn parse<T: serde::de::DeserializeOwned>(column: usize, value: &str) -> Sql<T> {
    serde_json::from_value(serde_json::Value::String(value.to_string()))
        .map_err(|e| bad_column(column, e))
}

fn list<T: serde::de::DeserializeOwned>(column: usize, json: &str) -> Sql<T> {
    serde_json::from_str(json).map_err(|e| bad_column(column, e))
}

fn bad_column(column: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e))
}

fn id(row: &Row, column: usize) -> Sql<Id> {
    let text: String = row.get(column)?;
    Uuid::parse_str(&text).map_err(|e| bad_column(column, e))
}

fn opt_id(row: &Row, column: usize) -> Sql<Option<Id>> {
    let text: Option<String> = row.get(column)?;
    text.map(|t| Uuid::parse_str(&t).map_err(|e| bad_column(column, e)))
        .transpose()
}

/// Order keys are hex text. Anything else is refused here as damage: the fractional-index
/// parser slices its input by bytes and must never see a multi-byte character.
fn order_key(row: &Row, column: usize) -> Sql<OrderKey> {
    let text: String = row.get(column)?;
    if !text.is_ascii() {
        return Err(bad_column(
            column,
            std::io::Error::other(format!("{text:?} is not an order key")),
        ));
    }
    Ok(OrderKey(text))
}

fn counts(items: &[u32]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

fn write_ids(
    tx: &Transaction,
    table: &str,
    owner_column: &str,
    item_column: &str,
    owner: Id,
    ids: &[Id],
) -> Sql<()> {
    tx.execute(
        &format!("DELETE FROM {table} WHERE {owner_column} = ?1"),
        [owner.to_string()],
    )?;
    let mut insert = tx.prepare_cached(&format!(
        "INSERT INTO {table} ({owner_column}, position, {item_column}) VALUES (?1, ?2, ?3)"
    ))?;
    for (position, item) in ids.iter().enumerate() {
        insert.execute(params![
            owner.to_string(),
            position as i64,
            item.to_string()
        ])?;
    }
    Ok(())
}

/// Inserts the record, or overwrites the row with its id.
pub fn upsert(tx: &Transaction, record: &Record) -> Sql<()> {
    match record {
        Record::Project(r) => {
            tx.prepare_cached(
                "INSERT INTO project (singleton, id, name, locale, created, modified) VALUES (1, ?1, ?2, ?3, ?4, ?4)
                 ON CONFLICT (singleton) DO UPDATE SET id = ?1, name = ?2, locale = ?3, created = ?4",
            )?
            .execute(params![r.id.to_string(), r.name, r.locale, r.created])?;
        }
        Record::Channel(r) => {
            tx.prepare_cached(
                "INSERT INTO channels (id, name, icon, sort) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET name = ?2, icon = ?3, sort = ?4",
            )?
            .execute(params![r.id.to_string(), r.name, text(&r.icon), r.order.0])?;
        }
        Record::Persona(r) => {
            tx.prepare_cached(
                "INSERT INTO personas (id, name, role, quote, photo, goals, frustrations, needs,
                     rational_mindset, emotional_mindset, colour, sort)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                 ON CONFLICT (id) DO UPDATE SET name = ?2, role = ?3, quote = ?4, photo = ?5, goals = ?6,
                     frustrations = ?7, needs = ?8, rational_mindset = ?9, emotional_mindset = ?10,
                     colour = ?11, sort = ?12",
            )?
            .execute(params![
                r.id.to_string(),
                r.name,
                r.role,
                r.quote,
                r.photo,
                json_list(&r.goals),
                json_list(&r.frustrations),
                json_list(&r.needs),
                r.rational_mindset,
                r.emotional_mindset,
                r.colour,
                r.order.0
            ])?;
            write_ids(
                tx,
                "persona_channels",
                "persona",
                "channel",
                r.id,
                &r.channels,
            )?;
        }
        Record::Journey(r) => {
            tx.prepare_cached(
                "INSERT INTO journeys (id, name, primary_persona, state, redesigns, scale_min, scale_max,
                     min_label, max_label, sort)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT (id) DO UPDATE SET name = ?2, primary_persona = ?3, state = ?4, redesigns = ?5,
                     scale_min = ?6, scale_max = ?7, min_label = ?8, max_label = ?9, sort = ?10",
            )?
            .execute(params![
                r.id.to_string(),
                r.name,
                r.primary_persona.map(|p| p.to_string()),
                text(&r.state),
                r.redesigns.map(|p| p.to_string()),
                r.scale.min,
                r.scale.max,
                r.scale.min_label,
                r.scale.max_label,
                r.order.0
            ])?;
            write_ids(
                tx,
                "journey_personas",
                "journey",
                "persona",
                r.id,
                &r.other_personas,
            )?;
        }
        Record::Stage(r) => {
            tx.prepare_cached(
                "INSERT INTO stages (id, journey, name, colour, sort) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET journey = ?2, name = ?3, colour = ?4, sort = ?5",
            )?
            .execute(params![
                r.id.to_string(),
                r.journey.to_string(),
                r.name,
                r.colour,
                r.order.0
            ])?;
        }
        Record::Step(r) => {
            tx.prepare_cached(
                "INSERT INTO steps (id, stage, title, sort) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET stage = ?2, title = ?3, sort = ?4",
            )?
            .execute(params![
                r.id.to_string(),
                r.stage.to_string(),
                r.title,
                r.order.0
            ])?;
        }
        Record::Lane(r) => {
            tx.prepare_cached(
                "INSERT INTO lanes (id, journey, kind, title, sort) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET journey = ?2, kind = ?3, title = ?4, sort = ?5",
            )?
            .execute(params![
                r.id.to_string(),
                r.journey.to_string(),
                r.kind.key(),
                r.title,
                r.order.0
            ])?;
        }
        Record::Card(r) => {
            tx.prepare_cached(
                "INSERT INTO cards (id, lane, step, sort, text, channel, expected, experienced, severity,
                     impact, effort, votes, image, measure_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                 ON CONFLICT (id) DO UPDATE SET lane = ?2, step = ?3, sort = ?4, text = ?5, channel = ?6,
                     expected = ?7, experienced = ?8, severity = ?9, impact = ?10, effort = ?11,
                     votes = ?12, image = ?13, measure_key = ?14",
            )?
            .execute(params![
                r.id.to_string(),
                r.lane.to_string(),
                r.step.to_string(),
                r.order.0,
                r.text,
                r.channel.map(|c| c.to_string()),
                r.expected,
                r.experienced,
                r.severity,
                r.impact,
                r.effort,
                r.votes,
                r.image,
                r.measure_key
            ])?;
            write_ids(
                tx,
                "card_answers",
                "opportunity",
                "pain_point",
                r.id,
                &r.answers,
            )?;
        }
        Record::EmotionPoint(r) => {
            tx.prepare_cached(
                "INSERT INTO emotion_points (id, persona, step, value, label) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET persona = ?2, step = ?3, value = ?4, label = ?5",
            )?
            .execute(params![r.id.to_string(), r.persona.to_string(), r.step.to_string(), r.value, r.label])?;
        }
        Record::MomentOfTruth(r) => {
            let (step, card) = match r.target {
                MomentTarget::Step(s) => (Some(s.to_string()), None),
                MomentTarget::Card(c) => (None, Some(c.to_string())),
            };
            tx.prepare_cached(
                "INSERT INTO moments_of_truth (id, step, card, title, why) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET step = ?2, card = ?3, title = ?4, why = ?5",
            )?
            .execute(params![r.id.to_string(), step, card, r.title, r.why])?;
        }
        Record::Participant(r) => {
            tx.prepare_cached(
                "INSERT INTO participants (id, name, colour, dots, sort) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET name = ?2, colour = ?3, dots = ?4, sort = ?5",
            )?
            .execute(params![r.id.to_string(), r.name, r.colour, r.dots, r.order.0])?;
        }
        Record::Dot(r) => {
            tx.prepare_cached(
                "INSERT INTO dots (id, card, participant) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET card = ?2, participant = ?3",
            )?
            .execute(params![
                r.id.to_string(),
                r.card.to_string(),
                r.participant.to_string()
            ])?;
        }
        Record::SurveyImport(r) => {
            tx.prepare_cached(
                "INSERT INTO survey_imports (id, journey, hash, file_name, imported, rows, skipped, duplicates)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (id) DO UPDATE SET journey = ?2, hash = ?3, file_name = ?4, imported = ?5,
                     rows = ?6, skipped = ?7, duplicates = ?8",
            )?
            .execute(params![
                r.id.to_string(),
                r.journey.to_string(),
                r.hash,
                r.file_name,
                r.imported,
                r.rows,
                r.skipped,
                r.duplicates
            ])?;
        }
        Record::Measurement(r) => {
            tx.prepare_cached(
                "INSERT INTO measurements (id, card, month, rows, satisfaction, expectation, effort, recommend, with_overall)
                 VALUES (?1, ?2, ?3, ?9, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (id) DO UPDATE SET card = ?2, month = ?3, satisfaction = ?4, expectation = ?5,
                     effort = ?6, recommend = ?7, with_overall = ?8, rows = ?9",
            )?
            .execute(params![
                r.id.to_string(),
                r.card.to_string(),
                r.month,
                counts(&r.satisfaction),
                counts(&r.expectation),
                counts(&r.effort),
                counts(&r.recommend),
                counts(&r.with_overall),
                r.rows
            ])?;
        }
        Record::Submission(r) => {
            tx.prepare_cached(
                "INSERT INTO submissions (id, lane, step, text, author, state, card, sort)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (id) DO UPDATE SET lane = ?2, step = ?3, text = ?4, author = ?5,
                 state = ?6, card = ?7, sort = ?8",
            )?
            .execute(params![
                r.id.to_string(),
                r.lane.to_string(),
                r.step.to_string(),
                r.text,
                r.author.map(|a| a.to_string()),
                text(&r.state),
                r.card.map(|c| c.to_string()),
                r.order.0
            ])?;
        }
        Record::Rating(r) => {
            tx.prepare_cached(
                "INSERT INTO ratings (id, step, participant, value) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET step = ?2, participant = ?3, value = ?4",
            )?
            .execute(params![
                r.id.to_string(),
                r.step.to_string(),
                r.participant.map(|p| p.to_string()),
                r.value
            ])?;
        }
        Record::Image(r) => {
            // Images are content-addressed: the same hash is the same bytes, so an existing row stays.
            tx.prepare_cached(
                "INSERT INTO images (hash, mime, width, height, data) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (hash) DO NOTHING",
            )?
            .execute(params![r.hash, r.mime.as_str(), r.width, r.height, r.data])?;
        }
    }
    Ok(())
}

pub fn delete(tx: &Transaction, key: &RecordKey) -> Sql<()> {
    let kind = key.kind();
    // The project's own row is never deleted: a file always has one.
    let Some(table) = kind.list() else {
        return Ok(());
    };
    tx.prepare_cached(&format!(
        "DELETE FROM {table} WHERE {} = ?1",
        kind.key_field()
    ))?
    .execute([key.id_text()])?;
    Ok(())
}

pub fn set_modified(tx: &Transaction, modified: &str) -> Sql<()> {
    tx.prepare_cached("UPDATE project SET modified = ?1")?
        .execute([modified])?;
    Ok(())
}

/// Ids of a child table grouped by owner, in position order.
fn id_lists(conn: &Connection, sql: &str) -> Sql<std::collections::HashMap<Id, Vec<Id>>> {
    let mut lists: std::collections::HashMap<Id, Vec<Id>> = Default::default();
    let mut statement = conn.prepare(sql)?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        lists.entry(id(row, 0)?).or_default().push(id(row, 1)?);
    }
    Ok(lists)
}

fn has_table(conn: &Connection, name: &str) -> Sql<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
        [name],
        |r| r.get(0),
    )
}

fn has_column(conn: &Connection, table: &str, column: &str) -> Sql<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2)",
        [table, column],
        |r| r.get(0),
    )
}

fn all<T>(conn: &Connection, sql: &str, map: impl FnMut(&Row) -> Sql<T>) -> Sql<Vec<T>> {
    conn.prepare(sql)?.query_map([], map)?.collect()
}

/// Reads the whole project. Columns are named, so a newer schema that only adds columns still loads.
pub fn load(conn: &Connection) -> Sql<Project> {
    let (info, modified) = conn
        .query_row(
            "SELECT id, name, locale, created, modified FROM project",
            [],
            |row| {
                Ok((
                    ProjectInfo {
                        id: id(row, 0)?,
                        name: row.get(1)?,
                        locale: row.get(2)?,
                        created: row.get(3)?,
                    },
                    row.get::<_, String>(4)?,
                ))
            },
        )
        .optional()?
        .ok_or(rusqlite::Error::QueryReturnedNoRows)?;

    let persona_channels = id_lists(
        conn,
        "SELECT persona, channel FROM persona_channels ORDER BY persona, position",
    )?;
    let journey_personas = id_lists(
        conn,
        "SELECT journey, persona FROM journey_personas ORDER BY journey, position",
    )?;
    let card_answers = id_lists(
        conn,
        "SELECT opportunity, pain_point FROM card_answers ORDER BY opportunity, position",
    )?;

    let channels = all(conn, "SELECT id, name, icon, sort FROM channels", |row| {
        Ok(Channel {
            id: id(row, 0)?,
            name: row.get(1)?,
            icon: parse(2, &row.get::<_, String>(2)?)?,
            order: order_key(row, 3)?,
        })
    })?;
    let personas = all(
        conn,
        "SELECT id, name, role, quote, photo, goals, frustrations, needs, rational_mindset, emotional_mindset,
                colour, sort FROM personas",
        |row| {
            let persona = id(row, 0)?;
            Ok(Persona {
                id: persona,
                name: row.get(1)?,
                role: row.get(2)?,
                quote: row.get(3)?,
                photo: row.get(4)?,
                goals: list(5, &row.get::<_, String>(5)?)?,
                frustrations: list(6, &row.get::<_, String>(6)?)?,
                needs: list(7, &row.get::<_, String>(7)?)?,
                rational_mindset: row.get(8)?,
                emotional_mindset: row.get(9)?,
                channels: persona_channels.get(&persona).cloned().unwrap_or_default(),
                colour: row.get(10)?,
                order: order_key(row, 11)?,
            })
        },
    )?;
    let journeys = all(
        conn,
        "SELECT id, name, primary_persona, state, redesigns, scale_min, scale_max, min_label, max_label, sort
         FROM journeys",
        |row| {
            let journey = id(row, 0)?;
            Ok(Journey {
                id: journey,
                name: row.get(1)?,
                primary_persona: opt_id(row, 2)?,
                other_personas: journey_personas.get(&journey).cloned().unwrap_or_default(),
                state: parse(3, &row.get::<_, String>(3)?)?,
                redesigns: opt_id(row, 4)?,
                scale: EmotionScale { min: row.get(5)?, max: row.get(6)?, min_label: row.get(7)?, max_label: row.get(8)? },
                order: order_key(row, 9)?,
            })
        },
    )?;
    let stages = all(
        conn,
        "SELECT id, journey, name, colour, sort FROM stages",
        |row| {
            Ok(Stage {
                id: id(row, 0)?,
                journey: id(row, 1)?,
                name: row.get(2)?,
                colour: row.get(3)?,
                order: order_key(row, 4)?,
            })
        },
    )?;
    let steps = all(conn, "SELECT id, stage, title, sort FROM steps", |row| {
        Ok(Step {
            id: id(row, 0)?,
            stage: id(row, 1)?,
            title: row.get(2)?,
            order: order_key(row, 3)?,
        })
    })?;
    let lanes = all(
        conn,
        "SELECT id, journey, kind, title, sort FROM lanes",
        |row| {
            let kind: String = row.get(2)?;
            Ok(Lane {
                id: id(row, 0)?,
                journey: id(row, 1)?,
                kind: LaneKind::from_key(&kind).ok_or_else(|| bad_column(2, std::fmt::Error))?,
                title: row.get(3)?,
                order: order_key(row, 4)?,
            })
        },
    )?;
    // Schema 4 added the measuring key; a file read without migration has none.
    let measure_key = if has_column(conn, "cards", "measure_key")? {
        "measure_key"
    } else {
        "NULL"
    };
    let cards = all(
        conn,
        &format!(
            "SELECT id, lane, step, sort, text, channel, expected, experienced, severity, impact, effort, votes, image, {measure_key}
             FROM cards"
        ),
        |row| {
            let card = id(row, 0)?;
            Ok(Card {
                id: card,
                lane: id(row, 1)?,
                step: id(row, 2)?,
                order: order_key(row, 3)?,
                text: row.get(4)?,
                channel: opt_id(row, 5)?,
                expected: row.get(6)?,
                experienced: row.get(7)?,
                severity: row.get(8)?,
                impact: row.get(9)?,
                effort: row.get(10)?,
                votes: row.get(11)?,
                answers: card_answers.get(&card).cloned().unwrap_or_default(),
                image: row.get(12)?,
                measure_key: row.get(13)?,
            })
        },
    )?;
    let emotion_points = all(
        conn,
        "SELECT id, persona, step, value, label FROM emotion_points",
        |row| {
            Ok(EmotionPoint {
                id: id(row, 0)?,
                persona: id(row, 1)?,
                step: id(row, 2)?,
                value: row.get(3)?,
                label: row.get(4)?,
            })
        },
    )?;
    let moments_of_truth = all(
        conn,
        "SELECT id, step, card, title, why FROM moments_of_truth",
        |row| {
            let target = match (opt_id(row, 1)?, opt_id(row, 2)?) {
                (Some(step), _) => MomentTarget::Step(step),
                (None, Some(card)) => MomentTarget::Card(card),
                (None, None) => return Err(bad_column(1, std::fmt::Error)),
            };
            Ok(MomentOfTruth {
                id: id(row, 0)?,
                target,
                title: row.get(3)?,
                why: row.get(4)?,
            })
        },
    )?;
    // Schema 3 tables; a file read without migration (schema 1 or 2) has none yet.
    let (participants, dots) = if has_table(conn, "participants")? {
        let participants = all(
            conn,
            "SELECT id, name, colour, dots, sort FROM participants",
            |row| {
                Ok(Participant {
                    id: id(row, 0)?,
                    name: row.get(1)?,
                    colour: row.get(2)?,
                    dots: row.get(3)?,
                    order: order_key(row, 4)?,
                })
            },
        )?;
        let dots = all(conn, "SELECT id, card, participant FROM dots", |row| {
            Ok(Dot {
                id: id(row, 0)?,
                card: id(row, 1)?,
                participant: id(row, 2)?,
            })
        })?;
        (participants, dots)
    } else {
        (vec![], vec![])
    };
    let (measurements, survey_imports) = if has_table(conn, "measurements")? {
        let measurements = all(
            conn,
            "SELECT id, card, month, satisfaction, expectation, effort, recommend, with_overall, rows FROM measurements",
            |row| {
                Ok(Measurement {
                    id: id(row, 0)?,
                    card: id(row, 1)?,
                    month: row.get(2)?,
                    satisfaction: list(3, &row.get::<_, String>(3)?)?,
                    expectation: list(4, &row.get::<_, String>(4)?)?,
                    effort: list(5, &row.get::<_, String>(5)?)?,
                    recommend: list(6, &row.get::<_, String>(6)?)?,
                    with_overall: list(7, &row.get::<_, String>(7)?)?,
                    rows: row.get(8)?,
                })
            },
        )?;
        let survey_imports = all(
            conn,
            "SELECT id, journey, hash, file_name, imported, rows, skipped, duplicates FROM survey_imports",
            |row| {
                Ok(SurveyImport {
                    id: id(row, 0)?,
                    journey: id(row, 1)?,
                    hash: row.get(2)?,
                    file_name: row.get(3)?,
                    imported: row.get(4)?,
                    rows: row.get(5)?,
                    skipped: row.get(6)?,
                    duplicates: row.get(7)?,
                })
            },
        )?;
        (measurements, survey_imports)
    } else {
        (vec![], vec![])
    };
    // Schema 6 tables; a file read without migration (schema 1 to 5) has none yet.
    let (submissions, ratings) = if has_table(conn, "submissions")? {
        let submissions = all(
            conn,
            "SELECT id, lane, step, text, author, state, card, sort FROM submissions",
            |row| {
                let state: String = row.get(5)?;
                Ok(Submission {
                    id: id(row, 0)?,
                    lane: id(row, 1)?,
                    step: id(row, 2)?,
                    text: row.get(3)?,
                    author: opt_id(row, 4)?,
                    state: parse(5, &state)?,
                    card: opt_id(row, 6)?,
                    order: order_key(row, 7)?,
                })
            },
        )?;
        let ratings = all(
            conn,
            "SELECT id, step, participant, value FROM ratings",
            |row| {
                Ok(Rating {
                    id: id(row, 0)?,
                    step: id(row, 1)?,
                    participant: opt_id(row, 2)?,
                    value: row.get(3)?,
                })
            },
        )?;
        (submissions, ratings)
    } else {
        (vec![], vec![])
    };
    let images = all(
        conn,
        "SELECT hash, mime, width, height, data FROM images",
        |row| {
            let mime: String = row.get(1)?;
            Ok(Image {
                hash: row.get(0)?,
                mime: ImageMime::from_str(&mime).ok_or_else(|| bad_column(1, std::fmt::Error))?,
                width: row.get(2)?,
                height: row.get(3)?,
                data: row.get(4)?,
            })
        },
    )?;

    let mut project = Project {
        info,
        modified,
        channels,
        personas,
        journeys,
        stages,
        steps,
        lanes,
        cards,
        emotion_points,
        moments_of_truth,
        participants,
        dots,
        measurements,
        survey_imports,
        submissions,
        ratings,
        images,
    };
    project.canonicalize();
    Ok(project)
}

/// Writes a whole project into empty tables, each kind after those its records refer to.
pub fn insert_all(tx: &Transaction, project: &Project) -> Sql<()> {
    upsert(tx, &Record::Project(project.info.clone()))?;
    set_modified(tx, &project.modified)?;
    let mut records: Vec<Record> = project.records().skip(1).collect();
    records.sort_by_key(|r| r.kind().rank());
    for record in records {
        upsert(tx, &record)?;
    }
    Ok(())
}

/// The `response` id hashes each import counted, by import (see migrations/004).
pub fn response_ids(conn: &Connection) -> Sql<Vec<(Id, Vec<u8>)>> {
    if !has_table(conn, "survey_responses")? {
        return Ok(vec![]);
    }
    all(conn, "SELECT import, ids FROM survey_responses", |row| {
        Ok((id(row, 0)?, row.get(1)?))
    })
}

pub fn write_response_ids(tx: &Transaction, import: Id, ids: &[u8]) -> Sql<()> {
    tx.prepare_cached(
        "INSERT INTO survey_responses (import, ids) VALUES (?1, ?2)
         ON CONFLICT (import) DO UPDATE SET ids = ?2",
    )?
    .execute(params![import.to_string(), ids])?;
    Ok(())
}
