//! A window's lasting connection (`sync::connection`) against a real `waymark serve` process on
//! 127.0.0.1: others' edits arrive pushed, presence says who edits which card, and edits made
//! while the server is away wait, counted, and go out on reconnecting.

mod common;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use tokio::sync::broadcast::Receiver;
use waymark::store::ProjectFile;
use waymark::sync::connection::{Connection, LiveEvent, LiveFile};
use waymark::*;

struct Held(Mutex<ProjectFile>);

impl LiveFile for Held {
    fn with(&self, work: &mut dyn FnMut(&mut ProjectFile) -> Result<()>) -> Result<()> {
        work(&mut self.0.lock().unwrap())
    }
}

fn type_into(file: &Held, card: usize, text: &str) -> Id {
    let mut file = file.0.lock().unwrap();
    let before = file.project().cards[card].clone();
    let after = Card {
        text: text.into(),
        ..before.clone()
    };
    file.apply(&Change::new(vec![Edit::Update {
        before: Record::Card(before.clone()),
        after: Record::Card(after),
    }]))
    .unwrap();
    before.id
}

/// Waits for the first event `wanted` accepts, failing after a few seconds.
async fn until(events: &mut Receiver<LiveEvent>, wanted: impl Fn(&LiveEvent) -> bool) -> LiveEvent {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, events.recv()).await {
            Ok(Ok(event)) if wanted(&event) => return event,
            Ok(Ok(event)) => seen.push(event),
            other => panic!("no such event in time ({other:?}); seen: {seen:?}"),
        }
    }
}

fn text_of(file: &Held, card: Id) -> String {
    let file = file.0.lock().unwrap();
    file.project()
        .cards
        .iter()
        .find(|c| c.id == card)
        .unwrap()
        .text
        .clone()
}

