//! The rules a project must keep. `Project::apply` runs them after every change, import and
//! open run them on whole files, so an invalid project can never be written.

use std::collections::{HashMap, HashSet};

use crate::error::{Error, Result};
use crate::model::*;

/// `problem` is only built on failure: validation runs after every edit, so the passing path
/// must not allocate.
fn check<P: Into<String>>(
    ok: bool,
    record: impl FnOnce() -> String,
    problem: impl FnOnce() -> P,
) -> Result<()> {
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(record(), problem()))
    }
}

fn non_empty(text: &str, record: impl FnOnce() -> String, what: &str) -> Result<()> {
    check(!text.trim().is_empty(), record, || {
        format!("{what} must not be empty")
    })
}

fn colour(value: &str, record: impl FnOnce() -> String) -> Result<()> {
    let ok = value.len() == 7
        && value.starts_with('#')
        && value[1..].chars().all(|c| c.is_ascii_hexdigit());
    check(ok, record, || {
        format!("colour {value:?} is not of the form #rrggbb")
    })
}

fn rating(value: Option<u8>, record: impl FnOnce() -> String, what: &str) -> Result<()> {
    check(value.is_none_or(|v| (1..=5).contains(&v)), record, || {
        format!("{what} must be between 1 and 5")
    })
}

fn order(key: &OrderKey, record: impl FnOnce() -> String) -> Result<()> {
    check(key.is_valid(), record, || {
        format!("order key {:?} is not valid", key.0)
    })
}

fn unique<'a>(ids: impl Iterator<Item = &'a Id>, what: &str) -> Result<HashSet<Id>> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(*id) {
            return Err(Error::invalid(
                format!("{what} {id}"),
                "the id is used twice",
            ));
        }
    }
    Ok(seen)
}

impl Project {
    /// Every rule, including that each image's bytes match its hash.
    pub fn validate(&self) -> Result<()> {
        self.validate_with(true)
    }

