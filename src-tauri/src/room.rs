//! The window's workshop room: the core's `Room`, opened over the project this window shows, on
//! the address the facilitator picked. The shell only starts, drives and stops it; what the room
//! does reaches the window as `room` events, and its changes as `RoomEvent::Changed`, which the
//! window applies to its copy as it applies its own.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;
use tauri::{AppHandle, Emitter};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::Mutex;
use ts_rs::TS;
use waymark::room::{Phase, Room, RoomChange, RoomEvent, RoomFile, RoomOptions, RoomStatus};
use waymark::{Change, Id, Origin, Project};

use crate::error::{ErrorCode, IpcError};
use crate::paths::same_file;
use crate::state::{apply_unburied, FileSlot, Opened};

/// The window event every `RoomEvent` is sent as.
pub const ROOM_EVENT: &str = "room";
/// Sent when the window fell so far behind the room that events were dropped: its copy of the
/// project may miss changes, so it reads the project afresh.
pub const ROOM_LAGGED: &str = "room-lagged";

/// The room this window has open, if any. At most one: a second "Open room" is refused.
#[derive(Default)]
pub struct WindowRoom {
    room: Mutex<Option<Room>>,
}

/// What the projector shows of a room that just opened.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomView {
    /// The join link; its fragment holds the join token.
    pub link: String,
    pub code: String,
    /// Where the room listens, e.g. `192.168.1.20:49152`.
    pub address: String,
    /// The join link as a QR code: an SVG document, shown as an image (never parsed into the page).
    pub qr_svg: String,
    pub options: RoomOptions,
}

impl WindowRoom {
    /// Opens a room on `bind` over the window's open project and tells `listener` everything
    /// that happens in it until it closes. Must run inside a tokio runtime (the app's): the
    /// server and the forwarding are spawned on it.
    pub async fn open(
        &self,
        listener: impl RoomListener,
        opened: &Opened,
        bind: &str,
        options: RoomOptions,
    ) -> Result<RoomView, IpcError> {
        let bind: IpAddr = bind.trim().parse().map_err(|_| {
            IpcError::from(waymark::Error::RoomAddress {
                address: bind.to_string(),
                reason: "it is not an IP address; choose one from the list".into(),
            })
        })?;
        let mut slot = self.room.lock().await;
        if slot.is_some() {
            return Err(IpcError::new(
                ErrorCode::Room,
                "A room is already open in this window; close it before opening another",
            ));
        }
        let (file, path) = opened.shared()?;
        let file: Arc<dyn RoomFile> = Arc::new(WindowFile { file, path });
        let room = Room::open(file, bind, options.clone()).await?;
        let view = RoomView {
            link: room.link().to_string(),
            code: room.code().to_string(),
            address: room.address().to_string(),
            qr_svg: room.qr_svg()?,
            options,
        };
        forward(listener, room.subscribe());
        *slot = Some(room);
        Ok(view)
    }

    /// The open room at a glance; none when no room is open.
    pub async fn status(&self) -> Result<Option<RoomStatus>, IpcError> {
        match &*self.room.lock().await {
            Some(room) => Ok(Some(room.status().await?)),
            None => Ok(None),
        }
    }

    pub async fn set_phase(&self, phase: Phase) -> Result<(), IpcError> {
        Ok(self.open_room().await?.set_phase(phase).await?)
    }

    pub async fn approve(&self, submissions: &[Id]) -> Result<RoomChange, IpcError> {
        Ok(self.open_room().await?.approve(submissions).await?)
    }

    pub async fn approve_edited(&self, submission: Id, text: &str) -> Result<RoomChange, IpcError> {
        Ok(self
            .open_room()
            .await?
            .approve_edited(submission, text)
            .await?)
    }

    pub async fn merge(
        &self,
        submissions: &[Id],
        text: Option<&str>,
    ) -> Result<RoomChange, IpcError> {
        Ok(self.open_room().await?.merge(submissions, text).await?)
    }

    pub async fn hide(&self, submissions: &[Id]) -> Result<RoomChange, IpcError> {
        Ok(self.open_room().await?.hide(submissions).await?)
    }

    pub async fn kick(&self, participant: Id) -> Result<(), IpcError> {
        Ok(self.open_room().await?.kick(participant).await?)
    }

