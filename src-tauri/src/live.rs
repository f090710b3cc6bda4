//! The window's live connection: sharing its file with a `waymark serve` server, joining a
//! project from a link, and following the server while a live file is shown. The core does the
//! work (`waymark::sync`); others' edits reach the window as `live` events, already in the file,
//! which the window applies to its copy as it applies the room's.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tauri::{AppHandle, Emitter};
use tokio::sync::broadcast::error::RecvError;
use waymark::store::ProjectFile;
use waymark::sync::connection::{Connection, LiveEvent, LiveFile};
use waymark::Id;

use crate::commands::off_thread;
use crate::error::IpcError;
use crate::paths::same_file;
use crate::room::WindowFile;
use crate::state::{Opened, OpenedView};

/// The window event every `LiveEvent` is sent as.
pub const LIVE_EVENT: &str = "live";
/// Events were dropped: the window reads the project afresh.
pub const LIVE_LAGGED: &str = "live-lagged";

/// The connection of the live file this window shows, if it shows one.
#[derive(Default)]
pub struct WindowLive {
    following: Mutex<Option<(PathBuf, Connection)>>,
}

impl WindowLive {
    /// Makes the window's file live on `server` (`ws://HOST:PORT?token=TOKEN`) and follows it.
    /// Returns the project's link for the others.
    pub async fn share(
        &self,
        listener: impl LiveListener,
        opened: &Opened,
        server: String,
    ) -> Result<String, IpcError> {
        let (file, path) = opened.shared()?;
        let window_file = WindowFile { file, path };
        let link = off_thread(move || {
            Ok(window_file.with_or(|file| waymark::sync::client::share(file, &server), gone)?)
        })
        .await?;
        self.follow(listener, opened)?;
        Ok(link.to_string())
    }

    /// Clones the project `link` names into a new file at `path`, opens it in this window and
    /// follows it.
    pub async fn join(
        &self,
        listener: impl LiveListener,
        opened: &Opened,
        link: String,
        path: PathBuf,
    ) -> Result<OpenedView, IpcError> {
        let target = path.clone();
        off_thread(move || Ok(waymark::sync::client::clone(&link, &target)?.close()?)).await?;
        let view = opened.open_file(&path)?;
        self.follow(listener, opened)?;
        Ok(view)
    }

    /// Follows the server of the file the window shows, if it is live; stops following a file
    /// the window no longer shows. Answers whether it follows one now. Must run inside the app's
    /// tokio runtime: the connection is a task on it.
    pub fn follow(&self, listener: impl LiveListener, opened: &Opened) -> Result<bool, IpcError> {
        let mut following = self.following.lock().map_err(|_| poisoned())?;
        let Ok((file, path)) = opened.shared() else {
            *following = None;
            return Ok(false);
        };
        if following.as_ref().is_some_and(|(p, _)| same_file(p, &path)) {
            return Ok(true);
        }
        *following = None;
        let window_file = WindowFile { file, path };
        let linked = window_file.with_or(|file| Ok(file.link()?.is_some()), gone)?;
        if !linked {
            return Ok(false);
        }
        let path = window_file.path.clone();
        let connection = Connection::start(Arc::new(window_file), None)?;
        forward(listener, &connection);
        *following = Some((path, connection));
        Ok(true)
    }

    /// A change made in the window is in the file: the connection sends it now.
    pub fn edited(&self) {
        if let Ok(following) = self.following.lock() {
            if let Some((_, connection)) = &*following {
                connection.edited();
            }
        }
    }

    /// What the window has selected now (a card or a stage, step or lane header), for the
    /// others' outlines.
    pub fn editing(&self, record: Option<Id>) {
        if let Ok(following) = self.following.lock() {
            if let Some((_, connection)) = &*following {
                connection.editing(record);
            }
        }
    }

    /// The window closes: the others stop showing it at once.
    pub fn stop(&self) {
        if let Ok(mut following) = self.following.lock() {
            following.take();
        }
    }
}

impl LiveFile for WindowFile {
    fn with(
        &self,
        work: &mut dyn FnMut(&mut ProjectFile) -> waymark::Result<()>,
    ) -> waymark::Result<()> {
        self.with_or(work, gone)
    }
}

fn gone(path: &Path) -> waymark::Error {
    waymark::Error::Usage {
        what: format!(
            "{} is no longer open in this window; open it again to follow its server",
            path.display()
        ),
    }
}