    /// `hash_images: false` skips re-hashing stored images: after an edit only the images that
    /// edit added need hashing (`Project::apply` does that), and hashing all of them would make
    /// every edit as slow as the project's pictures are large.
    pub(crate) fn validate_with(&self, hash_images: bool) -> Result<()> {
        let info = &self.info;
        non_empty(
            &info.name,
            || format!("project {}", info.id),
            "the project name",
        )?;

        let mut images = HashSet::new();
        for image in &self.images {
            let record = || format!("image {}", image.hash);
            check(images.insert(image.hash.as_str()), record, || {
                "the image is stored twice"
            })?;
            check(
                !hash_images || Image::hash_of(&image.data) == image.hash,
                record,
                || "its bytes do not match its hash",
            )?;
            check(image.width > 0 && image.height > 0, record, || {
                "width and height must be positive"
            })?;
            // The limits a picture is imported under hold for one that came in a file, too: a
            // hand-made file must not make the window or an export decode a giant image.
            check(
                image.data.len() as u64 <= crate::image_import::MAX_FILE_BYTES,
                record,
                || {
                    format!(
                        "it holds {} MB, over the {} MB an image may have",
                        image.data.len() / (1024 * 1024),
                        crate::image_import::MAX_FILE_BYTES / (1024 * 1024)
                    )
                },
            )?;
            check(
                u64::from(image.width) * u64::from(image.height) <= crate::image_import::MAX_PIXELS,
                record,
                || {
                    format!(
                        "it is {} × {} pixels, over the {} megapixels an image may have",
                        image.width,
                        image.height,
                        crate::image_import::MAX_PIXELS / 1_000_000
                    )
                },
            )?;
        }
        let image_ok =
            |hash: &Option<ImageHash>| hash.as_ref().is_none_or(|h| images.contains(h.as_str()));

        let channels = unique(self.channels.iter().map(|c| &c.id), "channel")?;
        for channel in &self.channels {
            let record = || format!("channel {}", channel.id);
            non_empty(&channel.name, record, "the channel name")?;
            order(&channel.order, record)?;
        }

        let personas = unique(self.personas.iter().map(|p| &p.id), "persona")?;
        for persona in &self.personas {
            let record = || format!("persona {} ({})", persona.id, persona.name);
            non_empty(&persona.name, record, "the persona name")?;
            colour(&persona.colour, record)?;
            order(&persona.order, record)?;
            check(image_ok(&persona.photo), record, || {
                "its photo is not among the project's images"
            })?;
            for channel in &persona.channels {
                check(channels.contains(channel), record, || {
                    format!("uses channel {channel}, which does not exist")
                })?;
            }
        }

        let journeys: HashMap<Id, &Journey> = self.journeys.iter().map(|j| (j.id, j)).collect();
        unique(self.journeys.iter().map(|j| &j.id), "journey")?;
        for journey in &self.journeys {
            let record = || format!("journey {} ({})", journey.id, journey.name);
            non_empty(&journey.name, record, "the journey name")?;
            order(&journey.order, record)?;
            let scale = &journey.scale;
            check(scale.min < scale.max, record, || {
                "the emotion scale's minimum must be below its maximum"
            })?;
            let shown: Vec<&Id> = journey
                .primary_persona
                .iter()
                .chain(&journey.other_personas)
                .collect();
            for persona in &shown {
                check(personas.contains(persona), record, || {
                    format!("shows persona {persona}, which does not exist")
                })?;
            }
            check(
                shown.iter().collect::<HashSet<_>>().len() == shown.len(),
                record,
                || "shows a persona twice",
            )?;
            match (journey.state, journey.redesigns) {
                (JourneyState::Current, Some(_)) => {
                    return Err(Error::invalid(
                        record(),
                        "only a future-state journey can redesign another",
                    ))
                }
                (JourneyState::Future, Some(current)) => check(
                    journeys
                        .get(&current)
                        .is_some_and(|c| c.state == JourneyState::Current),
                    record,
                    || {
                        format!("redesigns {current}, which is not a current-state journey of this project")
                    },
                )?,
                _ => {}
            }
        }

        let stages: HashMap<Id, &Stage> = self.stages.iter().map(|s| (s.id, s)).collect();
        unique(self.stages.iter().map(|s| &s.id), "stage")?;
        for stage in &self.stages {
            let record = || format!("stage {} ({})", stage.id, stage.name);
            non_empty(&stage.name, record, "the stage name")?;
            colour(&stage.colour, record)?;
            order(&stage.order, record)?;
            check(journeys.contains_key(&stage.journey), record, || {
                format!("belongs to journey {}, which does not exist", stage.journey)
            })?;
        }

        // step id → the journey it belongs to
        let mut steps: HashMap<Id, Id> = HashMap::new();
        unique(self.steps.iter().map(|s| &s.id), "step")?;
        for step in &self.steps {
            let record = || format!("step {} ({})", step.id, step.title);
            non_empty(&step.title, record, "the step title")?;
            order(&step.order, record)?;
            let stage = stages.get(&step.stage);
            check(stage.is_some(), record, || {
                format!("belongs to stage {}, which does not exist", step.stage)
            })?;
            steps.insert(step.id, stage.map(|s| s.journey).unwrap_or_default());
        }

        let lanes: HashMap<Id, &Lane> = self.lanes.iter().map(|l| (l.id, l)).collect();
        unique(self.lanes.iter().map(|l| &l.id), "lane")?;
        for lane in &self.lanes {
            let record = || format!("lane {} ({})", lane.id, lane.title);
            non_empty(&lane.title, record, "the lane title")?;
            order(&lane.order, record)?;
            check(journeys.contains_key(&lane.journey), record, || {
                format!("belongs to journey {}, which does not exist", lane.journey)
            })?;
        }

        let cards: HashMap<Id, &Card> = self.cards.iter().map(|c| (c.id, c)).collect();
        unique(self.cards.iter().map(|c| &c.id), "card")?;
        for card in &self.cards {
            self.validate_card(card, &lanes, &steps, &cards, &channels, &image_ok)?;
        }

        let mut curve_points = HashSet::new();
        unique(self.emotion_points.iter().map(|p| &p.id), "emotion point")?;
        for point in &self.emotion_points {
            let record = || format!("emotion point {}", point.id);
            check(personas.contains(&point.persona), record, || {
                format!("belongs to persona {}, which does not exist", point.persona)
            })?;
            let journey = steps.get(&point.step).and_then(|j| journeys.get(j));
            let Some(journey) = journey else {
                return Err(Error::invalid(
                    record(),
                    format!("sits on step {}, which does not exist", point.step),
                ));
            };
            let scale = &journey.scale;
            check(
                (scale.min..=scale.max).contains(&point.value),
                record,
                || {
                    format!(
                        "value {} is outside the journey's scale {}…{}",
                        point.value, scale.min, scale.max
                    )
                },
            )?;
            check(
                curve_points.insert((point.persona, point.step)),
                record,
                || "its persona already has a point on this step",
            )?;
        }

        unique(
            self.moments_of_truth.iter().map(|m| &m.id),
            "moment of truth",
        )?;
        for moment in &self.moments_of_truth {
            let record = || format!("moment of truth {} ({})", moment.id, moment.title);
            non_empty(&moment.title, record, "the title")?;
            let exists = match moment.target {
                MomentTarget::Step(id) => steps.contains_key(&id),
                MomentTarget::Card(id) => cards.contains_key(&id),
            };
            check(exists, record, || {
                "marks a step or card that does not exist"
            })?;
        }

        let participants: HashMap<Id, &Participant> =
            self.participants.iter().map(|p| (p.id, p)).collect();
        unique(self.participants.iter().map(|p| &p.id), "participant")?;
        for participant in &self.participants {
            let record = || format!("participant {} ({})", participant.id, participant.name);
            non_empty(&participant.name, record, "the participant's name")?;
            colour(&participant.colour, record)?;
            order(&participant.order, record)?;
            check(participant.dots >= 1, record, || {
                "a participant has at least 1 dot to place"
            })?;
        }

        let mut placed: HashMap<Id, u32> = HashMap::new();
        unique(self.dots.iter().map(|d| &d.id), "dot")?;
        for dot in &self.dots {
            let record = || format!("dot {}", dot.id);
            let Some(card) = cards.get(&dot.card) else {
                return Err(Error::invalid(
                    record(),
                    format!("sits on card {}, which does not exist", dot.card),
                ));
            };
            check(
                lanes
                    .get(&card.lane)
                    .is_some_and(|l| l.kind == LaneKind::Opportunities),
                record,
                || format!("sits on card {}, which is not an opportunity", dot.card),
            )?;
            check(participants.contains_key(&dot.participant), record, || {
                format!(
                    "was placed by participant {}, who does not exist",
                    dot.participant
                )
            })?;
            *placed.entry(dot.participant).or_default() += 1;
        }
        for participant in &self.participants {
            let count = placed.get(&participant.id).copied().unwrap_or(0);
            check(
                count <= participant.dots,
                || format!("participant {} ({})", participant.id, participant.name),
                || {
                    format!(
                        "{} has placed {count} dots but has only {} to give; take a dot back or give them more",
                        participant.name, participant.dots
                    )
                },
            )?;
        }
        self.validate_measures(&journeys, &lanes, &cards)?;
        self.validate_room(&lanes, &steps, &journeys, &participants)
    }