    /// Closes the room; with `forget_names` the file stops saying who wrote or rated what, and
    /// that change is returned for the window's history. Closing no room is not an error: the
    /// window may ask twice (a button and the window closing).
    pub async fn close(&self, forget_names: bool) -> Result<Option<RoomChange>, IpcError> {
        let room = self.room.lock().await.take();
        match room {
            Some(room) => Ok(room.close(forget_names).await?),
            None => Ok(None),
        }
    }

    /// The window is closing or the app quitting: the server stops and every link dies, before
    /// the project file is closed under it.
    pub fn close_now(&self) {
        let room = self.room.blocking_lock().take();
        if let Some(room) = room {
            if let Err(e) = tauri::async_runtime::block_on(room.close(false)) {
                eprintln!("waymark-app: closing the workshop room: {e}");
            }
        }
    }

    async fn open_room(&self) -> Result<tokio::sync::MappedMutexGuard<'_, Room>, IpcError> {
        tokio::sync::MutexGuard::try_map(self.room.lock().await, Option::as_mut).map_err(|_| {
            IpcError::new(
                ErrorCode::Room,
                "No workshop room is open: open one from the Workshop menu",
            )
        })
    }
}

/// Who hears what happens in the room: the main window in the app, a channel in tests.
pub trait RoomListener: Send + 'static {
    fn event(&self, event: &RoomEvent);
    /// Events were dropped because the listener fell behind.
    fn lagged(&self);
}

impl RoomListener for AppHandle {
    fn event(&self, event: &RoomEvent) {
        if let Err(e) = self.emit_to("main", ROOM_EVENT, event) {
            eprintln!("waymark-app: the window missed a room event: {e}");
        }
    }

    fn lagged(&self) {
        let _ = self.emit_to("main", ROOM_LAGGED, ());
    }
}

/// Passes every room event on until the room closes.
fn forward(listener: impl RoomListener, mut events: tokio::sync::broadcast::Receiver<RoomEvent>) {
    tokio::spawn(async move {
        loop {
            match events.recv().await {
                Ok(event) => {
                    listener.event(&event);
                    if event == RoomEvent::Closed {
                        break;
                    }
                }
                Err(RecvError::Lagged(_)) => listener.lagged(),
                Err(RecvError::Closed) => break,
            }
        }
    });
}

/// The window's project as the room writes to it: the same file, through the same checks as the
/// editor's edits, recorded as coming from the room. Bound to the file that was open when the room
/// opened, so a room never writes into another file the window moved on to.
/// The live connection (live.rs) holds the window's file the same way.
pub(crate) struct WindowFile {
    pub(crate) file: FileSlot,
    pub(crate) path: PathBuf,
}

impl WindowFile {
    fn with<T>(
        &self,
        work: impl FnOnce(&mut waymark::store::ProjectFile) -> waymark::Result<T>,
    ) -> waymark::Result<T> {
        self.with_or(work, |path| {
            waymark::Error::room(format!(
                "{} is no longer open in this window; close the room",
                path.display()
            ))
        })
    }

    /// Lends the file for `work` while it is still the one open; `gone` says what else.
    pub(crate) fn with_or<T>(
        &self,
        work: impl FnOnce(&mut waymark::store::ProjectFile) -> waymark::Result<T>,
        gone: impl FnOnce(&std::path::Path) -> waymark::Error,
    ) -> waymark::Result<T> {
        let mut guard = self.file.lock().map_err(|_| waymark::Error::Internal {
            what: "the window's project state was poisoned by an earlier failure".into(),
        })?;
        match &mut *guard {
            Some(Ok(file)) if same_file(file.path(), &self.path) => work(file),
            _ => Err(gone(&self.path)),
        }
    }
}

impl RoomFile for WindowFile {
    fn read(&self, look: &mut dyn FnMut(&Project)) -> waymark::Result<()> {
        self.with(|file| {
            look(file.project());
            Ok(())
        })
    }

