//! Share, clone and sync a project with a `waymark serve` server, over the engine's protocol
//! (`loro-protocol` messages through `loro-websocket-client`). The CLI runs these headless; the app
//! is to call the same functions.
//!
//! One round: join the project's room (the server answers with its state), take that state in
//! through `ProjectFile::receive`, send what the server lacks, then ask until the server says its
//! disk holds our edits. Only then is the round acknowledged, and the file records what the server
//! holds, so "changes waiting to sync" counts exactly the edits a server crash could have lost.

use std::time::{Duration, Instant};

use loro_websocket_client::protocol::{CrdtType, ProtocolMessage, MAX_MESSAGE_SIZE};
use loro_websocket_client::{Client, ClientError};

use super::hello::{to_hex, Hello};
use super::server::NOT_STORED_YET;
use super::{Link, FORMAT_VERSION};
use crate::edit::Change;
use crate::error::{Error, Result};
use crate::store::ProjectFile;

/// How long a round waits for the server before giving up; the edits stay waiting.
const PATIENCE: Duration = Duration::from_secs(10);

/// What one round did.
#[derive(Debug, Clone)]
pub struct Round {
    /// The typed change the others' edits made to this file (empty when there were none).
    pub received: Change,
    /// How many of this replica's edits the server had not held before the round.
    pub sent: usize,
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Internal {
            what: format!("the network runtime could not start ({e})"),
        })
}

pub(super) fn network(server: &str, e: ClientError) -> Error {
    Error::Sync {
        what: match e {
            ClientError::Unauthorized => format!(
                "{server} refused the project token; ask whoever runs the server for the project's link"
            ),
            other => format!(
                "cannot reach {server} ({other}); your edits are kept and sent at the next sync"
            ),
        },
    }
}

/// Makes the file live and sends it to the server as a new project. Returns the project's link,
/// for others to clone. A project the server already holds is refused: clone it instead, so one
/// project never starts from two separate engine states.
pub fn share(file: &mut ProjectFile, server: &str) -> Result<Link> {
    let link = Link::parse(server)?.for_project(file.project().info.id);
    runtime()?.block_on(async {
        let mut session = Session::join(&link, &[]).await?;
        if session.server_has_project() {
            return Err(Error::Sync {
                what: format!(
                    "{} already holds this project; clone it with `waymark clone {link} -o FILE` instead of sharing it again",
                    link.server
                ),
            });
        }
        file.go_live()?;
        session.exchange(file).await?;
        Ok(())
    })?;
    file.set_link(&link.to_string(), &acknowledged(file))?;
    Ok(link)
}

/// A new live file at `path` holding the project the link names, as the server has it.
pub fn clone(link: &str, path: &std::path::Path) -> Result<ProjectFile> {
    let link = Link::parse(link)?;
    link.project()?;
    let state = runtime()?.block_on(async {
        let session = Session::join(&link, &[]).await?;
        if !session.server_has_project() {
            return Err(Error::Sync {
                what: format!(
                    "{} holds no project {}; check the link, or share the project first",
                    link.server,
                    link.project()?
                ),
            });
        }
        Ok(session.state)
    })?;
    let mut file = ProjectFile::create_live(path, &state)?;
    file.set_link(&link.to_string(), &acknowledged(&file))?;
    Ok(file)
}

/// One round with the server the file was shared with or cloned from: receive, send, and wait
/// until the server has stored what was sent.
pub fn sync(file: &mut ProjectFile) -> Result<Round> {
    let Some(text) = file.link()?.map(|l| l.link) else {
        return Err(Error::Sync {
            what: format!(
                "{} is not shared live; share it with `waymark share FILE --server URL` first",
                file.path().display()
            ),
        });
    };
    let link = Link::parse(&text)?;
    let sent = file.waiting_to_sync()?;
    let have = acknowledged(file);
    let received = runtime()?.block_on(async {
        let mut session = Session::join(&link, &have).await?;
        session.exchange(file).await
    })?;
    file.set_link(&text, &acknowledged(file))?;
    Ok(Round { received, sent })
}

pub(super) fn acknowledged(file: &ProjectFile) -> Vec<u8> {
    file.replica().map(|r| r.version()).unwrap_or_default()
}

/// A connection that joined a project's room, with the state the server sent on joining.
pub(super) struct Session {
    pub(super) client: Client,
    pub(super) link: Link,
    pub(super) room: String,
    /// What the server sent on joining: everything it has past the version joined with.
    pub(super) state: Vec<Vec<u8>>,
    /// The engine version the server had when it accepted the join.
    pub(super) server_version: Vec<u8>,
    /// Updates too large for one message, arriving in fragments.
    fragments: Fragments,
}

pub(super) fn hello(stored: Option<&[u8]>) -> Vec<u8> {
    Hello {
        format: FORMAT_VERSION,
        stored: stored.map(to_hex),
    }
    .to_bytes()
}

