//! The journey-map document: plain records with stable ids, nothing about storage or display.
//!
//! A `Project` is one `.waymark` file. Every record has a UUID; records that users order
//! (stages, steps, lanes, cards, personas, journeys, channels) carry a fractional `OrderKey`
//! so a reorder rewrites one record.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use uuid::Uuid;

pub use crate::order::OrderKey;

pub type Id = Uuid;

/// Content hash (SHA-256, lower-case hex) of an image's bytes; images are shared by hash.
pub type ImageHash = String;

/// A colour as `#rrggbb`.
pub type Colour = String;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub info: ProjectInfo,
    /// RFC 3339; set by the store on every change. Not part of any record, so undoing an
    /// edit never conflicts with the timestamp it caused.
    pub modified: String,
    pub channels: Vec<Channel>,
    pub personas: Vec<Persona>,
    pub journeys: Vec<Journey>,
    pub stages: Vec<Stage>,
    pub steps: Vec<Step>,
    pub lanes: Vec<Lane>,
    pub cards: Vec<Card>,
    pub emotion_points: Vec<EmotionPoint>,
    pub moments_of_truth: Vec<MomentOfTruth>,
    /// Workshop participants who vote with dots (schema 3; absent from older JSON).
    #[serde(default)]
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub dots: Vec<Dot>,
    /// Survey results per touchpoint (schema 4; absent from older JSON).
    #[serde(default)]
    pub measurements: Vec<Measurement>,
    #[serde(default)]
    pub survey_imports: Vec<SurveyImport>,
    /// Cards sent from phones in a workshop room (schema 6; absent from older JSON).
    #[serde(default)]
    pub submissions: Vec<Submission>,
    /// How workshop participants felt about steps (schema 6; absent from older JSON).
    #[serde(default)]
    pub ratings: Vec<Rating>,
    pub images: Vec<Image>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct ProjectInfo {
    pub id: Id,
    pub name: String,
    /// BCP 47 tag of the content's language, e.g. `de-DE`.
    pub locale: String,
    /// RFC 3339.
    pub created: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub id: Id,
    pub name: String,
    /// Key of an icon in the shipped icon set (see `ChannelIcon`).
    pub icon: ChannelIcon,
    pub order: OrderKey,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ChannelIcon {
    CallCentre,
    Store,
    Website,
    App,
    Social,
    Email,
    Ads,
    Post,
    Chat,
    VendingMachine,
    Phone,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub id: Id,
    pub name: String,
    pub role: String,
    pub quote: String,
    pub photo: Option<ImageHash>,
    pub goals: Vec<String>,
    pub frustrations: Vec<String>,
    pub needs: Vec<String>,
    pub rational_mindset: String,
    pub emotional_mindset: String,
    /// Channels this persona uses, by id.
    pub channels: Vec<Id>,
    pub colour: Colour,
    pub order: OrderKey,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "kebab-case")]