    fn apply(&self, change: &Change) -> waymark::Result<i64> {
        self.with(|file| {
            apply_unburied(file, change, Origin::Room)?;
            Ok(file.last_change())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::tests::Fixture;

    #[test]
    fn the_room_writes_to_the_windows_file_and_stops_when_the_window_moves_on() {
        let f = Fixture::new();
        let view = f
            .opened
            .new_project(&f.path("a.waymark"), "A", "buying-journey")
            .unwrap();
        let (file, path) = f.opened.shared().unwrap();
        let room_file = WindowFile { file, path };
        let mut journeys = 0;
        room_file
            .read(&mut |project| journeys = project.journeys.len())
            .unwrap();
        assert_eq!(journeys, view.project.journeys.len());
        assert!(journeys > 0);

        let stage = view.project.stages[0].clone();
        let renamed = waymark::Stage {
            name: "Noticed by the room".into(),
            ..stage.clone()
        };
        let change = Change::new(vec![waymark::Edit::Update {
            before: waymark::Record::Stage(stage),
            after: waymark::Record::Stage(renamed),
        }]);
        let before = f.opened.view().unwrap().seq;
        let seq = room_file.apply(&change).unwrap();
        let view = f.opened.view().unwrap();
        assert_eq!(view.project.stages[0].name, "Noticed by the room");
        assert!(seq > before, "{before} then {seq}");
        assert_eq!(seq, view.seq, "the room's change is the file's last");

        f.opened
            .new_project(&f.path("b.waymark"), "B", "blank")
            .unwrap();
        let refused = room_file.read(&mut |_| {}).unwrap_err().to_string();
        assert!(refused.contains("a.waymark"), "{refused}");
        assert!(room_file.apply(&change).is_err());
    }

    #[test]
    fn a_read_only_or_missing_project_cannot_host_a_room() {
        let f = Fixture::new();
        let none = f.opened.shared().err().expect("nothing is open");
        assert_eq!(none.code, ErrorCode::NoFile);
        f.new_a();
        let path = f.path("a.waymark");
        f.opened
            .new_project(&f.path("b.waymark"), "B", "blank")
            .unwrap();
        crate::state::tests::mark_as_someone_else(&path, &waymark::now());
        f.opened.open_file(&path).unwrap();
        let refused = f.opened.shared().err().expect("the file is read-only");
        assert_eq!(refused.code, ErrorCode::ReadOnly);
        assert!(refused.message.contains("alice"), "{}", refused.message);
    }

    /// Tells a test what the window would have been told.
    struct Heard(std::sync::mpsc::Sender<RoomEvent>);

    impl RoomListener for Heard {
        fn event(&self, event: &RoomEvent) {
            let _ = self.0.send(event.clone());
        }
        fn lagged(&self) {}
    }

    #[test]
    fn a_room_opens_on_loopback_once_is_driven_and_closes_telling_the_window() {
        let f = Fixture::new();
        f.opened
            .new_project(&f.path("a.waymark"), "A", "buying-journey")
            .unwrap();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let (told, heard) = std::sync::mpsc::channel();
        let window = WindowRoom::default();
        runtime.block_on(async {
            let bad = window
                .open(
                    Heard(told.clone()),
                    &f.opened,
                    "laptop",
                    RoomOptions::default(),
                )
                .await
                .unwrap_err();
            assert_eq!(bad.code, ErrorCode::Room);
            assert!(bad.message.contains("laptop"), "{}", bad.message);
            assert_eq!(window.status().await.unwrap(), None);

            let view = window
                .open(
                    Heard(told.clone()),
                    &f.opened,
                    "127.0.0.1",
                    RoomOptions::default(),
                )
                .await
                .unwrap();
            assert!(view.link.starts_with("http://127.0.0.1:"), "{}", view.link);
            assert!(view.qr_svg.contains("<svg"), "an SVG document");
            let again = window
                .open(Heard(told), &f.opened, "127.0.0.1", RoomOptions::default())
                .await
                .unwrap_err();
            assert!(again.message.contains("already open"), "{}", again.message);

            window.set_phase(Phase::Vote).await.unwrap();
            let status = window.status().await.unwrap().expect("a room is open");
            assert_eq!((status.phase, status.joined), (Phase::Vote, 0));
            let none = window.approve(&[]).await.unwrap_err();
            assert_eq!(none.code, ErrorCode::Room);

            assert_eq!(window.close(false).await.unwrap(), None);
            assert_eq!(
                window.close(false).await.unwrap(),
                None,
                "closing twice is fine"
            );
            let gone = window.set_phase(Phase::Rate).await.unwrap_err();
            assert!(
                gone.message.contains("No workshop room"),
                "{}",
                gone.message
            );
        });
        let mut events = Vec::new();
        while let Ok(event) = heard.recv_timeout(std::time::Duration::from_secs(10)) {
            let closed = event == RoomEvent::Closed;
            events.push(event);
            if closed {
                break;
            }
        }
        assert!(
            events.contains(&RoomEvent::Phase { phase: Phase::Vote }),
            "{events:?}"
        );
        assert_eq!(events.last(), Some(&RoomEvent::Closed));
    }
}