impl Session {
    /// Joins the project's room as a replica at `have` (empty: none yet); the server answers
    /// with what `have` lacks.
    pub(super) async fn join(link: &Link, have: &[u8]) -> Result<Session> {
        let project = link.project()?;
        let url = link.to_string();
        let client = tokio::time::timeout(PATIENCE, Client::connect(&url))
            .await
            .map_err(|_| Error::Sync {
                what: format!(
                    "{} did not answer in time; your edits are kept",
                    link.server
                ),
            })?
            .map_err(|e| network(&link.server, e))?;
        let mut session = Session {
            client,
            link: link.clone(),
            room: project.to_string(),
            state: Vec::new(),
            server_version: Vec::new(),
            fragments: Fragments::default(),
        };
        session
            .send(ProtocolMessage::JoinRequest {
                crdt: CrdtType::Loro,
                room_id: session.room.clone(),
                auth: hello(None),
                version: have.to_vec(),
            })
            .await?;
        if let Err(message) = session.expect_join(CrdtType::Loro).await? {
            return Err(session.refused(&message));
        }
        // The server sends its state right after accepting the join. A second join, to the
        // room's presence channel, is answered after it: the state has arrived when that answer
        // does, whether the server had any.
        session.ask_presence(None).await?;
        Ok(session)
    }

    /// A project that exists on the server has records: a version past the empty one.
    fn server_has_project(&self) -> bool {
        loro::VersionVector::decode(&self.server_version)
            .is_ok_and(|version| version.iter().any(|(_, counter)| *counter > 0))
    }

    pub(super) async fn send(&mut self, message: ProtocolMessage) -> Result<()> {
        let server = self.link.server.clone();
        self.client
            .send(&message)
            .await
            .map_err(|e| network(&server, e))
    }

    async fn next(&mut self) -> Result<ProtocolMessage> {
        let server = self.link.server.clone();
        match tokio::time::timeout(PATIENCE, self.heard()).await {
            Err(_) => Err(Error::Sync {
                what: format!(
                    "{server} stopped answering; your edits are kept and sent at the next sync"
                ),
            }),
            Ok(Err(e)) => Err(network(&server, e)),
            Ok(Ok(None)) => Err(Error::Sync {
                what: format!(
                    "{server} closed the connection; your edits are kept and sent at the next sync"
                ),
            }),
            Ok(Ok(Some(message))) => Ok(message),
        }
    }

    /// The next message from the server, with an update sent in fragments put back together
    /// and handed on as one `DocUpdate`. `None`: the server closed the connection.
    pub(super) async fn heard(
        &mut self,
    ) -> std::result::Result<Option<ProtocolMessage>, ClientError> {
        loop {
            let Some(message) = self.client.next().await? else {
                return Ok(None);
            };
            if let Some(message) = self.fragments.take(message) {
                return Ok(Some(message));
            }
        }
    }

    /// Waits for the answer to a join, keeping any state that arrives meanwhile.
    async fn expect_join(&mut self, crdt: CrdtType) -> Result<std::result::Result<(), String>> {
        loop {
            match self.next().await? {
                ProtocolMessage::JoinResponseOk {
                    crdt: c, version, ..
                } if c == crdt => {
                    if c == CrdtType::Loro {
                        self.server_version = version;
                    }
                    return Ok(Ok(()));
                }
                ProtocolMessage::JoinError {
                    crdt: c, message, ..
                } if c == crdt => return Ok(Err(message)),
                ProtocolMessage::DocUpdate {
                    crdt: CrdtType::Loro,
                    updates,
                    ..
                } => self.state.extend(updates),
                ProtocolMessage::UpdateError { message, .. } => {
                    return Err(Error::Sync {
                        what: format!("{} refused the edits: {message}", self.link.server),
                    })
                }
                _ => {}
            }
        }
    }

    /// Joins the room's presence channel; with `stored`, asks whether the server's disk holds
    /// that version. Answers whether it was admitted.
    async fn ask_presence(&mut self, stored: Option<&[u8]>) -> Result<bool> {
        self.send(ProtocolMessage::JoinRequest {
            crdt: CrdtType::LoroEphemeralStore,
            room_id: self.room.clone(),
            auth: hello(stored),
            version: Vec::new(),
        })
        .await?;
        match self.expect_join(CrdtType::LoroEphemeralStore).await? {
            Ok(()) => Ok(true),
            Err(message) if message == NOT_STORED_YET => Ok(false),
            Err(message) => Err(self.refused(&message)),
        }
    }

    pub(super) fn refused(&self, message: &str) -> Error {
        Error::Sync {
            what: format!("{} refused the project: {message}", self.link.server),
        }
    }

