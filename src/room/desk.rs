//! The room's desk: one thread that knows who is in the room and writes everything the room
//! does to the project file, in the order it arrived. Phones' messages that arrive together are
//! written as one change (one SQLite transaction), so a hundred phones sending at once wait for a
//! few disk writes, not a hundred. A facilitator's action is always a change of its own, so the
//! window can undo exactly it.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::sync::Arc;

use tokio::sync::{broadcast, mpsc, oneshot};
use uuid::Uuid;

use super::facts::{board, totals, Facts};
use super::protocol::*;
use super::secret::{self, SecretHash};
use super::{RoomChange, RoomEvent, RoomFile, RoomOptions};
use crate::edit::{Change, Edit};
use crate::error::{Error, Result};
use crate::model::*;
use crate::record::Record;

/// The most phone messages written in one change: enough to absorb a burst, small enough that
/// one transaction stays short.
const MAX_BATCH: usize = 128;

/// The colours participants get in turn; the same nine the vote panel offers.
const COLOURS: [&str; 9] = [
    "#d9480f", "#1971c2", "#2f9e44", "#9c36b5", "#e8590c", "#0c8599", "#c2255c", "#5f3dc4",
    "#66a80f",
];

/// What a connection sends to its phone: a message, or the end of the connection.
#[derive(Debug)]
pub(crate) enum Outgoing {
    Message(RoomMessage),
    Close,
}

pub(crate) type Phone = mpsc::UnboundedSender<Outgoing>;

/// What the server and the facilitator ask of the desk.
pub(crate) enum Command {
    Join {
        token: String,
        name: Option<String>,
        peer: IpAddr,
        reply: oneshot::Sender<std::result::Result<Joined, Refusal>>,
    },
    /// A phone's connection says who it is.
    Hello {
        secret: String,
        phone: Phone,
        reply: oneshot::Sender<std::result::Result<Connected, Refusal>>,
    },
    /// A message from a connected participant.
    Said {
        participant: Id,
        message: PhoneMessage,
    },
    /// A connection ended.
    Gone { participant: Id, connection: u64 },
    Facilitator {
        action: Action,
        reply: oneshot::Sender<Result<Option<RoomChange>>>,
    },
    /// What the projector shows now.
    Status { reply: oneshot::Sender<RoomStatus> },
}

/// Who a connection belongs to, once `hello` succeeded.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Connected {
    pub participant: Id,
    pub connection: u64,
}

/// The facilitator's actions; those that edit the project answer with the change they made.
#[derive(Debug, Clone)]
pub(crate) enum Action {
    SetPhase(Phase),
    Approve(Vec<Id>),
    ApproveEdited(Id, String),
    Merge(Vec<Id>, Option<String>),
    Hide(Vec<Id>),
    Kick(Id),
    Close { forget: bool },
}

/// The room at a glance, as the projector shows it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct RoomStatus {
    pub phase: Phase,
    /// Participants in the room (joined and not removed).
    pub joined: u32,
    /// Of those, how many have a phone connected now.
    pub connected: u32,
    pub votes: VoteProgress,
    /// Submissions waiting in the inbox.
    pub waiting: u32,
}

/// "14 of 18 have voted": who placed all their dots, who placed some, of everyone in the room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct VoteProgress {
    pub voted: u32,
    pub started: u32,
    pub of: u32,
}

struct Person {
    name: String,
    peer: IpAddr,
    secret: SecretHash,
    phone: Option<(u64, Phone)>,
    /// The ids of the cards this participant sent (kept here, not in the file, so an anonymous
    /// room can still hold each phone to its limit and show it its own cards).
    cards: HashSet<Id>,
    /// This participant's rating of each step: step → rating id.
    ratings: HashMap<Id, Id>,
    kicked: bool,
}

/// A phone's request, planned against the facts into edits and what follows once they are saved.
enum Request {
    Join {
        id: Id,
        name: String,
        secret: String,
        peer: IpAddr,
    },
    Said {
        participant: Id,
        message: PhoneMessage,
    },
}