    /// Measuring keys, survey imports and their measurements.
    fn validate_measures(
        &self,
        journeys: &HashMap<Id, &Journey>,
        lanes: &HashMap<Id, &Lane>,
        cards: &HashMap<Id, &Card>,
    ) -> Result<()> {
        let mut keys: HashSet<(Id, &str)> = HashSet::new();
        for card in &self.cards {
            let Some(key) = &card.measure_key else {
                continue;
            };
            let record = || format!("card {} ({})", card.id, card.text);
            non_empty(key, record, "the measuring key")?;
            check(
                key.trim() == key && key.chars().count() <= 32,
                record,
                || {
                    format!("measuring key {key:?} must be at most 32 characters, without spaces around it")
                },
            )?;
            let lane = lanes.get(&card.lane);
            check(
                lane.is_some_and(|l| l.kind == LaneKind::Touchpoints),
                record,
                || "only touchpoints have a measuring key",
            )?;
            let journey = lane.map(|l| l.journey).unwrap_or_default();
            check(keys.insert((journey, key.as_str())), record, || {
                format!(
                    "measuring key {key:?} is already used by another touchpoint of this journey"
                )
            })?;
        }
        unique(self.survey_imports.iter().map(|i| &i.id), "survey import")?;
        let mut hashes = HashSet::new();
        for import in &self.survey_imports {
            let record = || format!("survey import {} ({})", import.id, import.file_name);
            check(journeys.contains_key(&import.journey), record, || {
                format!(
                    "belongs to journey {}, which does not exist",
                    import.journey
                )
            })?;
            check(hashes.insert(import.hash.as_str()), record, || {
                "the same file was imported twice"
            })?;
        }
        let mut months = HashSet::new();
        unique(self.measurements.iter().map(|m| &m.id), "measurement")?;
        for measurement in &self.measurements {
            let record = || format!("measurement {}", measurement.id);
            let touchpoint = cards
                .get(&measurement.card)
                .and_then(|c| lanes.get(&c.lane))
                .is_some_and(|l| l.kind == LaneKind::Touchpoints);
            check(touchpoint, record, || {
                format!(
                    "measures card {}, which is not a touchpoint",
                    measurement.card
                )
            })?;
            check(crate::measure::is_month(&measurement.month), record, || {
                format!("month {:?} is not of the form YYYY-MM", measurement.month)
            })?;
            check(
                months.insert((measurement.card, measurement.month.as_str())),
                record,
                || "its touchpoint has another measurement for this month",
            )?;
            let sizes = [
                measurement.satisfaction.len(),
                measurement.expectation.len(),
                measurement.effort.len(),
                measurement.recommend.len(),
                measurement.with_overall.len(),
            ];
            check(sizes == [5, 5, 7, 11, 25], record, || {
                "its counts do not fit the rating scales (5, 5, 7, 11 and 5 × 5)"
            })?;
        }
        Ok(())
    }

