//! The workshop room: participants join from their phones' browsers over the local network, add
//! cards to an inbox, vote blind with dots and rate how each step feels. No accounts and no
//! internet: the server runs inside Waymark, on one interface the facilitator picks, only while
//! the room is open, and serves one embedded page.
//!
//! The room lives in the core, with no window: the desktop shell and `waymark room` drive the same
//! `Room`. Everything a phone does reaches the project as a typed change through the file's one
//! `apply`, recorded as coming from the room; the facilitator's approvals come back as the change
//! they made, so the window can undo them.

mod desk;
mod facts;
pub mod forget;
pub mod headless;
mod page;
pub mod protocol;
mod secret;
mod server;

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tokio::sync::{broadcast, mpsc, oneshot, watch};
use ts_rs::TS;

use crate::edit::{Change, Origin};
use crate::error::{Error, Result};
use crate::model::{Id, LaneKind, Project, Submission};
use crate::store::ProjectFile;

use desk::{Action, Command, Desk};
pub use desk::{RoomStatus, VoteProgress};
pub use facts::default_lanes;
pub use page::{PAGE_FILES, PHONE_PAGE_BYTES};
pub use protocol::Phase;

/// The project a room writes to, however its holder keeps it open. The desktop shell implements
/// it over the window's open file (and forwards `RoomEvent::Changed` to the window); the CLI and
/// tests use a `Mutex<ProjectFile>`.
pub trait RoomFile: Send + Sync + 'static {
    /// Runs `look` on the project as it is now.
    fn read(&self, look: &mut dyn FnMut(&Project)) -> Result<()>;
    /// Applies a change the room made, recorded in the history as coming from the room, and
    /// answers its place in the file (`ProjectFile::last_change`), read under the same lock as
    /// the write so no other change can come between them.
    fn apply(&self, change: &Change) -> Result<i64>;
}

impl RoomFile for Mutex<ProjectFile> {
    fn read(&self, look: &mut dyn FnMut(&Project)) -> Result<()> {
        let file = self.lock().map_err(|_| poisoned())?;
        look(file.project());
        Ok(())
    }

    fn apply(&self, change: &Change) -> Result<i64> {
        let mut file = self.lock().map_err(|_| poisoned())?;
        file.apply_from(change, Origin::Room)?;
        Ok(file.last_change())
    }
}

fn poisoned() -> Error {
    Error::Internal {
        what: "the project file's lock was poisoned by an earlier failure".into(),
    }
}

/// How a room runs; fixed while it is open.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, TS)]
pub struct RoomOptions {
    /// The journey participants work on; none: the first journey.
    pub journey: Option<Id>,
    /// The lanes open for cards; empty: `default_lanes`.
    pub lanes: Vec<Id>,
    /// Nobody's name is asked for or kept with what they write or rate.
    pub anonymous: bool,
    /// Every card goes on the map as it arrives (the inbox is skipped).
    pub approve_all: bool,
    /// Dots each participant may place.
    pub allowance: u32,
    /// The most dots one participant may place on one opportunity.
    pub cap_per_card: Option<u32>,
}

impl Default for RoomOptions {
    fn default() -> Self {
        RoomOptions {
            journey: None,
            lanes: vec![],
            anonymous: false,
            approve_all: false,
            allowance: 3,
            cap_per_card: None,
        }
    }
}

/// What happens in the room, for the facilitator's window and the projector.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum RoomEvent {
    /// Someone joined (in an anonymous room `name` is their alias).
    Joined {
        participant: Id,
        name: String,
        joined: u32,
    },
    /// How many are in the room and how many phones are connected now.
    Presence {
        joined: u32,
        connected: u32,
    },
    Kicked {
        participant: Id,
    },
    /// A card arrived in the inbox (already in the file: `Changed` carries the edit).
    Submitted {
        submission: Submission,
    },
    /// The room changed the project; the window applies the same change to its copy. `seq` is
    /// the change's place in the file (`ProjectFile::last_change`): the window may have heard of
    /// a later change to the same records first (its own edit's answer), and then keeps those.
    Changed {
        change: Change,
        #[ts(type = "number")]
        seq: i64,
    },
    /// "14 of 18 have voted" (never which opportunity got what before Reveal).
    VoteProgress {
        progress: VoteProgress,
    },
    /// How many participants have rated at least one step.
    Ratings {
        rated: u32,
        of: u32,
    },
    Phase {
        phase: Phase,
    },
    Closed,
}

/// A change the facilitator made through the room, as the file took it: `seq` is its place in
/// the file, as in `RoomEvent::Changed` (which brings the same change too, in either order).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RoomChange {
    pub change: Change,
    #[ts(type = "number")]
    pub seq: i64,
}

