//! A window's lasting connection to the server its live file was shared with or cloned from.
//! Where `client::sync` is one round, this stays joined: others' edits arrive as the server
//! relays them (push, not polling) and go through `ProjectFile::receive`; the window's own edits
//! are sent as soon as it says it made one. When the server cannot be reached the connection
//! keeps trying, and the edits made meanwhile stay counted as waiting until a server acknowledges
//! them; reconnecting sends them without asking anyone.
//!
//! Presence (who is here, which card each is editing) travels in the engine's ephemeral store
//! (`loro::awareness::EphemeralStore`) through the project's presence room, which the server
//! relays and never stores.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use loro::awareness::EphemeralStore;
use loro_websocket_client::protocol::{CrdtType, ProtocolMessage};
use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, mpsc};
use tokio::time::{sleep, Instant};
use ts_rs::TS;

use super::client::{acknowledged, hello, network, Session};
use super::server::NOT_STORED_YET;
use super::Link;
use crate::edit::Change;
use crate::error::{Error, Result};
use crate::model::Id;
use crate::store::ProjectFile;

/// How long someone who stopped saying they are here still shows.
const PRESENCE_TIMEOUT_MS: i64 = 30_000;
/// How often a connection says it is still here (and keeps the socket from idling out).
const PRESENCE_EVERY: Duration = Duration::from_secs(10);
/// How long to wait before asking again whether the server's disk holds the edits.
const ASK_AGAIN: Duration = Duration::from_millis(40);
/// Waits between attempts to reach a server that is away, growing to the last.
const RETRY: [u64; 5] = [250, 500, 1000, 2000, 4000];

/// The live file as its holder keeps it (the window's file in the app, a plain file in tests).
pub trait LiveFile: Send + Sync + 'static {
    /// Lends the file for `work`; fails when the file is no longer the one that went live.
    fn with(&self, work: &mut dyn FnMut(&mut ProjectFile) -> Result<()>) -> Result<()>;
}

/// What the connection tells the window.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum LiveEvent {
    /// Joined the server; what was waiting has been sent.
    Connected,
    /// The server cannot be reached now; edits are kept and sent on reconnecting.
    Offline { reason: String },
    /// Others' edits changed the project (already in the file); the window applies the same
    /// change to its copy. `seq` is the change's place in the file (`ProjectFile::last_change`):
    /// the window may have heard of a later change first (its own command's answer), and then
    /// keeps the newer version of each record.
    Received {
        change: Change,
        #[ts(type = "number")]
        seq: i64,
    },
    /// How many changes made here the server has not acknowledged yet.
    Waiting { count: u32 },
    /// Who else is here now.
    Presence { people: Vec<Presence> },
    /// The live file could not take others' edits (e.g. it was closed); the connection ended.
    Stopped { reason: String },
}

/// One other person with the project open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Presence {
    /// One open window: the same person may be here twice.
    pub session: String,
    pub name: String,
    /// A CSS colour for their outline.
    pub colour: String,
    /// The record they have selected now (a card, or a stage, step or lane header), if any.
    pub editing: Option<Id>,
}

/// Colours people get, far enough apart to tell two outlines on one map.
const COLOURS: [&str; 6] = [
    "#d9480f", "#1971c2", "#2f9e44", "#ae3ec9", "#e67700", "#0c8599",
];

enum Command {
    Edited,
    Editing(Option<Id>),
}

/// A running connection. Dropping it (or `stop`) leaves the project's rooms.
pub struct Connection {
    commands: mpsc::UnboundedSender<Command>,
    events: broadcast::Sender<LiveEvent>,
}

impl Connection {
    /// Starts following the server the file's link names, as `name`. Must run inside a tokio
    /// runtime (the app's): the connection is a task on it.
    pub fn start(file: Arc<dyn LiveFile>, name: Option<String>) -> Result<Connection> {
        let mut text = None;
        file.with(&mut |f| {
            text = f.link()?.map(|l| l.link);
            Ok(())
        })?;
        let Some(text) = text else {
            return Err(Error::Sync {
                what: "the project is not shared live; share it or join one first".into(),
            });
        };
        let link = Link::parse(&text)?;
        let session = uuid::Uuid::new_v4().simple().to_string();
        let colour = COLOURS[session.bytes().map(usize::from).sum::<usize>() % COLOURS.len()];
        let me = Presence {
            session,
            name: name.unwrap_or_else(crate::store::user_name),
            colour: colour.to_string(),
            editing: None,
        };
        let (commands, orders) = mpsc::unbounded_channel();
        let (events, _) = broadcast::channel(256);
        let follower = Follower {
            file,
            link,
            text,
            me,
            events: events.clone(),
            orders,
        };
        tokio::spawn(follower.run());
        Ok(Connection { commands, events })
    }

    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.events.subscribe()
    }

    /// A change made here is in the file: send it now.
    pub fn edited(&self) {
        let _ = self.commands.send(Command::Edited);
    }

    /// What this window has selected now (a card or a header), for the others' outlines.
    pub fn editing(&self, record: Option<Id>) {
        let _ = self.commands.send(Command::Editing(record));
    }

    /// Leaves the project's rooms (others stop showing this window) and ends the task; dropping
    /// the connection does the same.
    pub fn stop(self) {}
}