    /// The workshop room's records: submissions sit in a text lane on a step of the same journey,
    /// ratings on a step within its journey's scale, at most one per participant and step.
    fn validate_room(
        &self,
        lanes: &HashMap<Id, &Lane>,
        steps: &HashMap<Id, Id>,
        journeys: &HashMap<Id, &Journey>,
        participants: &HashMap<Id, &Participant>,
    ) -> Result<()> {
        let author_ok = |who: &Option<Id>| who.is_none_or(|p| participants.contains_key(&p));
        unique(self.submissions.iter().map(|s| &s.id), "submission")?;
        for submission in &self.submissions {
            let record = || format!("submission {}", submission.id);
            non_empty(&submission.text, record, "the text of a submitted card")?;
            let length = submission.text.chars().count();
            check(length <= Submission::MAX_CHARS, record, || {
                format!(
                    "its text has {length} characters, over the {} a submitted card may have",
                    Submission::MAX_CHARS
                )
            })?;
            order(&submission.order, record)?;
            let lane = lanes.get(&submission.lane);
            check(
                lane.is_some_and(|l| l.kind != LaneKind::Images),
                record,
                || {
                    format!(
                        "sits in lane {}, which is not a text lane of this project",
                        submission.lane
                    )
                },
            )?;
            check(
                steps.get(&submission.step).is_some()
                    && steps.get(&submission.step) == lane.map(|l| &l.journey),
                record,
                || {
                    format!(
                        "sits on step {}, which is not a step of its lane's journey",
                        submission.step
                    )
                },
            )?;
            check(author_ok(&submission.author), record, || {
                "was sent by a participant who does not exist"
            })?;
            check(
                (submission.state == SubmissionState::Approved) == submission.card.is_some(),
                record,
                || "an approved submission names its card, and only an approved one does",
            )?;
        }

        let mut rated = HashSet::new();
        unique(self.ratings.iter().map(|r| &r.id), "rating")?;
        for rating in &self.ratings {
            let record = || format!("rating {}", rating.id);
            let Some(journey) = steps.get(&rating.step).and_then(|j| journeys.get(j)) else {
                return Err(Error::invalid(
                    record(),
                    format!("rates step {}, which does not exist", rating.step),
                ));
            };
            let scale = &journey.scale;
            check(
                (scale.min..=scale.max).contains(&rating.value),
                record,
                || {
                    format!(
                        "value {} is outside the journey's scale {}…{}",
                        rating.value, scale.min, scale.max
                    )
                },
            )?;
            check(author_ok(&rating.participant), record, || {
                "was given by a participant who does not exist"
            })?;
            if let Some(participant) = rating.participant {
                check(rated.insert((participant, rating.step)), record, || {
                    "its participant already rated this step"
                })?;
            }
        }
        Ok(())
    }

