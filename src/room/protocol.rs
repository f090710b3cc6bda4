//! What a phone and the room say to each other over the WebSocket, typed once. The phone page
//! (src/room/page/phone.js) speaks the same JSON; `parse` is the only way a phone's bytes become a
//! message, and it never panics (a property test feeds it arbitrary text).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{EmotionScale, Id, LaneKind};
use crate::ratings::RatingSpread;

/// The largest request body or WebSocket message the room accepts, in bytes.
pub const MAX_MESSAGE_BYTES: usize = 16 * 1024;
/// The most participants one room lets in.
pub const MAX_PARTICIPANTS: usize = 200;
/// The most cards one participant may send.
pub const MAX_CARDS_EACH: usize = 50;
/// The longest display name a participant may give, in characters.
pub const MAX_NAME_CHARS: usize = 40;

/// The stage of the workshop the facilitator has the room in; phones show what it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Participants add cards to the inbox.
    Capture,
    /// Blind dot voting on opportunities: nobody sees totals.
    Vote,
    /// Participants rate how each step feels.
    Rate,
    /// Totals of votes and ratings are shown on the projector and the phones.
    Reveal,
}

/// A message from a phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum PhoneMessage {
    /// The first message on a connection: who this phone is (the secret `POST /join` gave it).
    Hello { secret: String },
    /// A card for the inbox. The id is made on the phone, so sending it again is harmless.
    Card {
        id: Id,
        lane: Id,
        step: Id,
        text: String,
    },
    /// Places one dot on an opportunity.
    Dot { card: Id },
    /// Takes one of this participant's dots back from an opportunity.
    Undot { card: Id },
    /// How the step feels, on the journey's scale; a new rating replaces the earlier one.
    Rate { step: Id, value: i32 },
}

/// What `POST /join` takes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JoinRequest {
    pub token: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// What `POST /join` answers: the participant's own secret, kept by the phone to resume.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Joined {
    pub participant: Id,
    pub name: String,
    pub secret: String,
}

/// Why the room refused something a phone sent. The phone shows it in its own language by code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Refusal {
    Malformed,
    TooLarge,
    RateLimited,
    BadToken,
    BadSecret,
    Kicked,
    RoomFull,
    NotNow,
    UnknownStep,
    UnknownLane,
    UnknownCard,
    EmptyText,
    TextTooLong,
    TooManyCards,
    AllowanceUsed,
    CardFull,
    NoDotThere,
    OutOfScale,
    NotSaved,
}

impl Refusal {
    /// In English, for logs and for a phone without words of its own for the code.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::Malformed => "the message is not one the room understands",
            Refusal::TooLarge => "the message is over 16 KB",
            Refusal::RateLimited => "too many messages at once; wait a moment",
            Refusal::BadToken => "this join link is not the room's (or the room was closed)",
            Refusal::BadSecret => "this phone is not in the room; join again with the link",
            Refusal::Kicked => "the facilitator removed this phone from the room",
            Refusal::RoomFull => "the room is full",
            Refusal::NotNow => "the room is not in the phase for that",
            Refusal::UnknownStep => "there is no such step",
            Refusal::UnknownLane => "that lane is not open for cards",
            Refusal::UnknownCard => "there is no such opportunity",
            Refusal::EmptyText => "the card is empty",
            Refusal::TextTooLong => "the card has over 500 characters",
            Refusal::TooManyCards => "you have sent 50 cards, the most one person may",
            Refusal::AllowanceUsed => "all your dots are placed",
            Refusal::CardFull => "this opportunity has as many of your dots as it may",
            Refusal::NoDotThere => "you have no dot on this opportunity",
            Refusal::OutOfScale => "the rating is outside the journey's scale",
            Refusal::NotSaved => "the project file could not be written; try again",
        }
    }
}

/// The journey as a phone needs it: where cards may go, what can be voted on, the scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Board {
    pub journey: String,
    pub steps: Vec<BoardStep>,
    /// The lanes the facilitator opened for cards.
    pub lanes: Vec<BoardLane>,
    pub scale: EmotionScale,
    /// The journey's opportunity cards, to vote on.
    pub opportunities: Vec<Opportunity>,
    /// Dots each participant may place.
    pub allowance: u32,
    /// The most dots one participant may place on one opportunity.
    pub cap: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BoardStep {
    pub id: Id,
    pub title: String,
    pub stage: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BoardLane {
    pub id: Id,
    pub title: String,
    pub kind: LaneKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Opportunity {
    pub id: Id,
    pub step: Id,
    pub text: String,
}

/// A count of dots on one opportunity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DotCount {
    pub card: Id,
    pub dots: u32,
}

/// One participant's rating of one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StepValue {
    pub step: Id,
    pub value: i32,
}

/// What a phone already gave, so a reload shows it and the offline queue knows what arrived.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Mine {
    pub cards: Vec<Id>,
    pub dots: Vec<DotCount>,
    pub ratings: Vec<StepValue>,
}

/// Everyone's votes and ratings: sent only in the Reveal phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Totals {
    pub votes: Vec<DotCount>,
    pub ratings: Vec<RatingSpread>,
}