/// How a connection ended: the window asked, or the link broke.
enum Ended {
    Asked,
    Broken(Error),
}

struct Follower {
    file: Arc<dyn LiveFile>,
    link: Link,
    /// The link as stored in the file, written back with each acknowledgement.
    text: String,
    me: Presence,
    events: broadcast::Sender<LiveEvent>,
    orders: mpsc::UnboundedReceiver<Command>,
}

impl Follower {
    async fn run(mut self) {
        let mut attempt = 0;
        loop {
            let have = self.version();
            let ended = match Session::join(&self.link, &have).await {
                Ok(session) => {
                    attempt = 0;
                    self.follow(session).await
                }
                Err(e) => Ended::Broken(e),
            };
            let reason = match ended {
                Ended::Asked => return,
                Ended::Broken(Error::Sync { what }) => what,
                Ended::Broken(other) => {
                    // Not the network: the file itself refused; trying again would not help.
                    self.tell(LiveEvent::Stopped {
                        reason: other.to_string(),
                    });
                    return;
                }
            };
            self.tell(LiveEvent::Offline { reason });
            self.tell_waiting();
            let wait = sleep(Duration::from_millis(RETRY[attempt.min(RETRY.len() - 1)]));
            attempt += 1;
            tokio::pin!(wait);
            loop {
                tokio::select! {
                    _ = &mut wait => break,
                    order = self.orders.recv() => match order {
                        None => return,
                        Some(Command::Edited) => self.tell_waiting(),
                        Some(Command::Editing(record)) => self.me.editing = record,
                    },
                }
            }
        }
    }

    fn tell(&self, event: LiveEvent) {
        let _ = self.events.send(event);
    }

    fn tell_waiting(&self) {
        let mut count = 0;
        let _ = self.file.with(&mut |f| {
            count = f.waiting_to_sync()?;
            Ok(())
        });
        self.tell(LiveEvent::Waiting {
            count: count as u32,
        });
    }

    /// Stays joined until the window stops the connection or the link breaks.
    async fn follow(&mut self, mut session: Session) -> Ended {
        match self.follow_joined(&mut session).await {
            Ok(()) => {
                self.leave(&mut session).await;
                Ended::Asked
            }
            Err(e) => Ended::Broken(e),
        }
    }

    async fn follow_joined(&mut self, session: &mut Session) -> Result<()> {
        let presence = EphemeralStore::new(PRESENCE_TIMEOUT_MS);
        // What the server sent on joining, in; then what it lacks, out.
        let state = std::mem::take(&mut session.state);
        if !state.is_empty() {
            self.receive(&state)?;
        }
        let mut sent = session.server_version.clone();
        self.send_new(session, &mut sent).await?;
        // The version whose storing was asked about last, and when to ask again.
        let mut asking = self.ask_stored(session, &self.version()).await?;
        let mut ask_again: Option<Instant> = None;
        self.tell(LiveEvent::Connected);
        self.say_here(session, &presence).await?;
        let mut here_again = Instant::now() + PRESENCE_EVERY;
        loop {
            let wake = ask_again.map_or(here_again, |at| at.min(here_again));
            tokio::select! {
                heard = session.heard() => {
                    let message = match heard {
                        Ok(Some(message)) => message,
                        Ok(None) => return Err(Error::Sync { what: format!("{} closed the connection; your edits are kept and sent when it is back", self.link.server) }),
                        Err(e) => return Err(network(&self.link.server, e)),
                    };
                    match message {
                        ProtocolMessage::DocUpdate { crdt: CrdtType::Loro, updates, .. } => {
                            self.receive(&updates)?;
                        }
                        ProtocolMessage::DocUpdate { crdt: CrdtType::LoroEphemeralStore, updates, .. } => {
                            for update in &updates {
                                let _ = presence.apply(update);
                            }
                            self.tell_presence(&presence);
                        }
                        ProtocolMessage::JoinResponseOk { crdt: CrdtType::LoroEphemeralStore, .. } => {
                            // The file records an acknowledgement as covering all its changes so
                            // far: only true while nothing came in or was made since the asking.
                            let ours = self.version();
                            if ours == asking {
                                self.acknowledge(&asking)?;
                            } else {
                                asking = self.ask_stored(session, &ours).await?;
                            }
                        }
                        ProtocolMessage::JoinError { crdt: CrdtType::LoroEphemeralStore, message, .. } => {
                            if message != NOT_STORED_YET {
                                return Err(session.refused(&message));
                            }
                            ask_again = Some(Instant::now() + ASK_AGAIN);
                        }
                        ProtocolMessage::JoinError { message, .. } => return Err(session.refused(&message)),
                        ProtocolMessage::UpdateError { message, .. } => {
                            return Err(Error::Sync { what: format!("{} refused the edits: {message}", self.link.server) });
                        }
                        _ => {}
                    }
                }
                order = self.orders.recv() => match order {
                    None => return Ok(()),
                    Some(Command::Edited) => {
                        self.send_new(session, &mut sent).await?;
                        self.tell_waiting();
                        if ask_again.is_none() {
                            asking = self.ask_stored(session, &self.version()).await?;
                        }
                    }
                    Some(Command::Editing(record)) => {
                        self.me.editing = record;
                        self.say_here(session, &presence).await?;
                    }
                },
                _ = tokio::time::sleep_until(wake) => {
                    if ask_again.is_some_and(|at| at <= Instant::now()) {
                        ask_again = None;
                        asking = self.ask_stored(session, &self.version()).await?;
                    }
                    if here_again <= Instant::now() {
                        presence.remove_outdated();
                        self.say_here(session, &presence).await?;
                        self.tell_presence(&presence);
                        here_again = Instant::now() + PRESENCE_EVERY;
                    }
                }
            }
        }
    }