    /// Takes in the server's state, sends what it lacks, and waits until it is stored.
    async fn exchange(&mut self, file: &mut ProjectFile) -> Result<Change> {
        let state = std::mem::take(&mut self.state);
        let received = if state.is_empty() {
            Change::new(Vec::new())
        } else {
            file.receive(&state)?
        };
        let replica = file.replica().ok_or_else(|| Error::Internal {
            what: "a shared file has no engine state".into(),
        })?;
        let server_version = self.server_version.clone();
        let ours = replica.version();
        if replica.ahead_of(&server_version) {
            // To an empty room the snapshot: the same edits, encoded more compactly.
            let update = if !self.server_has_project() {
                replica.snapshot()?
            } else {
                replica.updates_since(&server_version)?
            };
            self.send_update(update).await?;
        }
        let started = Instant::now();
        while !self.ask_presence(Some(&ours)).await? {
            if started.elapsed() > PATIENCE {
                return Err(Error::Sync {
                    what: format!(
                        "{} did not confirm storing the edits in time; they stay waiting and are sent again at the next sync",
                        self.link.server
                    ),
                });
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Ok(received)
    }

    /// Sends an update, in fragments when it is larger than one protocol message may be.
    pub(super) async fn send_update(&mut self, update: Vec<u8>) -> Result<()> {
        let limit = MAX_MESSAGE_SIZE - 4096;
        if update.len() <= limit {
            return self
                .send(ProtocolMessage::DocUpdate {
                    crdt: CrdtType::Loro,
                    room_id: self.room.clone(),
                    updates: vec![update],
                })
                .await;
        }
        // Reassembled, the fragments are read as a DocUpdate's list of updates (the server's
        // `parse_docupdate_payload`): a count, then each update with its length.
        let mut payload = loro_websocket_client::protocol::BytesWriter::new();
        payload.push_uleb128(1);
        payload.push_var_bytes(&update);
        let update = payload.finalize();
        let batch_id = loro_websocket_client::protocol::BatchId(rand_batch());
        let chunks: Vec<&[u8]> = update.chunks(limit).collect();
        self.send(ProtocolMessage::DocUpdateFragmentHeader {
            crdt: CrdtType::Loro,
            room_id: self.room.clone(),
            batch_id,
            fragment_count: chunks.len() as u64,
            total_size_bytes: update.len() as u64,
        })
        .await?;
        for (index, chunk) in chunks.into_iter().enumerate() {
            self.send(ProtocolMessage::DocUpdateFragment {
                crdt: CrdtType::Loro,
                room_id: self.room.clone(),
                batch_id,
                index: index as u64,
                fragment: chunk.to_vec(),
            })
            .await?;
        }
        Ok(())
    }
}

fn rand_batch() -> [u8; 8] {
    let id = uuid::Uuid::new_v4();
    let mut batch = [0u8; 8];
    batch.copy_from_slice(&id.as_bytes()[..8]);
    batch
}

/// Updates arriving in the protocol's fragments: a header naming the batch, its count and size,
/// then the pieces, which together are a `DocUpdate`'s payload (what `waymark serve` sends when
/// one message cannot carry an update, and relays from another client sending one).
#[derive(Default)]
struct Fragments {
    batches: std::collections::HashMap<[u8; 8], Batch>,
}

struct Batch {
    crdt: CrdtType,
    room_id: String,
    pieces: Vec<Option<Vec<u8>>>,
    size: usize,
}

/// The most fragments and bytes one batch may announce: a bad header must not make a client
/// reserve more than this.
const LARGEST_BATCH: (u64, u64) = (4096, 64 * 1024 * 1024);

impl Fragments {
    /// Hands a message on, except a fragment: that is kept, and the whole update is handed on
    /// as a `DocUpdate` when its last piece arrives.
    fn take(&mut self, message: ProtocolMessage) -> Option<ProtocolMessage> {
        match message {
            ProtocolMessage::DocUpdateFragmentHeader {
                crdt,
                room_id,
                batch_id,
                fragment_count,
                total_size_bytes,
            } => {
                if fragment_count > 0
                    && fragment_count <= LARGEST_BATCH.0
                    && total_size_bytes <= LARGEST_BATCH.1
                {
                    self.batches.insert(
                        batch_id.0,
                        Batch {
                            crdt,
                            room_id,
                            pieces: vec![None; fragment_count as usize],
                            size: total_size_bytes as usize,
                        },
                    );
                }
                None
            }
            ProtocolMessage::DocUpdateFragment {
                batch_id,
                index,
                fragment,
                ..
            } => {
                let batch = self.batches.get_mut(&batch_id.0)?;
                let piece = batch.pieces.get_mut(usize::try_from(index).ok()?)?;
                *piece = Some(fragment);
                if batch.pieces.iter().any(Option::is_none) {
                    return None;
                }
                let batch = self.batches.remove(&batch_id.0)?;
                let mut payload = Vec::with_capacity(batch.size);
                for piece in batch.pieces.into_iter().flatten() {
                    payload.extend_from_slice(&piece);
                }
                Some(ProtocolMessage::DocUpdate {
                    crdt: batch.crdt,
                    room_id: batch.room_id,
                    updates: read_updates(&payload)?,
                })
            }
            other => Some(other),
        }
    }
}

/// A `DocUpdate`'s payload: a count, then each update with its length.
fn read_updates(payload: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut reader = loro_websocket_client::protocol::BytesReader::new(payload);
    let count = reader.read_uleb128().ok()?;
    let mut updates = Vec::new();
    for _ in 0..count {
        updates.push(reader.read_var_bytes().ok()?.to_vec());
    }
    (reader.remaining() == 0).then_some(updates)
}