/// Where the outcome of a request goes.
enum Requester {
    Join(oneshot::Sender<std::result::Result<Joined, Refusal>>),
    Phone(Id),
}

/// What to do once a planned request's edits are in the file.
enum Outcome {
    Joined {
        id: Id,
        name: String,
        secret: String,
        peer: IpAddr,
    },
    Accepted {
        participant: Id,
        card: Id,
        submission: Option<Submission>,
    },
    Dots {
        participant: Id,
        placed: Vec<DotCount>,
        left: u32,
    },
    Rated {
        participant: Id,
        step: Id,
        rating: Id,
        value: i32,
    },
}

struct Planned {
    edits: Vec<Edit>,
    outcome: Outcome,
}

pub(crate) struct Desk {
    file: Arc<dyn RoomFile>,
    journey: Id,
    lanes: Vec<Id>,
    options: RoomOptions,
    token: String,
    code: String,
    phase: Phase,
    people: HashMap<Id, Person>,
    secrets: HashMap<SecretHash, Id>,
    kicked_secrets: HashSet<SecretHash>,
    kicked_peers: HashSet<IpAddr>,
    next_connection: u64,
    events: broadcast::Sender<RoomEvent>,
}

impl Desk {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        file: Arc<dyn RoomFile>,
        journey: Id,
        lanes: Vec<Id>,
        options: RoomOptions,
        token: String,
        code: String,
        events: broadcast::Sender<RoomEvent>,
    ) -> Desk {
        Desk {
            file,
            journey,
            lanes,
            options,
            token,
            code,
            phase: Phase::Capture,
            people: HashMap::new(),
            secrets: HashMap::new(),
            kicked_secrets: HashSet::new(),
            kicked_peers: HashSet::new(),
            next_connection: 0,
            events,
        }
    }

    /// Serves commands until the room is closed or every handle to it is gone.
    pub fn run(mut self, mut commands: mpsc::UnboundedReceiver<Command>) {
        let mut batch: Vec<(Request, Requester)> = Vec::new();
        while let Some(first) = commands.blocking_recv() {
            let mut next = Some(first);
            while let Some(command) = next.take() {
                match command {
                    Command::Join {
                        token,
                        name,
                        peer,
                        reply,
                    } => match self.admit(&token, name, peer, joining(&batch)) {
                        Ok(request) => batch.push((request, Requester::Join(reply))),
                        Err(refusal) => {
                            let _ = reply.send(Err(refusal));
                        }
                    },
                    Command::Said {
                        participant,
                        message,
                    } => batch.push((
                        Request::Said {
                            participant,
                            message,
                        },
                        Requester::Phone(participant),
                    )),
                    other => {
                        self.write(std::mem::take(&mut batch));
                        if !self.serve(other) {
                            self.close_phones();
                            return;
                        }
                    }
                }
                if batch.len() < MAX_BATCH {
                    next = commands.try_recv().ok();
                }
            }
            self.write(std::mem::take(&mut batch));
        }
        self.close_phones();
    }

    /// Whether a join may go ahead; `pending` joins are in the batch not yet written.
    fn admit(
        &self,
        token: &str,
        name: Option<String>,
        peer: IpAddr,
        pending: usize,
    ) -> std::result::Result<Request, Refusal> {
        if !secret::same(token, &self.token) {
            return Err(Refusal::BadToken);
        }
        if self.kicked_peers.contains(&peer) {
            return Err(Refusal::Kicked);
        }
        if self.people.len() + pending >= MAX_PARTICIPANTS {
            return Err(Refusal::RoomFull);
        }
        let number = self.people.len() + pending + 1;
        let alias = format!("Participant {number}");
        let name = if self.options.anonymous {
            alias
        } else {
            name.as_deref().and_then(clean_name).unwrap_or(alias)
        };
        let secret = secret::random_token().map_err(|_| Refusal::NotSaved)?;
        Ok(Request::Join {
            id: Uuid::new_v4(),
            name,
            secret,
            peer,
        })
    }

    /// Facts of the project as it is now; none when it cannot be read.
    fn facts(&self) -> Option<Facts> {
        let mut facts = None;
        let read = self.file.read(&mut |project| {
            facts = Some(Facts::of(project, self.journey, &self.lanes));
        });
        read.ok().and(facts)
    }

    /// Writes a batch of phone requests as one change; when that fails (the facilitator changed
    /// something under a request), each is tried alone so one bad request fails only itself.
    fn write(&mut self, batch: Vec<(Request, Requester)>) {
        if batch.is_empty() {
            return;
        }
        let Some(mut facts) = self.facts() else {
            for (_, requester) in batch {
                self.refuse(requester, Refusal::NotSaved, None);
            }
            return;
        };
        let mut planned = Vec::with_capacity(batch.len());
        let mut edits = Vec::new();
        for (request, requester) in batch {
            match self.plan(&mut facts, &request) {
                Ok(plan) => {
                    edits.extend(plan.edits.iter().cloned());
                    planned.push((request, requester, plan));
                }
                Err((refusal, about)) => self.refuse(requester, refusal, about),
            }
        }
        if edits.is_empty() {
            for (_, requester, plan) in planned {
                self.finish(requester, plan.outcome);
            }
            self.after_batch();
            return;
        }
        let change = Change::new(edits);
        match self.file.apply(&change) {
            Ok(seq) => {
                let _ = self.events.send(RoomEvent::Changed { change, seq });
                for (_, requester, plan) in planned {
                    self.finish(requester, plan.outcome);
                }
            }
            Err(_) if planned.len() > 1 => {
                for (request, requester, _) in planned {
                    self.write_alone(request, requester);
                }
            }
            Err(_) => {
                for (_, requester, _) in planned {
                    self.refuse(requester, Refusal::NotSaved, None);
                }
            }
        }
        self.after_batch();
    }

    fn write_alone(&mut self, request: Request, requester: Requester) {
        let Some(mut facts) = self.facts() else {
            return self.refuse(requester, Refusal::NotSaved, None);
        };
        match self.plan(&mut facts, &request) {
            Err((refusal, about)) => self.refuse(requester, refusal, about),
            Ok(plan) if plan.edits.is_empty() => self.finish(requester, plan.outcome),
            Ok(plan) => {
                let change = Change::new(plan.edits);
                match self.file.apply(&change) {
                    Ok(seq) => {
                        let _ = self.events.send(RoomEvent::Changed { change, seq });
                        self.finish(requester, plan.outcome);
                    }
                    Err(_) => self.refuse(requester, Refusal::NotSaved, None),
                }
            }
        }
    }

    /// Decides one request against the facts (updating them) without touching the room.
    fn plan(
        &self,
        facts: &mut Facts,
        request: &Request,
    ) -> std::result::Result<Planned, (Refusal, Option<Id>)> {
        match request {
            Request::Join {
                id,
                name,
                secret,
                peer,
            } => {
                let participant = Participant {
                    id: *id,
                    name: name.clone(),
                    colour: COLOURS[self.people.len() % COLOURS.len()].to_string(),
                    dots: self.options.allowance.max(1),
                    order: facts.next_participant_order(),
                };
                facts.participants.insert(*id, participant.clone());
                Ok(Planned {
                    edits: vec![Edit::Add {
                        record: Record::Participant(participant),
                    }],
                    outcome: Outcome::Joined {
                        id: *id,
                        name: name.clone(),
                        secret: secret.clone(),
                        peer: *peer,
                    },
                })
            }
            Request::Said {
                participant,
                message,
            } => self.plan_said(facts, *participant, message),
        }
    }

    fn plan_said(
        &self,
        facts: &mut Facts,
        participant: Id,
        message: &PhoneMessage,
    ) -> std::result::Result<Planned, (Refusal, Option<Id>)> {
        let person = match self.people.get(&participant) {
            Some(p) if !p.kicked => p,
            _ => return Err((Refusal::Kicked, None)),
        };
        let in_phase = |phase: Phase, about: Option<Id>| {
            if self.phase == phase {
                Ok(())
            } else {
                Err((Refusal::NotNow, about))
            }
        };
        match message {
            PhoneMessage::Hello { .. } => Err((Refusal::Malformed, None)),
            PhoneMessage::Card {
                id,
                lane,
                step,
                text,
            } => {
                let about = Some(*id);
                if facts.submissions.contains_key(id) {
                    // A resend (the reply was lost, or the queue sent it again): already here.
                    return Ok(Planned {
                        edits: vec![],
                        outcome: Outcome::Accepted {
                            participant,
                            card: *id,
                            submission: None,
                        },
                    });
                }
                in_phase(Phase::Capture, about)?;
                if !facts.lanes.contains(lane) {
                    return Err((Refusal::UnknownLane, about));
                }
                if !facts.steps.contains(step) {
                    return Err((Refusal::UnknownStep, about));
                }
                if person.cards.len() >= MAX_CARDS_EACH {
                    return Err((Refusal::TooManyCards, about));
                }
                let text = text.trim().to_string();
                let mut submission = Submission {
                    id: *id,
                    lane: *lane,
                    step: *step,
                    text: text.clone(),
                    author: (!self.options.anonymous).then_some(participant),
                    state: SubmissionState::Waiting,
                    card: None,
                    order: facts.next_submission_order(),
                };
                let mut edits = Vec::new();
                if self.options.approve_all {
                    let card = approved_card(facts, &submission, &text);
                    submission.state = SubmissionState::Approved;
                    submission.card = Some(card.id);
                    edits.push(Edit::Add {
                        record: Record::Card(card),
                    });
                }
                facts.submissions.insert(*id, submission.clone());
                edits.push(Edit::Add {
                    record: Record::Submission(submission.clone()),
                });
                Ok(Planned {
                    edits,
                    outcome: Outcome::Accepted {
                        participant,
                        card: *id,
                        submission: Some(submission),
                    },
                })
            }
            PhoneMessage::Dot { card } => {
                let about = Some(*card);
                in_phase(Phase::Vote, about)?;
                if !facts.opportunities.contains(card) {
                    return Err((Refusal::UnknownCard, about));
                }
                let allowance = facts.participants.get(&participant).map_or(0, |p| p.dots);
                if facts.placed_by(participant) >= allowance {
                    return Err((Refusal::AllowanceUsed, about));
                }
                if let Some(cap) = self.options.cap_per_card {
                    if facts.placed_on(participant, *card) >= cap {
                        return Err((Refusal::CardFull, about));
                    }
                }
                let dot = Dot {
                    id: Uuid::new_v4(),
                    card: *card,
                    participant,
                };
                facts.dots.push(dot.clone());
                Ok(Planned {
                    edits: vec![Edit::Add {
                        record: Record::Dot(dot),
                    }],
                    outcome: dots_outcome(facts, participant),
                })
            }
            PhoneMessage::Undot { card } => {
                let about = Some(*card);
                in_phase(Phase::Vote, about)?;
                let Some(i) = facts
                    .dots
                    .iter()
                    .position(|d| d.participant == participant && d.card == *card)
                else {
                    return Err((Refusal::NoDotThere, about));
                };
                let dot = facts.dots.remove(i);
                Ok(Planned {
                    edits: vec![Edit::Remove {
                        record: Record::Dot(dot),
                    }],
                    outcome: dots_outcome(facts, participant),
                })
            }
            PhoneMessage::Rate { step, value } => {
                let about = Some(*step);
                in_phase(Phase::Rate, about)?;
                if !facts.steps.contains(step) {
                    return Err((Refusal::UnknownStep, about));
                }
                if !(facts.scale.min..=facts.scale.max).contains(value) {
                    return Err((Refusal::OutOfScale, about));
                }
                let earlier = person
                    .ratings
                    .get(step)
                    .and_then(|id| facts.ratings.get(id))
                    .cloned();
                let (rating, edit) = match earlier {
                    Some(before) => {
                        let after = Rating {
                            value: *value,
                            ..before.clone()
                        };
                        let edit = Edit::Update {
                            before: Record::Rating(before),
                            after: Record::Rating(after.clone()),
                        };
                        (after, edit)
                    }
                    None => {
                        let rating = Rating {
                            id: Uuid::new_v4(),
                            step: *step,
                            participant: (!self.options.anonymous).then_some(participant),
                            value: *value,
                        };
                        let edit = Edit::Add {
                            record: Record::Rating(rating.clone()),
                        };
                        (rating, edit)
                    }
                };
                facts.ratings.insert(rating.id, rating.clone());
                Ok(Planned {
                    edits: vec![edit],
                    outcome: Outcome::Rated {
                        participant,
                        step: *step,
                        rating: rating.id,
                        value: *value,
                    },
                })
            }
        }
    }

    /// What follows a request whose edits are in the file.
    fn finish(&mut self, requester: Requester, outcome: Outcome) {
        match (outcome, requester) {
            (
                Outcome::Joined {
                    id,
                    name,
                    secret,
                    peer,
                },
                requester,
            ) => {
                let hash = secret::hash(&secret);
                self.secrets.insert(hash, id);
                self.people.insert(
                    id,
                    Person {
                        name: name.clone(),
                        peer,
                        secret: hash,
                        phone: None,
                        cards: HashSet::new(),
                        ratings: HashMap::new(),
                        kicked: false,
                    },
                );
                if let Requester::Join(reply) = requester {
                    let _ = reply.send(Ok(Joined {
                        participant: id,
                        name: name.clone(),
                        secret,
                    }));
                }
                let _ = self.events.send(RoomEvent::Joined {
                    participant: id,
                    name,
                    joined: self.joined(),
                });
            }
            (
                Outcome::Accepted {
                    participant,
                    card,
                    submission,
                },
                _,
            ) => {
                if let Some(person) = self.people.get_mut(&participant) {
                    if submission.is_some() {
                        person.cards.insert(card);
                    }
                }
                self.tell(participant, RoomMessage::Accepted { id: card });
                if let Some(submission) = submission {
                    let _ = self.events.send(RoomEvent::Submitted { submission });
                }
            }
            (
                Outcome::Dots {
                    participant,
                    placed,
                    left,
                },
                _,
            ) => self.tell(participant, RoomMessage::Dots { placed, left }),
            (
                Outcome::Rated {
                    participant,
                    step,
                    rating,
                    value,
                },
                _,
            ) => {
                if let Some(person) = self.people.get_mut(&participant) {
                    person.ratings.insert(step, rating);
                }
                self.tell(participant, RoomMessage::Rated { step, value });
            }
        }
    }

    /// Events that sum up a batch: vote progress and ratings counts change with many messages
    /// at once, so the projector hears of them once per batch.
    fn after_batch(&mut self) {
        if self.phase == Phase::Vote {
            let progress = self.vote_progress(self.facts().as_ref());
            let _ = self.events.send(RoomEvent::VoteProgress { progress });
        }
        if self.phase == Phase::Rate {
            let rated = self
                .people
                .values()
                .filter(|p| !p.kicked && !p.ratings.is_empty())
                .count();
            let _ = self.events.send(RoomEvent::Ratings {
                rated: u32::try_from(rated).unwrap_or(u32::MAX),
                of: self.joined(),
            });
        }
    }

    fn refuse(&mut self, requester: Requester, refusal: Refusal, about: Option<Id>) {
        match requester {
            Requester::Join(reply) => {
                let _ = reply.send(Err(refusal));
            }
            Requester::Phone(participant) => {
                self.tell(participant, RoomMessage::refused(refusal, about))
            }
        }
    }

    fn tell(&self, participant: Id, message: RoomMessage) {
        if let Some((_, phone)) = self.people.get(&participant).and_then(|p| p.phone.as_ref()) {
            let _ = phone.send(Outgoing::Message(message));
        }
    }

    fn joined(&self) -> u32 {
        u32::try_from(self.people.values().filter(|p| !p.kicked).count()).unwrap_or(u32::MAX)
    }

    fn connected(&self) -> u32 {
        u32::try_from(
            self.people
                .values()
                .filter(|p| !p.kicked && p.phone.is_some())
                .count(),
        )
        .unwrap_or(u32::MAX)
    }

    fn vote_progress(&self, facts: Option<&Facts>) -> VoteProgress {
        let mut progress = VoteProgress {
            voted: 0,
            started: 0,
            of: self.joined(),
        };
        let Some(facts) = facts else {
            return progress;
        };
        for (id, _) in self.people.iter().filter(|(_, p)| !p.kicked) {
            let placed = facts.placed_by(*id);
            let allowance = facts.participants.get(id).map_or(0, |p| p.dots);
            if placed > 0 {
                progress.started += 1;
            }
            if placed > 0 && placed >= allowance {
                progress.voted += 1;
            }
        }
        progress
    }

    /// Serves a command that is not a phone's request; false once the room is closed.
    fn serve(&mut self, command: Command) -> bool {
        match command {
            Command::Hello {
                secret,
                phone,
                reply,
            } => {
                let answer = self.hello(&secret, phone);
                let _ = reply.send(answer);
                self.presence();
            }
            Command::Gone {
                participant,
                connection,
            } => {
                if let Some(person) = self.people.get_mut(&participant) {
                    if person.phone.as_ref().is_some_and(|(c, _)| *c == connection) {
                        person.phone = None;
                    }
                }
                self.presence();
            }
            Command::Status { reply } => {
                let _ = reply.send(self.status());
            }
            Command::Facilitator {
                action: Action::Close { forget },
                reply,
            } => {
                let _ = reply.send(self.close(forget));
                return false;
            }
            Command::Facilitator { action, reply } => {
                let _ = reply.send(self.act(action));
            }
            Command::Join { reply, .. } => {
                let _ = reply.send(Err(Refusal::NotNow));
            }
            Command::Said { .. } => {}
        }
        true
    }

    fn hello(&mut self, secret: &str, phone: Phone) -> std::result::Result<Connected, Refusal> {
        let hash = secret::hash(secret);
        if self.kicked_secrets.contains(&hash) {
            return Err(Refusal::Kicked);
        }
        let participant = *self.secrets.get(&hash).ok_or(Refusal::BadSecret)?;
        let facts = self.facts().ok_or(Refusal::NotSaved)?;
        let welcome = self.welcome(participant, &facts);
        self.next_connection += 1;
        let connection = self.next_connection;
        let person = self
            .people
            .get_mut(&participant)
            .ok_or(Refusal::BadSecret)?;
        // A reload or a second tab takes over; the older connection is told to go.
        if let Some((_, older)) = person.phone.replace((connection, phone.clone())) {
            let _ = older.send(Outgoing::Close);
        }
        let _ = phone.send(Outgoing::Message(welcome));
        Ok(Connected {
            participant,
            connection,
        })
    }

    fn welcome(&self, participant: Id, facts: &Facts) -> RoomMessage {
        let person = self.people.get(&participant);
        let mut ratings: Vec<StepValue> = person
            .map(|p| {
                p.ratings
                    .iter()
                    .filter_map(|(step, id)| {
                        facts.ratings.get(id).map(|r| StepValue {
                            step: *step,
                            value: r.value,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        ratings.sort_by_key(|r| r.step);
        let (board, totals) = self.board_and_totals();
        RoomMessage::Welcome {
            participant,
            name: person.map(|p| p.name.clone()).unwrap_or_default(),
            code: self.code.clone(),
            phase: self.phase,
            board,
            mine: Mine {
                cards: person
                    .map(|p| p.cards.iter().copied().collect())
                    .unwrap_or_default(),
                dots: facts.dots_of(participant),
                ratings,
            },
            totals,
        }
    }

    /// The board for phones, and the totals only when the room is in Reveal: before that no
    /// phone is ever sent anyone's votes.
    fn board_and_totals(&self) -> (Board, Option<Totals>) {
        let mut out = None;
        let _ = self.file.read(&mut |project| {
            let board = board(
                project,
                self.journey,
                &self.lanes,
                self.options.allowance,
                self.options.cap_per_card,
            );
            let totals = (self.phase == Phase::Reveal).then(|| totals(project, self.journey));
            out = Some((board, totals));
        });
        out.unwrap_or_else(|| {
            (
                Board {
                    journey: String::new(),
                    steps: vec![],
                    lanes: vec![],
                    scale: EmotionScale::default(),
                    opportunities: vec![],
                    allowance: self.options.allowance,
                    cap: self.options.cap_per_card,
                },
                None,
            )
        })
    }

    fn presence(&self) {
        let _ = self.events.send(RoomEvent::Presence {
            joined: self.joined(),
            connected: self.connected(),
        });
    }

    fn status(&self) -> RoomStatus {
        let facts = self.facts();
        RoomStatus {
            phase: self.phase,
            joined: self.joined(),
            connected: self.connected(),
            votes: self.vote_progress(facts.as_ref()),
            waiting: facts.map_or(0, |f| {
                u32::try_from(
                    f.submissions
                        .values()
                        .filter(|s| s.state == SubmissionState::Waiting)
                        .count(),
                )
                .unwrap_or(u32::MAX)
            }),
        }
    }

    fn act(&mut self, action: Action) -> Result<Option<RoomChange>> {
        match action {
            Action::SetPhase(phase) => {
                self.phase = phase;
                let (board, totals) = self.board_and_totals();
                let message = RoomMessage::Phase {
                    phase,
                    board,
                    totals,
                };
                for person in self.people.values().filter(|p| !p.kicked) {
                    if let Some((_, phone)) = &person.phone {
                        let _ = phone.send(Outgoing::Message(message.clone()));
                    }
                }
                let _ = self.events.send(RoomEvent::Phase { phase });
                Ok(None)
            }
            Action::Kick(participant) => {
                let person = self
                    .people
                    .get_mut(&participant)
                    .filter(|p| !p.kicked)
                    .ok_or_else(|| Error::room(format!("{participant} is not in the room")))?;
                person.kicked = true;
                self.secrets.remove(&person.secret);
                self.kicked_secrets.insert(person.secret);
                self.kicked_peers.insert(person.peer);
                if let Some((_, phone)) = person.phone.take() {
                    let _ = phone.send(Outgoing::Message(RoomMessage::Kicked));
                    let _ = phone.send(Outgoing::Close);
                }
                let _ = self.events.send(RoomEvent::Kicked { participant });
                self.presence();
                Ok(None)
            }
            Action::Approve(ids) => self.moderate(&ids, |facts, submissions| {
                submissions
                    .into_iter()
                    .flat_map(|s| {
                        let text = s.text.clone();
                        approve(facts, vec![s], &text)
                    })
                    .collect()
            }),
            Action::ApproveEdited(id, text) => {
                let text = text.trim().to_string();
                if text.is_empty() {
                    return Err(Error::room("an approved card needs some text"));
                }
                self.moderate(&[id], |facts, submissions| {
                    approve(facts, submissions, &text)
                })
            }
            Action::Merge(ids, text) => {
                if ids.len() < 2 {
                    return Err(Error::room("choose at least two submissions to merge"));
                }
                self.moderate(&ids, |facts, submissions| {
                    let text = text
                        .as_deref()
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(str::to_string)
                        .unwrap_or_else(|| submissions[0].text.clone());
                    approve(facts, submissions, &text)
                })
            }
            Action::Hide(ids) => self.moderate(&ids, |_, submissions| {
                submissions
                    .into_iter()
                    .map(|before| {
                        let after = Submission {
                            state: SubmissionState::Hidden,
                            ..before.clone()
                        };
                        Edit::Update {
                            before: Record::Submission(before),
                            after: Record::Submission(after),
                        }
                    })
                    .collect()
            }),
            Action::Close { .. } => Err(Error::room("the room is closed")),
        }
    }

    /// Applies the facilitator's change to the submissions `ids` (which must all be in the
    /// inbox, waiting or hidden) and returns it, so the window can record it as one undo step.
    fn moderate(
        &mut self,
        ids: &[Id],
        edits: impl FnOnce(&mut Facts, Vec<Submission>) -> Vec<Edit>,
    ) -> Result<Option<RoomChange>> {
        if ids.is_empty() {
            return Err(Error::room("no submission was chosen"));
        }
        let mut facts = self
            .facts()
            .ok_or_else(|| Error::room("the project could not be read"))?;
        let mut submissions = Vec::new();
        for id in ids {
            let submission = facts
                .submissions
                .get(id)
                .ok_or_else(|| Error::room(format!("there is no submission {id}")))?;
            if submission.state == SubmissionState::Approved {
                return Err(Error::room(format!(
                    "submission {:?} is already on the map",
                    submission.text
                )));
            }
            if submissions.iter().any(|s: &Submission| s.id == *id) {
                return Err(Error::room(format!("submission {id} was chosen twice")));
            }
            submissions.push(submission.clone());
        }
        let change = Change::new(edits(&mut facts, submissions));
        let seq = self.file.apply(&change)?;
        let _ = self.events.send(RoomEvent::Changed {
            change: change.clone(),
            seq,
        });
        Ok(Some(RoomChange { change, seq }))
    }

    fn close(&mut self, forget: bool) -> Result<Option<RoomChange>> {
        let forgotten = if forget {
            let room_people: HashSet<Id> = self.people.keys().copied().collect();
            let mut change = None;
            self.file.read(&mut |project| {
                change = super::forget::who_said_what(project, &room_people);
            })?;
            match change {
                Some(change) => {
                    let seq = self.file.apply(&change)?;
                    let _ = self.events.send(RoomEvent::Changed {
                        change: change.clone(),
                        seq,
                    });
                    Some(RoomChange { change, seq })
                }
                None => None,
            }
        } else {
            None
        };
        Ok(forgotten)
    }

    /// Tells every phone the room is closed and forgets every secret.
    fn close_phones(&mut self) {
        for person in self.people.values_mut() {
            if let Some((_, phone)) = person.phone.take() {
                let _ = phone.send(Outgoing::Message(RoomMessage::Closed));
                let _ = phone.send(Outgoing::Close);
            }
        }
        self.secrets.clear();
        let _ = self.events.send(RoomEvent::Closed);
    }
}

/// How many joins a batch holds that are not written yet.
fn joining(batch: &[(Request, Requester)]) -> usize {
    batch
        .iter()
        .filter(|(request, _)| matches!(request, Request::Join { .. }))
        .count()
}

/// A participant's dots as the facts have them after a dot or undot.
fn dots_outcome(facts: &Facts, participant: Id) -> Outcome {
    let allowance = facts.participants.get(&participant).map_or(0, |p| p.dots);
    Outcome::Dots {
        participant,
        placed: facts.dots_of(participant),
        left: allowance.saturating_sub(facts.placed_by(participant)),
    }
}

/// A card on the map for one or more submissions (merged duplicates), at the first one's place.
fn approved_card(facts: &mut Facts, first: &Submission, text: &str) -> Card {
    Card {
        id: Uuid::new_v4(),
        lane: first.lane,
        step: first.step,
        order: facts.next_card_order(first.lane, first.step),
        text: text.to_string(),
        ..Card::default()
    }
}

/// The edits that put submissions on the map as one card with `text`.
fn approve(facts: &mut Facts, submissions: Vec<Submission>, text: &str) -> Vec<Edit> {
    let Some(first) = submissions.first() else {
        return vec![];
    };
    let card = approved_card(facts, first, text);
    let mut edits = vec![Edit::Add {
        record: Record::Card(card.clone()),
    }];
    for before in submissions {
        let after = Submission {
            state: SubmissionState::Approved,
            card: Some(card.id),
            ..before.clone()
        };
        edits.push(Edit::Update {
            before: Record::Submission(before),
            after: Record::Submission(after),
        });
    }
    edits
}