pub enum JourneyState {
    Current,
    Future,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct EmotionScale {
    pub min: i32,
    pub max: i32,
    pub min_label: String,
    pub max_label: String,
}

impl Default for EmotionScale {
    fn default() -> Self {
        EmotionScale::in_language("en")
    }
}

impl EmotionScale {
    /// −5 … +5 with its ends named in `language` ("en", "de", "pl"; others get English), as the
    /// app names the scale of a journey it adds.
    pub fn in_language(language: &str) -> EmotionScale {
        let (min_label, max_label) = match language {
            "de" => ("Frustriert", "Begeistert"),
            "pl" => ("Sfrustrowany", "Zachwycony"),
            _ => ("Frustrated", "Delighted"),
        };
        EmotionScale {
            min: -5,
            max: 5,
            min_label: min_label.into(),
            max_label: max_label.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Journey {
    pub id: Id,
    pub name: String,
    pub primary_persona: Option<Id>,
    /// Further personas whose curves are shown, in display order.
    pub other_personas: Vec<Id>,
    pub state: JourneyState,
    /// For a future-state journey: the current-state journey it redesigns.
    pub redesigns: Option<Id>,
    pub scale: EmotionScale,
    pub order: OrderKey,
}

impl Journey {
    /// A current-state journey with no personas yet and the default scale.
    pub fn current(name: &str) -> Journey {
        Journey {
            id: Uuid::new_v4(),
            name: name.to_string(),
            primary_persona: None,
            other_personas: vec![],
            state: JourneyState::Current,
            redesigns: None,
            scale: EmotionScale::default(),
            order: OrderKey::first(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: Id,
    pub journey: Id,
    pub name: String,
    pub colour: Colour,
    pub order: OrderKey,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: Id,
    pub stage: Id,
    pub title: String,
    pub order: OrderKey,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "kebab-case")]
pub enum LaneKind {
    Actions,
    Thoughts,
    Feelings,
    Touchpoints,
    PainPoints,
    Delights,
    Opportunities,
    Backstage,
    Kpis,
    Images,
    Notes,
}

impl LaneKind {
    pub const ALL: [LaneKind; 11] = [
        LaneKind::Actions,
        LaneKind::Thoughts,
        LaneKind::Feelings,
        LaneKind::Touchpoints,
        LaneKind::PainPoints,
        LaneKind::Delights,
        LaneKind::Opportunities,
        LaneKind::Backstage,
        LaneKind::Kpis,
        LaneKind::Images,
        LaneKind::Notes,
    ];

    /// The kebab-case name used in files and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            LaneKind::Actions => "actions",
            LaneKind::Thoughts => "thoughts",
            LaneKind::Feelings => "feelings",
            LaneKind::Touchpoints => "touchpoints",
            LaneKind::PainPoints => "pain-points",
            LaneKind::Delights => "delights",
            LaneKind::Opportunities => "opportunities",
            LaneKind::Backstage => "backstage",
            LaneKind::Kpis => "kpis",
            LaneKind::Images => "images",
            LaneKind::Notes => "notes",
        }
    }

    pub fn from_key(key: &str) -> Option<LaneKind> {
        LaneKind::ALL.into_iter().find(|kind| kind.key() == key)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    pub id: Id,
    pub journey: Id,
    pub kind: LaneKind,
    pub title: String,
    pub order: OrderKey,
}

/// A card in one lane × step cell. The optional fields are those its lane kind uses;
/// `validate` rejects a field that the lane kind does not have.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: Id,
    pub lane: Id,
    pub step: Id,
    pub order: OrderKey,
    pub text: String,
    /// Touchpoints: the channel used.
    pub channel: Option<Id>,
    /// Touchpoints: quality the customer expected and experienced, 1–5.
    pub expected: Option<u8>,
    pub experienced: Option<u8>,
    /// Pain points and delights: 1–5.
    pub severity: Option<u8>,
    /// Opportunities: 1–5 each.
    pub impact: Option<u8>,
    pub effort: Option<u8>,
    /// Opportunities: votes counted elsewhere (e.g. dots on a paper wall). The card's total is
    /// these plus the `Dot` records on it (`Project::votes_on`).
    pub votes: u32,
    /// Opportunities: the pain-point cards this one answers.
    pub answers: Vec<Id>,
    /// Images lane: the storyline picture.
    pub image: Option<ImageHash>,
    /// Touchpoints: the short key survey responses name this touchpoint by (e.g. `TP-07`),
    /// unique within its journey. Left out of JSON when unset, so files written before
    /// touchpoints were measured keep their bytes and their history's origin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub measure_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct EmotionPoint {
    pub id: Id,
    pub persona: Id,
    pub step: Id,
    /// On the journey's scale (`EmotionScale::min..=max`).
    pub value: i32,
    pub label: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "id")]
pub enum MomentTarget {
    Step(Id),
    Card(Id),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct MomentOfTruth {
    pub id: Id,
    pub target: MomentTarget,
    pub title: String,
    pub why: String,
}

/// Someone who votes in a workshop, with a number of dots to place on opportunities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub id: Id,
    pub name: String,
    pub colour: Colour,
    /// How many dots this participant may place, at least 1.
    pub dots: u32,
    pub order: OrderKey,
}

/// One dot a participant placed on an opportunity card. A participant may stack several dots
/// on one card; each is its own record, so taking one back is one remove.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Dot {
    pub id: Id,
    pub card: Id,
    pub participant: Id,
}

/// Survey answers about one touchpoint card in one calendar month. Ratings are whole points on
/// short scales, so a count per point keeps everything the KPIs need (n, sums, sums of squares,
/// the CSAT and NPS shares) in a few numbers, however many answers came in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    pub id: Id,
    pub card: Id,
    /// `YYYY-MM`.
    pub month: String,
    /// Rows counted: each gave at least one rating.
    pub rows: u32,
    /// Answers per point: satisfaction 1–5, expectation 1–5, effort 1–7, recommend 0–10.
    pub satisfaction: Vec<u32>,
    pub expectation: Vec<u32>,
    pub effort: Vec<u32>,
    pub recommend: Vec<u32>,
    /// Answers that also have the respondent's overall satisfaction: 25 counts, five rows of
    /// this touchpoint's satisfaction 1–5, each with five columns of overall satisfaction 1–5.
    /// The driver importance (a rank correlation) is computed exactly from this table.
    pub with_overall: Vec<u32>,
}

/// One imported file of survey responses. Its measurements are folded into `Measurement`
/// records by the same change that adds it, so undoing the import takes them out again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct SurveyImport {
    pub id: Id,
    pub journey: Id,
    /// SHA-256 of the file's bytes, lower-case hex: the same file is refused a second time.
    pub hash: String,
    pub file_name: String,
    /// RFC 3339.
    pub imported: String,
    /// Rows whose answers were counted.
    pub rows: u32,
    /// Bad rows left out when the import was accepted anyway.
    pub skipped: u32,
    /// Rows whose `response` id had been imported before.
    pub duplicates: u32,
}

