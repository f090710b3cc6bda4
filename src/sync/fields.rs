//! How a record splits into the values the engine keeps: its placement (parent ids and order
//! key) as one value, a card's text as the engine's text, an image's bytes as binary, and every
//! other field as its own last-writer-wins value. The split is read from the record's own JSON
//! form, so a field added to a kind travels without a change here.

use serde_json::{Map, Value};

use crate::record::{Record, RecordKind};

/// The fields that place a record: written and merged as one value, so two concurrent moves
/// never leave a card half in one cell and half in another.
pub fn placement_fields(kind: RecordKind) -> &'static [&'static str] {
    match kind {
        RecordKind::Project | RecordKind::Image => &[],
        RecordKind::Channel
        | RecordKind::Persona
        | RecordKind::Journey
        | RecordKind::Participant => &["order"],
        RecordKind::Stage | RecordKind::Lane => &["journey", "order"],
        RecordKind::SurveyImport => &["journey"],
        RecordKind::Measurement => &["card"],
        RecordKind::Step => &["stage", "order"],
        RecordKind::Card => &["lane", "step", "order"],
        RecordKind::EmotionPoint => &["persona", "step"],
        RecordKind::MomentOfTruth => &["target"],
        RecordKind::Dot => &["card", "participant"],
        RecordKind::Submission => &["lane", "step", "order"],
        RecordKind::Rating => &["step"],
    }
}

/// A card's text merges character by character; other texts are short names, last writer wins.
pub fn is_text(kind: RecordKind, field: &str) -> bool {
    kind == RecordKind::Card && field == "text"
}

/// An image's bytes (base64 in JSON) are kept as binary: a third smaller, and never edited.
pub fn is_binary(kind: RecordKind, field: &str) -> bool {
    kind == RecordKind::Image && field == "data"
}

/// A record as the engine keeps it.
pub struct Split {
    pub placement: Option<String>,
    /// Field name → the field's JSON text (last-writer-wins values).
    pub values: Vec<(String, String)>,
    pub text: Option<String>,
    pub binary: Option<(String, Vec<u8>)>,
}

pub fn split(record: &Record) -> Split {
    let kind = record.kind();
    let Ok(Value::Object(tagged)) = serde_json::to_value(record) else {
        unreachable!("a record serialises to an object")
    };
    let Some(Value::Object(fields)) = tagged.get("record").cloned() else {
        unreachable!("a record's content is an object")
    };
    let place = placement_fields(kind);
    let mut placement = Map::new();
    let mut split = Split {
        placement: None,
        values: Vec::new(),
        text: None,
        binary: None,
    };
    for (name, value) in fields {
        if place.contains(&name.as_str()) {
            placement.insert(name, value);
        } else if is_text(kind, &name) {
            split.text = Some(value.as_str().unwrap_or_default().to_string());
        } else if is_binary(kind, &name) {
            let bytes = match record {
                Record::Image(image) => image.data.clone(),
                _ => Vec::new(),
            };
            split.binary = Some((name, bytes));
        } else {
            split.values.push((name, value.to_string()));
        }
    }
    if !place.is_empty() {
        split.placement = Some(Value::Object(placement).to_string());
    }
    split
}

/// Puts a record back together from what the engine keeps; `None` when the parts do not make a
/// record of this kind (a value written by another build's format).
pub fn join(kind: RecordKind, split: Split) -> Option<Record> {
    let mut fields = Map::new();
    if let Some(placement) = split.placement {
        let Ok(Value::Object(placed)) = serde_json::from_str(&placement) else {
            return None;
        };
        fields.extend(placed);
    }
    for (name, text) in split.values {
        fields.insert(name, serde_json::from_str(&text).ok()?);
    }
    if let Some(text) = split.text {
        fields.insert("text".into(), Value::String(text));
    }
    if let Some((name, bytes)) = split.binary {
        use base64::Engine;
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        fields.insert(name, Value::String(encoded));
    }
    let tag = serde_json::to_value(kind).ok()?;
    let mut tagged = Map::new();
    tagged.insert("kind".into(), tag);
    tagged.insert("record".into(), Value::Object(fields));
    serde_json::from_value(Value::Object(tagged)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_of_the_sample_survives_the_split() {
        let mut project = crate::sample::generate(crate::sample::Size {
            stages: 2,
            steps_per_stage: 2,
            lanes: 11,
            cards: 40,
            personas: 2,
        });
        project.images.push(crate::model::Image {
            hash: crate::model::Image::hash_of(b"bytes"),
            mime: crate::model::ImageMime::Png,
            width: 1,
            height: 1,
            data: b"bytes".to_vec(),
        });
        for record in project.records() {
            let kind = record.kind();
            let parts = split(&record);
            assert_eq!(
                parts.placement.is_some(),
                !placement_fields(kind).is_empty()
            );
            assert_eq!(join(kind, parts), Some(record));
        }
    }
}