/// An address of this machine the room could be opened on, for the facilitator's picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Interface {
    /// The system's name of the network interface, e.g. `wlan0`.
    pub name: String,
    #[ts(type = "string")]
    pub address: IpAddr,
    pub loopback: bool,
}

/// This machine's addresses a phone on the same network could reach: IPv4 first, loopback last,
/// without IPv6 link-local addresses (they need an interface scope a link cannot carry).
pub fn interfaces() -> Result<Vec<Interface>> {
    let found = if_addrs::get_if_addrs().map_err(|e| Error::RoomAddress {
        address: "this machine's network interfaces".into(),
        reason: format!("they could not be listed ({e})"),
    })?;
    let mut list: Vec<Interface> = found
        .into_iter()
        .filter(|i| match i.ip() {
            IpAddr::V6(v6) => (v6.segments()[0] & 0xffc0) != 0xfe80,
            IpAddr::V4(_) => true,
        })
        .map(|i| Interface {
            loopback: i.is_loopback(),
            address: i.ip(),
            name: i.name,
        })
        .collect();
    list.sort_by_key(|i| (i.loopback, i.address.is_ipv6(), i.address));
    list.dedup();
    Ok(list)
}

/// An open room. Dropping it closes the room as `close` does, without forgetting names.
pub struct Room {
    address: SocketAddr,
    link: String,
    code: String,
    commands: mpsc::UnboundedSender<Command>,
    events: broadcast::Sender<RoomEvent>,
    stop: watch::Sender<bool>,
    server: Option<tokio::task::JoinHandle<()>>,
    desk: Option<std::thread::JoinHandle<()>>,
    /// Ends when the server and every phone's connection have ended.
    connections: mpsc::Receiver<()>,
}

impl Room {
    /// Opens a room on `bind` (one address of this machine; a random free port is chosen) over
    /// `file`, in the Capture phase. Needs a running tokio runtime (the app's, or the CLI's).
    pub async fn open(file: Arc<dyn RoomFile>, bind: IpAddr, options: RoomOptions) -> Result<Room> {
        if bind.is_unspecified() || bind.is_multicast() {
            return Err(Error::RoomAddress {
                address: bind.to_string(),
                reason: "a room listens on one address of this machine; choose one from the list"
                    .into(),
            });
        }
        let (journey, lanes) = choose_journey(file.as_ref(), &options)?;
        let listener = tokio::net::TcpListener::bind(SocketAddr::new(bind, 0))
            .await
            .map_err(|e| Error::RoomAddress {
                address: bind.to_string(),
                reason: format!("{e}; choose another address"),
            })?;
        let address = listener.local_addr().map_err(|e| Error::RoomAddress {
            address: bind.to_string(),
            reason: e.to_string(),
        })?;
        let token = secret::random_token()?;
        let code = secret::room_code()?;
        let link = format!("{}/#{token}", server::origin_of(address));
        let (events, _) = broadcast::channel(4096);
        let (commands, inbox) = mpsc::unbounded_channel();
        let desk = Desk::new(
            file,
            journey,
            lanes,
            options,
            token,
            code.clone(),
            events.clone(),
        );
        let desk = std::thread::Builder::new()
            .name("waymark-room".into())
            .spawn(move || desk.run(inbox))
            .map_err(|e| Error::Internal {
                what: format!("the room could not start its worker ({e})"),
            })?;
        let (stop, stopped) = watch::channel(false);
        let (alive, connections) = mpsc::channel(1);
        let server = tokio::spawn(server::serve(
            listener,
            address,
            commands.clone(),
            stopped,
            alive,
        ));
        Ok(Room {
            address,
            link,
            code,
            commands,
            events,
            stop,
            server: Some(server),
            desk: Some(desk),
            connections,
        })
    }

    /// The address and port the room listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The join link: the room's address with the join token in the fragment (browsers never
    /// send a fragment to a server, so it is not in any request line or log).
    pub fn link(&self) -> &str {
        &self.link
    }

    /// A short code the projector and every phone show, so people see they are in the same room.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The join link as a QR code, an SVG document in black on white.
    pub fn qr_svg(&self) -> Result<String> {
        let code =
            qrcode::QrCode::with_error_correction_level(self.link.as_bytes(), qrcode::EcLevel::M)
                .map_err(|e| Error::Internal {
                what: format!("the join link does not fit a QR code ({e})"),
            })?;
        Ok(code
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(256, 256)
            .quiet_zone(true)
            .build())
    }

    /// Everything that happens from now on. A receiver that falls too far behind gets
    /// `Lagged`: it should then read the project afresh rather than rely on `Changed` events.
    pub fn subscribe(&self) -> broadcast::Receiver<RoomEvent> {
        self.events.subscribe()
    }

    pub async fn status(&self) -> Result<RoomStatus> {
        let (reply, answer) = oneshot::channel();
        self.send(Command::Status { reply })?;
        answer.await.map_err(|_| closed())
    }