    fn receive(&self, updates: &[Vec<u8>]) -> Result<()> {
        let mut change = Change::new(Vec::new());
        let mut seq = 0;
        self.file.with(&mut |f| {
            change = f.receive(updates)?;
            seq = f.last_change();
            Ok(())
        })?;
        if !change.edits.is_empty() {
            self.tell(LiveEvent::Received { change, seq });
        }
        Ok(())
    }

    fn version(&self) -> Vec<u8> {
        let mut version = Vec::new();
        let _ = self.file.with(&mut |f| {
            version = acknowledged(f);
            Ok(())
        });
        version
    }

    /// Sends the edits made here since `sent`, and moves `sent` on.
    async fn send_new(&self, session: &mut Session, sent: &mut Vec<u8>) -> Result<()> {
        let mut update = None;
        let mut version = Vec::new();
        self.file.with(&mut |f| {
            let Some(replica) = f.replica() else {
                return Ok(());
            };
            version = replica.version();
            if replica.ahead_of(sent) {
                update = Some(if sent.is_empty() {
                    replica.snapshot()?
                } else {
                    replica.updates_since(sent)?
                });
            }
            Ok(())
        })?;
        if let Some(update) = update {
            session.send_update(update).await?;
            *sent = version;
        }
        Ok(())
    }

    /// Asks whether the server's disk holds `version`; the answer arrives as a join response.
    async fn ask_stored(&self, session: &mut Session, version: &[u8]) -> Result<Vec<u8>> {
        session
            .send(ProtocolMessage::JoinRequest {
                crdt: CrdtType::LoroEphemeralStore,
                room_id: session.room.clone(),
                auth: hello(Some(version)),
                version: Vec::new(),
            })
            .await?;
        Ok(version.to_vec())
    }

    /// The server holds `version` on its disk: record it, and tell the window what still waits.
    fn acknowledge(&self, version: &[u8]) -> Result<()> {
        let mut count = 0;
        self.file.with(&mut |f| {
            // Only a version the file has reached, which is every version asked about.
            f.set_link(&self.text, version)?;
            count = f.waiting_to_sync()?;
            Ok(())
        })?;
        self.tell(LiveEvent::Waiting {
            count: count as u32,
        });
        Ok(())
    }

    async fn say_here(&self, session: &mut Session, presence: &EphemeralStore) -> Result<()> {
        let me = serde_json::to_string(&self.me).map_err(|e| Error::Internal {
            what: format!("presence could not be written ({e})"),
        })?;
        presence.set(&self.me.session, me);
        self.send_presence(session, presence.encode(&self.me.session))
            .await
    }

    async fn send_presence(&self, session: &mut Session, update: Vec<u8>) -> Result<()> {
        session
            .send(ProtocolMessage::DocUpdate {
                crdt: CrdtType::LoroEphemeralStore,
                room_id: session.room.clone(),
                updates: vec![update],
            })
            .await
    }

    fn tell_presence(&self, presence: &EphemeralStore) {
        let people: BTreeMap<String, Presence> = presence
            .get_all_states()
            .into_iter()
            .filter(|(session, _)| *session != self.me.session)
            .filter_map(|(session, value)| {
                let text = value.into_string().ok()?;
                Some((session, serde_json::from_str(&text).ok()?))
            })
            .collect();
        self.tell(LiveEvent::Presence {
            people: people.into_values().collect(),
        });
    }

    /// Says goodbye in the presence room, so others stop showing this window at once.
    async fn leave(&self, session: &mut Session) {
        // An empty value rather than a deletion: a deleted key is not always in the update the
        // store encodes for it, and the others read an empty value as gone.
        let presence = EphemeralStore::new(PRESENCE_TIMEOUT_MS);
        presence.set(&self.me.session, "");
        let _ = self
            .send_presence(session, presence.encode(&self.me.session))
            .await;
    }
}