fn setup(dir: &tempfile::TempDir, server: &ServerProcess) -> (Arc<Held>, Arc<Held>) {
    let a = file_in(dir, "a.waymark");
    let b = file_in(dir, "b.waymark");
    let mut file = ProjectFile::create(
        &a,
        &sample::generate(sample::Size {
            stages: 2,
            steps_per_stage: 2,
            lanes: 3,
            cards: 12,
            personas: 1,
        }),
    )
    .unwrap();
    let link = sync::client::share(&mut file, &format!("ws://127.0.0.1:{}", server.port)).unwrap();
    let copy = sync::client::clone(&link.to_string(), &b).unwrap();
    (
        Arc::new(Held(Mutex::new(file))),
        Arc::new(Held(Mutex::new(copy))),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_is_pushed_to_the_other_window_and_presence_names_the_card() {
    let dir = temp();
    let server = ServerProcess::start(&dir.path().join("data"), None, 0);
    let (a, b) = tokio::task::block_in_place(|| setup(&dir, &server));
    let one = Connection::start(a.clone(), Some("Ada".into())).unwrap();
    let two = Connection::start(b.clone(), Some("Bo".into())).unwrap();
    let (mut heard_one, mut heard_two) = (one.subscribe(), two.subscribe());
    until(&mut heard_one, |e| *e == LiveEvent::Connected).await;
    until(&mut heard_two, |e| *e == LiveEvent::Connected).await;

    let card = type_into(&a, 0, "Typed in one window");
    one.edited();
    let received = until(&mut heard_two, |e| matches!(e, LiveEvent::Received { .. })).await;
    let LiveEvent::Received { change, seq } = received else {
        unreachable!()
    };
    assert_eq!(change.edits.len(), 1, "{change:?}");
    // The change's place in the file, as the window orders what it hears by it.
    assert_eq!(seq, b.0.lock().unwrap().last_change());
    assert_eq!(text_of(&b, card), "Typed in one window");
    until(&mut heard_one, |e| *e == LiveEvent::Waiting { count: 0 }).await;

    one.editing(Some(card));
    let seen = until(&mut heard_two, |e| matches!(e, LiveEvent::Presence { people } if people.iter().any(|p| p.editing == Some(card)))).await;
    let LiveEvent::Presence { people } = seen else {
        unreachable!()
    };
    assert_eq!(people.len(), 1, "only the other window: {people:?}");
    assert_eq!(people[0].name, "Ada");
    assert!(people[0].colour.starts_with('#'));

    one.stop();
    until(&mut heard_two, |e| {
        *e == LiveEvent::Presence { people: vec![] }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_made_while_the_server_is_away_wait_and_converge_when_it_returns() {
    let dir = temp();
    let data = dir.path().join("data");
    let server = ServerProcess::start(&data, None, 0);
    let (a, b) = tokio::task::block_in_place(|| setup(&dir, &server));
    let one = Connection::start(a.clone(), None).unwrap();
    let two = Connection::start(b.clone(), None).unwrap();
    let (mut heard_one, mut heard_two) = (one.subscribe(), two.subscribe());
    until(&mut heard_one, |e| *e == LiveEvent::Connected).await;
    until(&mut heard_two, |e| *e == LiveEvent::Connected).await;

    let port = server.kill();
    until(&mut heard_one, |e| matches!(e, LiveEvent::Offline { .. })).await;
    let from_one = type_into(&a, 0, "one, offline");
    one.edited();
    let from_two = type_into(&b, 1, "two, offline");
    let also_two = type_into(&b, 2, "two again");
    two.edited();
    until(&mut heard_two, |e| *e == LiveEvent::Waiting { count: 2 }).await;
    until(&mut heard_one, |e| *e == LiveEvent::Waiting { count: 1 }).await;

    let _server = ServerProcess::start(&data, None, port);
    until(&mut heard_one, |e| *e == LiveEvent::Waiting { count: 0 }).await;
    until(&mut heard_two, |e| *e == LiveEvent::Waiting { count: 0 }).await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while text_of(&a, from_two) != "two, offline" || text_of(&b, from_one) != "one, offline" {
        assert!(Instant::now() < deadline, "the windows did not converge");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(text_of(&a, also_two), "two again");
    let project = |file: &Held| {
        let mut p = file.0.lock().unwrap().project().clone();
        p.modified = String::new();
        interchange::json::to_string(&p)
    };
    assert_eq!(project(&a), project(&b));
    assert!(Path::new(&data).exists());
}

/// A picture too large for one protocol message goes out in fragments, which the server relays
/// as they come; the other window puts them back together and gets the picture.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_picture_larger_than_one_message_reaches_the_other_window() {
    let dir = temp();
    let server = ServerProcess::start(&dir.path().join("data"), None, 0);
    let (a, b) = tokio::task::block_in_place(|| setup(&dir, &server));
    let one = Connection::start(a.clone(), None).unwrap();
    let two = Connection::start(b.clone(), None).unwrap();
    let (mut heard_one, mut heard_two) = (one.subscribe(), two.subscribe());
    until(&mut heard_one, |e| *e == LiveEvent::Connected).await;
    until(&mut heard_two, |e| *e == LiveEvent::Connected).await;

    // Incompressible bytes after a real picture, so the update stays past the limit.
    let mut data = tiny_png();
    data.extend(incompressible(0x9e37_79b9_7f4a_7c15, 400 * 1024));
    let hash = Image::hash_of(&data);
    a.0.lock()
        .unwrap()
        .apply(&Change::new(vec![Edit::Add {
            record: Record::Image(Image {
                hash: hash.clone(),
                mime: ImageMime::Png,
                width: 1,
                height: 1,
                data: data.clone(),
            }),
        }]))
        .unwrap();
    one.edited();
    until(&mut heard_two, |e| matches!(e, LiveEvent::Received { .. })).await;
    let file = b.0.lock().unwrap();
    let picture = file.project().images.iter().find(|i| i.hash == hash);
    assert_eq!(picture.map(|i| i.data.len()), Some(data.len()));
}