/// Where a submission stands in the room's inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SubmissionState {
    /// In the inbox, not on the map.
    Waiting,
    /// On the map as `card` (alone, or merged with other submissions into one card).
    Approved,
    /// Kept out of the map by the facilitator; still counted.
    Hidden,
}

/// A card a workshop participant sent from their phone. It waits in the room's inbox and reaches
/// the map only when the facilitator approves it, as a card of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Made on the phone, so a card sent twice (a lost reply, a reconnect) is one submission.
    pub id: Id,
    pub lane: Id,
    pub step: Id,
    pub text: String,
    /// The participant who sent it; none in an anonymous room or after "forget who said what".
    pub author: Option<Id>,
    pub state: SubmissionState,
    /// The card an approved submission became. A card removed later leaves its id here, so the
    /// inbox can still say the submission was taken.
    pub card: Option<Id>,
    /// Arrival order in the inbox.
    pub order: OrderKey,
}

impl Submission {
    /// The longest text a phone may send, in characters.
    pub const MAX_CHARS: usize = 500;
}

/// How one workshop participant felt at a step, on the journey's emotion scale. The map shows a
/// step's ratings as a band (median and spread) beside the persona curves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub id: Id,
    pub step: Id,
    /// Who rated; none in an anonymous room or after "forget who said what".
    pub participant: Option<Id>,
    /// On the journey's scale (`EmotionScale::min..=max`).
    pub value: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub enum ImageMime {
    #[serde(rename = "image/png")]
    Png,
    #[serde(rename = "image/jpeg")]
    Jpeg,
    #[serde(rename = "image/webp")]
    Webp,
}