/// A message to a phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum RoomMessage {
    /// The answer to `hello`: everything the phone shows.
    Welcome {
        participant: Id,
        name: String,
        code: String,
        phase: Phase,
        board: Board,
        mine: Mine,
        /// Present only in the Reveal phase.
        totals: Option<Totals>,
    },
    /// The facilitator moved the room on (the board may have changed with it).
    Phase {
        phase: Phase,
        board: Board,
        totals: Option<Totals>,
    },
    /// A card is in the inbox (also the answer to a resend of it).
    Accepted { id: Id },
    /// This participant's dots after a dot or undot.
    Dots { placed: Vec<DotCount>, left: u32 },
    /// A rating was stored.
    Rated { step: Id, value: i32 },
    /// Something the phone sent was refused; `about` names the card or step when there is one.
    Refused {
        code: Refusal,
        message: String,
        about: Option<Id>,
    },
    /// The facilitator removed this phone; its secret no longer works.
    Kicked,
    /// The room was closed; the link and every secret are dead.
    Closed,
}

impl RoomMessage {
    pub fn refused(code: Refusal, about: Option<Id>) -> RoomMessage {
        RoomMessage::Refused {
            code,
            message: code.message().to_string(),
            about,
        }
    }

    pub fn to_json(&self) -> String {
        // Every field is a plain value: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Reads one message from a phone: within the size limit, well-formed, and with a card's text
/// inside its bounds. Anything else is a refusal the phone is told about; never a panic.
pub fn parse(text: &str) -> Result<PhoneMessage, Refusal> {
    if text.len() > MAX_MESSAGE_BYTES {
        return Err(Refusal::TooLarge);
    }
    let message: PhoneMessage = serde_json::from_str(text).map_err(|_| Refusal::Malformed)?;
    if let PhoneMessage::Card { text, .. } = &message {
        if text.trim().is_empty() {
            return Err(Refusal::EmptyText);
        }
        if text.chars().count() > crate::model::Submission::MAX_CHARS {
            return Err(Refusal::TextTooLong);
        }
    }
    Ok(message)
}

/// A display name as the room keeps it: trimmed, control characters dropped, at most
/// `MAX_NAME_CHARS`; none when nothing is left.
pub fn clean_name(name: &str) -> Option<String> {
    let cleaned: String = name
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .chars()
        .take(MAX_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim().to_string();
    (!cleaned.is_empty()).then_some(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_card_message_reads_and_bad_ones_are_refused_by_reason() {
        let id = uuid::Uuid::new_v4();
        let card = format!(
            r#"{{"type":"card","id":"{id}","lane":"{id}","step":"{id}","text":"Queue too long"}}"#
        );
        assert!(
            matches!(parse(&card), Ok(PhoneMessage::Card { text, .. }) if text == "Queue too long")
        );
        let empty = card.replace("Queue too long", "  ");
        assert_eq!(parse(&empty), Err(Refusal::EmptyText));
        let long = card.replace("Queue too long", &"é".repeat(501));
        assert_eq!(parse(&long), Err(Refusal::TextTooLong));
        let extra = card.replace(r#""type""#, r#""admin":true,"type""#);
        assert_eq!(parse(&extra), Err(Refusal::Malformed));
        assert_eq!(
            parse(&"x".repeat(MAX_MESSAGE_BYTES + 1)),
            Err(Refusal::TooLarge)
        );
        assert_eq!(
            parse(r#"{"type":"rate","step":"nope","value":1}"#),
            Err(Refusal::Malformed)
        );
    }

    #[test]
    fn names_are_trimmed_bounded_and_lose_control_characters() {
        assert_eq!(clean_name("  Ana\u{0}\n "), Some("Ana".to_string()));
        assert_eq!(clean_name(" \t "), None);
        assert_eq!(
            clean_name(&"Ż".repeat(100)).map(|n| n.chars().count()),
            Some(MAX_NAME_CHARS)
        );
    }

    fn message_like() -> impl Strategy<Value = String> {
        let kinds = prop_oneof![
            Just("hello"),
            Just("card"),
            Just("dot"),
            Just("undot"),
            Just("rate"),
            Just("x")
        ];
        let value = prop_oneof![
            Just("\"0b1c2d3e-0000-4000-8000-000000000001\"".to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
            ".{0,40}".prop_map(|s| serde_json::to_string(&s).unwrap()),
            Just("null".to_string()),
            Just("[]".to_string()),
            Just("{}".to_string()),
        ];
        let field = prop_oneof![
            Just("id"),
            Just("lane"),
            Just("step"),
            Just("text"),
            Just("card"),
            Just("value"),
            Just("secret"),
        ];
        (kinds, prop::collection::vec((field, value), 0..6)).prop_map(|(kind, fields)| {
            let mut text = format!("{{\"type\":\"{kind}\"");
            for (name, value) in fields {
                text += &format!(",\"{name}\":{value}");
            }
            text + "}"
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_parser_never_panics_on_any_text(text in any::<String>()) {
            let _ = parse(&text);
        }

        #[test]
        fn the_parser_never_panics_on_near_messages(text in message_like()) {
            // Whatever it answers, a refusal has words for the phone.
            if let Err(refusal) = parse(&text) {
                prop_assert!(!refusal.message().is_empty());
            }
        }

        #[test]
        fn the_parser_never_panics_on_cut_or_flipped_messages(
            cut in 0usize..120,
            flip in 0usize..120,
            byte in any::<u8>(),
        ) {
            let good = r#"{"type":"card","id":"0b1c2d3e-0000-4000-8000-000000000001","lane":"0b1c2d3e-0000-4000-8000-000000000001","step":"0b1c2d3e-0000-4000-8000-000000000001","text":"x"}"#;
            let mut bytes = good.as_bytes().to_vec();
            bytes.truncate(cut.min(bytes.len()));
            if let Some(b) = bytes.get_mut(flip) {
                *b = byte;
            }
            let _ = parse(&String::from_utf8_lossy(&bytes));
        }
    }
}