fn poisoned() -> IpcError {
    IpcError::from(waymark::Error::Internal {
        what: "the window's live connection state was poisoned by an earlier failure".into(),
    })
}

/// Who hears what the connection does: the main window in the app, a channel in tests.
pub trait LiveListener: Send + 'static {
    fn event(&self, event: &LiveEvent);
    fn lagged(&self);
}

impl LiveListener for AppHandle {
    fn event(&self, event: &LiveEvent) {
        if let Err(e) = self.emit_to("main", LIVE_EVENT, event) {
            eprintln!("waymark-app: the window missed a live event: {e}");
        }
    }

    fn lagged(&self) {
        let _ = self.emit_to("main", LIVE_LAGGED, ());
    }
}

fn forward(listener: impl LiveListener, connection: &Connection) {
    let mut events = connection.subscribe();
    tokio::spawn(async move {
        loop {
            match events.recv().await {
                Ok(event) => listener.event(&event),
                Err(RecvError::Lagged(_)) => listener.lagged(),
                Err(RecvError::Closed) => break,
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::tests::Fixture;
    use std::time::Duration;

    /// Tells a test what the window would have been told.
    #[derive(Clone)]
    struct Heard(std::sync::mpsc::Sender<LiveEvent>);

    impl LiveListener for Heard {
        fn event(&self, event: &LiveEvent) {
            let _ = self.0.send(event.clone());
        }
        fn lagged(&self) {}
    }

    fn until(
        heard: &std::sync::mpsc::Receiver<LiveEvent>,
        mut wanted: impl FnMut(&LiveEvent) -> bool,
    ) {
        let mut seen = Vec::new();
        loop {
            match heard.recv_timeout(Duration::from_secs(15)) {
                Ok(event) if wanted(&event) => return,
                Ok(event) => seen.push(event),
                Err(_) => panic!("not heard in time; heard {seen:?}"),
            }
        }
    }

    /// A `waymark serve` on 127.0.0.1 in this process, for as long as the test runs.
    fn server(data: PathBuf) -> String {
        let (told, bound) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let options = waymark::sync::server::Options {
                data,
                bind: "127.0.0.1:0".parse().unwrap(),
                tokens: None,
            };
            waymark::sync::server::serve(options, |address| {
                let _ = told.send(address);
            })
            .unwrap();
        });
        let address = bound.recv_timeout(Duration::from_secs(10)).unwrap();
        format!("ws://{address}")
    }

    #[test]
    fn a_window_shares_another_joins_and_an_edit_reaches_it_pushed() {
        let (one, two) = (Fixture::new(), Fixture::new());
        let url = server(one.path("data"));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let view = one
            .opened
            .new_project(&one.path("a.waymark"), "A", "buying-journey")
            .unwrap();
        let (told_one, heard_one) = std::sync::mpsc::channel();
        let (told_two, heard_two) = std::sync::mpsc::channel();
        let (live_one, live_two) = (WindowLive::default(), WindowLive::default());
        runtime.block_on(async {
            let link = live_one
                .share(Heard(told_one.clone()), &one.opened, url)
                .await
                .unwrap();
            assert!(link.starts_with("ws://127.0.0.1:"), "{link}");
            let bad = live_two
                .join(
                    Heard(told_two.clone()),
                    &two.opened,
                    "http://example.org/x".into(),
                    two.path("bad.waymark"),
                )
                .await
                .unwrap_err();
            assert!(!bad.message.is_empty());
            let joined = live_two
                .join(
                    Heard(told_two.clone()),
                    &two.opened,
                    link,
                    two.path("b.waymark"),
                )
                .await
                .unwrap();
            assert_eq!(joined.project.cards.len(), view.project.cards.len());
            assert!(live_two.follow(Heard(told_two), &two.opened).unwrap());
        });
        until(&heard_one, |e| *e == LiveEvent::Connected);
        until(&heard_two, |e| *e == LiveEvent::Connected);

        let stage = view.project.stages[0].clone();
        let renamed = waymark::Stage {
            name: "Renamed in one window".into(),
            ..stage.clone()
        };
        one.opened
            .apply(&waymark::Change::new(vec![waymark::Edit::Update {
                before: waymark::Record::Stage(stage),
                after: waymark::Record::Stage(renamed),
            }]))
            .unwrap();
        live_one.edited();
        until(&heard_two, |e| matches!(e, LiveEvent::Received { .. }));
        assert_eq!(
            two.opened.view().unwrap().project.stages[0].name,
            "Renamed in one window"
        );
        until(&heard_one, |e| *e == LiveEvent::Waiting { count: 0 });
        live_one.stop();
        live_two.stop();
    }

    /// Two windows on one live project (two cards) through a server in this process: `one`
    /// shared it, `two` joined it, both are connected.
    struct TwoWindows {
        one: Fixture,
        two: Fixture,
        live_one: WindowLive,
        live_two: WindowLive,
        heard_one: std::sync::mpsc::Receiver<LiveEvent>,
        heard_two: std::sync::mpsc::Receiver<LiveEvent>,
        _runtime: tokio::runtime::Runtime,
    }

    impl TwoWindows {
        fn joined() -> TwoWindows {
            let (one, two) = (Fixture::new(), Fixture::new());
            let url = server(one.path("data"));
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            let project = one
                .opened
                .new_project(&one.path("a.waymark"), "A", "buying-journey")
                .unwrap()
                .project;
            let card = |order: waymark::OrderKey, text: &str| {
                waymark::Record::Card(waymark::Card {
                    id: waymark::Id::new_v4(),
                    lane: project.lanes[0].id,
                    step: project.steps[0].id,
                    order,
                    text: text.into(),
                    channel: None,
                    expected: None,
                    experienced: None,
                    severity: None,
                    impact: None,
                    effort: None,
                    votes: 0,
                    answers: Vec::new(),
                    image: None,
                    measure_key: None,
                })
            };
            let first = waymark::OrderKey::first();
            let cards = vec![
                waymark::Edit::Add {
                    record: card(first.after(), "Second card"),
                },
                waymark::Edit::Add {
                    record: card(first, "First card"),
                },
            ];
            one.opened.apply(&waymark::Change::new(cards)).unwrap();
            let (told_one, heard_one) = std::sync::mpsc::channel();
            let (told_two, heard_two) = std::sync::mpsc::channel();
            let (live_one, live_two) = (WindowLive::default(), WindowLive::default());
            runtime.block_on(async {
                let link = live_one
                    .share(Heard(told_one), &one.opened, url)
                    .await
                    .unwrap();
                live_two
                    .join(Heard(told_two), &two.opened, link, two.path("b.waymark"))
                    .await
                    .unwrap();
            });
            until(&heard_one, |e| *e == LiveEvent::Connected);
            until(&heard_two, |e| *e == LiveEvent::Connected);
            TwoWindows {
                one,
                two,
                live_one,
                live_two,
                heard_one,
                heard_two,
                _runtime: runtime,
            }
        }
    }

    fn card_text(opened: &Opened, card: waymark::Id) -> String {
        let view = opened.view().unwrap();
        let found = view.project.cards.iter().find(|c| c.id == card);
        found.expect("the card").text.clone()
    }

    /// The change a window makes when its text is typed into `card`.
    fn typed(opened: &Opened, card: waymark::Id, text: &str) -> waymark::Change {
        let view = opened.view().unwrap();
        let before = view.project.cards.iter().find(|c| c.id == card).unwrap();
        let after = waymark::Card {
            text: text.into(),
            ..before.clone()
        };
        let change = waymark::Change::new(vec![waymark::Edit::Update {
            before: waymark::Record::Card(before.clone()),
            after: waymark::Record::Card(after),
        }]);
        opened.apply(&change).unwrap();
        change
    }

    #[test]
    fn undo_in_a_live_window_takes_back_only_its_own_edits_and_both_converge() {
        let w = TwoWindows::joined();
        let cards = w.one.opened.view().unwrap().project.cards;
        let (first, second) = (cards[0].id, cards[1].id);
        let second_was = cards[1].text.clone();

        // One window's step types into two cards; the other then retypes the first.
        let first_step = typed(&w.one.opened, first, "First, by one");
        let step = {
            let view = w.one.opened.view().unwrap();
            let edit = |id: waymark::Id, text: &str| {
                let before = view.project.cards.iter().find(|c| c.id == id).unwrap();
                waymark::Edit::Update {
                    before: waymark::Record::Card(before.clone()),
                    after: waymark::Record::Card(waymark::Card {
                        text: text.into(),
                        ..before.clone()
                    }),
                }
            };
            let change = waymark::Change::new(vec![
                edit(first, "First, by one, again"),
                edit(second, "Second, by one"),
            ]);
            w.one.opened.apply(&change).unwrap();
            change
        };
        w.live_one.edited();
        until(&w.heard_two, |_| {
            card_text(&w.two.opened, second) == "Second, by one"
        });
        typed(&w.two.opened, first, "First, by two");
        w.live_two.edited();
        until(&w.heard_one, |_| {
            card_text(&w.one.opened, first) == "First, by two"
        });

        // The window's undo of its last step: its own text in the second card goes back, the
        // other's later text in the first stays.
        let undone = w.one.opened.undo_own(&step).unwrap();
        assert_eq!(undone.change.edits.len(), 1, "{:?}", undone.change);
        w.live_one.edited();
        assert_eq!(card_text(&w.one.opened, second), second_was);
        assert_eq!(card_text(&w.one.opened, first), "First, by two");
        until(&w.heard_two, |_| {
            card_text(&w.two.opened, second) == second_was
        });
        assert_eq!(card_text(&w.two.opened, first), "First, by two");

        // Its earlier step touched only the first card, which is no longer its own: nothing to do.
        let nothing = w.one.opened.undo_own(&first_step).unwrap();
        assert!(nothing.change.edits.is_empty(), "{:?}", nothing.change);
        assert_eq!(card_text(&w.one.opened, first), "First, by two");

        // Redo is the undo of what the undo did, and reaches the other window too.
        let redone = w.one.opened.undo_own(&undone.change).unwrap();
        assert_eq!(redone.change.edits.len(), 1);
        w.live_one.edited();
        until(&w.heard_two, |_| {
            card_text(&w.two.opened, second) == "Second, by one"
        });
        for window in [&w.one.opened, &w.two.opened] {
            assert_eq!(card_text(window, first), "First, by two");
            assert_eq!(card_text(window, second), "Second, by one");
        }
        w.live_one.stop();
        w.live_two.stop();
    }

    /// The window orders what it hears by the file's numbering (ui/src/lib/doc/file-order.ts):
    /// an event and a command's answer each carry their change's place in the file.
    #[test]
    fn events_and_answers_carry_their_place_in_the_file() {
        let w = TwoWindows::joined();
        let card = w.one.opened.view().unwrap().project.cards[0].id;
        let first = w.one.opened.view().unwrap().seq;
        typed(&w.one.opened, card, "By one");
        let typed_at = w.one.opened.view().unwrap().seq;
        assert!(typed_at > first, "{first} then {typed_at}");
        w.live_one.edited();
        let mut received = None;
        until(&w.heard_two, |e| match e {
            LiveEvent::Received { seq, .. } => {
                received = Some(*seq);
                true
            }
            _ => false,
        });
        let received = received.unwrap();
        assert_eq!(received, w.two.opened.view().unwrap().seq);

        // What the second window does next comes after what it took from the first.
        let view = w.two.opened.view().unwrap();
        let before = view.project.cards.iter().find(|c| c.id == card).unwrap();
        let mine = waymark::Change::new(vec![waymark::Edit::Update {
            before: waymark::Record::Card(before.clone()),
            after: waymark::Record::Card(waymark::Card {
                text: "By two".into(),
                ..before.clone()
            }),
        }]);
        let applied = w.two.opened.apply(&mine).unwrap();
        assert!(applied.seq > received, "{received} then {}", applied.seq);
        let undone = w.two.opened.undo_own(&mine).unwrap();
        assert_eq!(undone.change.edits.len(), 1);
        assert!(
            undone.seq > applied.seq,
            "{} then {}",
            applied.seq,
            undone.seq
        );
        assert_eq!(w.two.opened.view().unwrap().seq, undone.seq);
        // Nothing left to undo writes nothing, and answers the file's last change.
        let nothing = w.two.opened.undo_own(&mine).unwrap();
        assert!(nothing.change.edits.is_empty());
        assert_eq!(nothing.seq, undone.seq);
        w.live_one.stop();
        w.live_two.stop();
    }

    #[test]
    fn a_file_that_never_went_live_is_not_followed() {
        let f = Fixture::new();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let live = WindowLive::default();
        let (told, _heard) = std::sync::mpsc::channel();
        runtime.block_on(async {
            assert!(!live.follow(Heard(told.clone()), &f.opened).unwrap());
            f.new_a();
            assert!(!live.follow(Heard(told), &f.opened).unwrap());
        });
    }
}