impl ImageMime {
    pub fn as_str(self) -> &'static str {
        match self {
            ImageMime::Png => "image/png",
            ImageMime::Jpeg => "image/jpeg",
            ImageMime::Webp => "image/webp",
        }
    }

    pub fn from_str(mime: &str) -> Option<ImageMime> {
        [ImageMime::Png, ImageMime::Jpeg, ImageMime::Webp]
            .into_iter()
            .find(|m| m.as_str() == mime)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Image {
    pub hash: ImageHash,
    pub mime: ImageMime,
    pub width: u32,
    pub height: u32,
    /// Base64 in JSON.
    #[serde(with = "crate::interchange::base64_bytes")]
    #[schemars(with = "String")]
    #[ts(type = "string")]
    pub data: Vec<u8>,
}

impl Image {
    /// The SHA-256 hash that names an image with these bytes.
    pub fn hash_of(data: &[u8]) -> ImageHash {
        Sha256::digest(data)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

impl Project {
    /// An empty project with these channels (a new one's come from `catalogue::new_project`).
    pub fn new(name: &str, locale: &str, channels: Vec<Channel>, now: &str) -> Project {
        Project {
            info: ProjectInfo {
                id: Uuid::new_v4(),
                name: name.to_string(),
                locale: locale.to_string(),
                created: now.to_string(),
            },
            modified: now.to_string(),
            channels,
            personas: vec![],
            journeys: vec![],
            stages: vec![],
            steps: vec![],
            lanes: vec![],
            cards: vec![],
            emotion_points: vec![],
            moments_of_truth: vec![],
            participants: vec![],
            dots: vec![],
            measurements: vec![],
            survey_imports: vec![],
            submissions: vec![],
            ratings: vec![],
            images: vec![],
        }
    }

    /// Sorts every collection into its canonical order: by parent, then order key, then id.
    /// Two equal projects then serialise to identical bytes.
    pub fn canonicalize(&mut self) {
        self.channels
            .sort_by(|a, b| (&a.order, a.id).cmp(&(&b.order, b.id)));
        self.personas
            .sort_by(|a, b| (&a.order, a.id).cmp(&(&b.order, b.id)));
        self.journeys
            .sort_by(|a, b| (&a.order, a.id).cmp(&(&b.order, b.id)));
        self.stages
            .sort_by(|a, b| (a.journey, &a.order, a.id).cmp(&(b.journey, &b.order, b.id)));
        self.steps
            .sort_by(|a, b| (a.stage, &a.order, a.id).cmp(&(b.stage, &b.order, b.id)));
        self.lanes
            .sort_by(|a, b| (a.journey, &a.order, a.id).cmp(&(b.journey, &b.order, b.id)));
        self.cards.sort_by(|a, b| {
            (a.lane, a.step, &a.order, a.id).cmp(&(b.lane, b.step, &b.order, b.id))
        });
        self.emotion_points
            .sort_by(|a, b| (a.persona, a.step, a.id).cmp(&(b.persona, b.step, b.id)));
        self.moments_of_truth.sort_by_key(|m| m.id);
        self.participants
            .sort_by(|a, b| (&a.order, a.id).cmp(&(&b.order, b.id)));
        self.dots
            .sort_by(|a, b| (a.card, a.participant, a.id).cmp(&(b.card, b.participant, b.id)));
        self.measurements
            .sort_by(|a, b| (a.card, &a.month, a.id).cmp(&(b.card, &b.month, b.id)));
        self.survey_imports
            .sort_by(|a, b| (&a.imported, a.id).cmp(&(&b.imported, b.id)));
        self.submissions
            .sort_by(|a, b| (&a.order, a.id).cmp(&(&b.order, b.id)));
        self.ratings
            .sort_by(|a, b| (a.step, a.participant, a.id).cmp(&(b.step, b.participant, b.id)));
        self.images.sort_by(|a, b| a.hash.cmp(&b.hash));
    }

    pub fn journey(&self, id: Id) -> Option<&Journey> {
        self.journeys.iter().find(|j| j.id == id)
    }

    pub fn journey_named(&self, name: &str) -> Option<&Journey> {
        self.journeys.iter().find(|j| j.name == name)
    }

    /// A journey's stages in order.
    pub fn stages_of(&self, journey: Id) -> Vec<&Stage> {
        let mut stages: Vec<&Stage> = self
            .stages
            .iter()
            .filter(|s| s.journey == journey)
            .collect();
        stages.sort_by(|a, b| (&a.order, a.id).cmp(&(&b.order, b.id)));
        stages
    }

    /// A stage's steps in order.
    pub fn steps_of(&self, stage: Id) -> Vec<&Step> {
        let mut steps: Vec<&Step> = self.steps.iter().filter(|s| s.stage == stage).collect();
        steps.sort_by(|a, b| (&a.order, a.id).cmp(&(&b.order, b.id)));
        steps
    }

    /// A journey's steps left to right, across its stages.
    pub fn journey_steps(&self, journey: Id) -> Vec<&Step> {
        self.stages_of(journey)
            .into_iter()
            .flat_map(|stage| self.steps_of(stage.id))
            .collect()
    }

    /// A journey's lanes top to bottom.
    pub fn lanes_of(&self, journey: Id) -> Vec<&Lane> {
        let mut lanes: Vec<&Lane> = self.lanes.iter().filter(|l| l.journey == journey).collect();
        lanes.sort_by(|a, b| (&a.order, a.id).cmp(&(&b.order, b.id)));
        lanes
    }

    /// The cards of one cell in order.
    pub fn cards_in(&self, lane: Id, step: Id) -> Vec<&Card> {
        let mut cards: Vec<&Card> = self
            .cards
            .iter()
            .filter(|c| c.lane == lane && c.step == step)
            .collect();
        cards.sort_by(|a, b| (&a.order, a.id).cmp(&(&b.order, b.id)));
        cards
    }

    /// The personas a journey shows, primary first.
    pub fn personas_of(&self, journey: &Journey) -> Vec<&Persona> {
        journey
            .primary_persona
            .iter()
            .chain(journey.other_personas.iter())
            .filter_map(|id| self.personas.iter().find(|p| p.id == *id))
            .collect()
    }

    /// A card's total votes: those counted elsewhere plus the dots placed on it.
    pub fn votes_on(&self, card: &Card) -> u32 {
        let dots = self.dots.iter().filter(|d| d.card == card.id).count();
        card.votes
            .saturating_add(u32::try_from(dots).unwrap_or(u32::MAX))
    }

    pub fn image(&self, hash: &str) -> Option<&Image> {
        self.images.iter().find(|i| i.hash == hash)
    }
}