    fn validate_card(
        &self,
        card: &Card,
        lanes: &HashMap<Id, &Lane>,
        steps: &HashMap<Id, Id>,
        cards: &HashMap<Id, &Card>,
        channels: &HashSet<Id>,
        image_ok: &dyn Fn(&Option<ImageHash>) -> bool,
    ) -> Result<()> {
        let record = || format!("card {}", card.id);
        order(&card.order, record)?;
        let Some(lane) = lanes.get(&card.lane) else {
            return Err(Error::invalid(
                record(),
                format!("sits in lane {}, which does not exist", card.lane),
            ));
        };
        let Some(step_journey) = steps.get(&card.step) else {
            return Err(Error::invalid(
                record(),
                format!("sits on step {}, which does not exist", card.step),
            ));
        };
        check(*step_journey == lane.journey, record, || {
            "its lane and step belong to different journeys"
        })?;

        let kind = lane.kind;
        let only = |present: bool, field: &str, kinds: &str| {
            check(!present, record, || {
                format!(
                    "a card in a {} lane has no {field} (only {kinds} do)",
                    kind.key()
                )
            })
        };
        let touchpoint = kind == LaneKind::Touchpoints;
        only(
            !touchpoint && card.channel.is_some(),
            "channel",
            "touchpoints",
        )?;
        only(
            !touchpoint && (card.expected.is_some() || card.experienced.is_some()),
            "quality",
            "touchpoints",
        )?;
        let felt = matches!(kind, LaneKind::PainPoints | LaneKind::Delights);
        only(
            !felt && card.severity.is_some(),
            "severity",
            "pain points and delights",
        )?;
        let opportunity = kind == LaneKind::Opportunities;
        only(
            !opportunity && (card.impact.is_some() || card.effort.is_some()),
            "impact or effort",
            "opportunities",
        )?;
        only(!opportunity && card.votes > 0, "votes", "opportunities")?;
        only(
            !opportunity && !card.answers.is_empty(),
            "answered pain points",
            "opportunities",
        )?;
        only(
            kind != LaneKind::Images && card.image.is_some(),
            "image",
            "image lanes",
        )?;

        if let Some(channel) = card.channel {
            check(channels.contains(&channel), record, || {
                format!("uses channel {channel}, which does not exist")
            })?;
        }
        rating(card.expected, record, "expected quality")?;
        rating(card.experienced, record, "experienced quality")?;
        rating(card.severity, record, "severity")?;
        rating(card.impact, record, "impact")?;
        rating(card.effort, record, "effort")?;
        check(image_ok(&card.image), record, || {
            "its image is not among the project's images"
        })?;
        for answered in &card.answers {
            let is_pain_point = cards
                .get(answered)
                .and_then(|c| lanes.get(&c.lane))
                .is_some_and(|l| l.kind == LaneKind::PainPoints && l.journey == lane.journey);
            check(is_pain_point, record, || {
                format!("answers {answered}, which is not a pain point of this journey")
            })?;
        }
        Ok(())
    }
}