    /// Moves the room to a phase; every phone follows at once.
    pub async fn set_phase(&self, phase: Phase) -> Result<()> {
        self.act(Action::SetPhase(phase)).await.map(|_| ())
    }

    /// Puts each submission on the map as a card of its own; the change, for the window's undo.
    pub async fn approve(&self, submissions: &[Id]) -> Result<RoomChange> {
        self.change(Action::Approve(submissions.to_vec())).await
    }

    /// Puts one submission on the map with the facilitator's wording.
    pub async fn approve_edited(&self, submission: Id, text: &str) -> Result<RoomChange> {
        self.change(Action::ApproveEdited(submission, text.to_string()))
            .await
    }

    /// Puts duplicates on the map as one card, at the first one's place, with `text` or the first
    /// one's text; every one of them counts as approved into that card.
    pub async fn merge(&self, submissions: &[Id], text: Option<&str>) -> Result<RoomChange> {
        self.change(Action::Merge(
            submissions.to_vec(),
            text.map(str::to_string),
        ))
        .await
    }

    /// Keeps submissions off the map; they stay in the file, counted.
    pub async fn hide(&self, submissions: &[Id]) -> Result<RoomChange> {
        self.change(Action::Hide(submissions.to_vec())).await
    }

    /// Removes a participant: their phone is disconnected, their secret stops working and their
    /// phone's address cannot join again while the room is open. What they gave stays.
    pub async fn kick(&self, participant: Id) -> Result<()> {
        self.act(Action::Kick(participant)).await.map(|_| ())
    }

    /// Closes the room: every phone is told, the server stops listening and the link and every
    /// secret die. With `forget_names`, the file no longer says who wrote or rated what (the
    /// change is returned, for the window).
    pub async fn close(mut self, forget_names: bool) -> Result<Option<RoomChange>> {
        let forgotten = self.act(Action::Close {
            forget: forget_names,
        });
        let forgotten = forgotten.await;
        self.shut_down().await;
        forgotten
    }

    async fn shut_down(&mut self) {
        let _ = self.stop.send(true);
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
        if let Some(desk) = self.desk.take() {
            let _ = tokio::task::spawn_blocking(move || desk.join()).await;
        }
        // Each connection tells its phone the room closed before it ends; a phone that does not
        // read is not waited for long.
        let _ =
            tokio::time::timeout(std::time::Duration::from_secs(2), self.connections.recv()).await;
    }

    async fn act(&self, action: Action) -> Result<Option<RoomChange>> {
        let (reply, answer) = oneshot::channel();
        self.send(Command::Facilitator { action, reply })?;
        answer.await.map_err(|_| closed())?
    }

    async fn change(&self, action: Action) -> Result<RoomChange> {
        self.act(action)
            .await?
            .ok_or_else(|| Error::room("nothing was changed"))
    }

    fn send(&self, command: Command) -> Result<()> {
        self.commands.send(command).map_err(|_| closed())
    }
}

impl Drop for Room {
    fn drop(&mut self) {
        // The server task ends on the stop signal and the desk when its last sender is gone.
        let _ = self.stop.send(true);
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}

fn closed() -> Error {
    Error::room("the room is closed")
}

/// The journey a room works on and the lanes it opens, checked against the project.
fn choose_journey(file: &dyn RoomFile, options: &RoomOptions) -> Result<(Id, Vec<Id>)> {
    let mut chosen = Err(Error::room("the project could not be read"));
    file.read(&mut |project| {
        chosen = (|| {
            let journey = match options.journey {
                Some(id) => project
                    .journey(id)
                    .ok_or_else(|| Error::room(format!("the project has no journey {id}")))?,
                None => project
                    .journeys
                    .iter()
                    .min_by(|a, b| (&a.order, a.id).cmp(&(&b.order, b.id)))
                    .ok_or_else(|| {
                        Error::room("the project has no journey; add one before opening a room")
                    })?,
            };
            let lanes = if options.lanes.is_empty() {
                default_lanes(project, journey.id)
            } else {
                options.lanes.clone()
            };
            for lane in &lanes {
                let ok = project
                    .lanes_of(journey.id)
                    .iter()
                    .any(|l| l.id == *lane && l.kind != LaneKind::Images);
                if !ok {
                    return Err(Error::room(format!(
                        "lane {lane} is not a text lane of journey {:?}",
                        journey.name
                    )));
                }
            }
            if lanes.is_empty() {
                return Err(Error::room(format!(
                    "journey {:?} has no lane for cards; add one before opening a room",
                    journey.name
                )));
            }
            if project.journey_steps(journey.id).is_empty() {
                return Err(Error::room(format!(
                    "journey {:?} has no steps; add some before opening a room",
                    journey.name
                )));
            }
            Ok((journey.id, lanes))
        })();
    })?;
    chosen
}
