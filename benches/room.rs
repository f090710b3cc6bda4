//! The workshop room under a full room's load, on loopback only: 100 simulated phones (tokio
//! WebSocket clients, each from its own 127.0.0.x address) join, add 5 cards, place 3 dots and
//! rate 5 steps, while the facilitator's side listens to the room's events. Reports the p50/p99
//! from a phone's card to the inbox (`Submitted`) and from a dot to the projector's count
//! (`VoteProgress`), and the phone page's size. Bounded: it stops by itself, or fails after 120 s.
//!
//! `cargo bench --bench room` (figures in docs/performance.md).

#[path = "../tests/phone/mod.rs"]
mod phone;

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use phone::*;
use uuid::Uuid;
use waymark::room::protocol::RoomMessage;
use waymark::room::{Phase, Room, RoomEvent, RoomFile, RoomOptions};
use waymark::store::ProjectFile;
use waymark::{Edit, Record};

/// A full room under `cargo bench`; a quick check of the same walk under `cargo test --benches`.
fn phone_count() -> usize {
    if std::env::args().any(|a| a == "--bench") {
        100
    } else {
        20
    }
}
const CARDS: usize = 5;
const DOTS: usize = 3;
const RATINGS: usize = 5;

/// When each phone sent what the facilitator's side is waiting to hear about.
#[derive(Default)]
struct Sent {
    cards: HashMap<Uuid, Instant>,
    /// (participant, card) → send times, oldest first.
    dots: HashMap<(Uuid, Uuid), VecDeque<Instant>>,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn page_sizes() -> (usize, usize) {
    let mut compressed = 0;
    for (_, _, content) in waymark::room::PAGE_FILES {
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gzip.write_all(content.as_bytes()).unwrap();
        compressed += gzip.finish().unwrap().len();
    }
    (waymark::room::PHONE_PAGE_BYTES, compressed)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let outcome =
        runtime.block_on(async { tokio::time::timeout(Duration::from_secs(120), load()).await });
    match outcome {
        Ok(report) => println!("{report}"),
        Err(_) => panic!("the room's load test did not finish within 120 s"),
    }
}

async fn load() -> String {
    let count = phone_count();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("load.waymark");
    let project = waymark::sample::generate(waymark::sample::Size {
        stages: RATINGS,
        steps_per_stage: 1,
        lanes: 10,
        cards: 50,
        personas: 2,
    });
    let file = Arc::new(Mutex::new(ProjectFile::create(&path, &project).unwrap()));
    let shared: Arc<dyn RoomFile> = file.clone();
    let options = RoomOptions {
        allowance: DOTS as u32,
        ..RoomOptions::default()
    };
    let room = Room::open(shared, "127.0.0.1".parse().unwrap(), options)
        .await
        .unwrap();
    let address = room.address();
    let token = token_of(room.link()).to_string();
    let sent = Arc::new(Mutex::new(Sent::default()));

    // The facilitator's side: the inbox and the projector's vote count.
    let mut events = room.subscribe();
    let listener_sent = sent.clone();
    let listener = tokio::spawn(async move {
        let (mut inbox, mut projector) = (Vec::new(), Vec::new());
        let mut dots_written: Vec<Instant> = Vec::new();
        while inbox.len() < count * CARDS || projector.len() < count * DOTS {
            let Ok(event) = events.recv().await else {
                break;
            };
            let now = Instant::now();
            let mut sent = listener_sent.lock().unwrap();
            match event {
                RoomEvent::Submitted { submission } => {
                    if let Some(at) = sent.cards.remove(&submission.id) {
                        inbox.push(now - at);
                    }
                }
                RoomEvent::Changed { change, .. } => {
                    for edit in &change.edits {
                        if let Edit::Add {
                            record: Record::Dot(dot),
                        } = edit
                        {
                            if let Some(at) = sent
                                .dots
                                .get_mut(&(dot.participant, dot.card))
                                .and_then(VecDeque::pop_front)
                            {
                                dots_written.push(at);
                            }
                        }
                    }
                }
                // The projector's "n of m have voted" is sent once per written batch.
                RoomEvent::VoteProgress { .. } => {
                    projector.extend(dots_written.drain(..).map(|at| now - at))
                }
                _ => {}
            }
        }
        (inbox, projector)
    });

    let started = Instant::now();
    let (ready_tx, mut ready) = tokio::sync::mpsc::channel::<()>(count);
    let (go_vote, _) = tokio::sync::broadcast::channel::<Phase>(4);
    let mut phones = Vec::new();
    for n in 0..count {
        let token = token.clone();
        let sent = sent.clone();
        let ready = ready_tx.clone();
        let mut phases = go_vote.subscribe();
        phones.push(tokio::spawn(async move {
            let from = loopback(2 + n as u8);
            let joined = join(address, from, &token, &format!("Phone {n}")).await;
            let (mut socket, welcome) = hello(address, from, &joined.secret).await;
            let RoomMessage::Welcome { board, .. } = welcome else {
                panic!("no welcome")
            };
            for c in 0..CARDS {
                let id = Uuid::new_v4();
                let lane = board.lanes[c % board.lanes.len()].id;
                let step = board.steps[(n + c) % board.steps.len()].id;
                sent.lock().unwrap().cards.insert(id, Instant::now());
                say(
                    &mut socket,
                    card(id, lane, step, &format!("Card {c} of phone {n}")),
                )
                .await;
                assert_eq!(hear(&mut socket).await, Some(RoomMessage::Accepted { id }));
            }
            ready.send(()).await.unwrap();
            wait_for(&mut phases, &mut socket, Phase::Vote).await;
            for d in 0..DOTS {
                let card = board.opportunities[(n + d) % board.opportunities.len()].id;
                sent.lock()
                    .unwrap()
                    .dots
                    .entry((joined.participant, card))
                    .or_default()
                    .push_back(Instant::now());
                say(
                    &mut socket,
                    serde_json::json!({ "type": "dot", "card": card }),
                )
                .await;
                assert!(matches!(
                    hear(&mut socket).await,
                    Some(RoomMessage::Dots { .. })
                ));
            }
            ready.send(()).await.unwrap();
            wait_for(&mut phases, &mut socket, Phase::Rate).await;
            for step in board.steps.iter().take(RATINGS) {
                let value = (n as i32 % 11) - 5;
                say(
                    &mut socket,
                    serde_json::json!({ "type": "rate", "step": step.id, "value": value }),
                )
                .await;
                assert!(matches!(
                    hear(&mut socket).await,
                    Some(RoomMessage::Rated { .. })
                ));
            }
            ready.send(()).await.unwrap();
        }));
    }
    for _ in 0..count {
        ready.recv().await.unwrap();
    }
    let captured = started.elapsed();
    room.set_phase(Phase::Vote).await.unwrap();
    let _ = go_vote.send(Phase::Vote);
    for _ in 0..count {
        ready.recv().await.unwrap();
    }
    room.set_phase(Phase::Rate).await.unwrap();
    let _ = go_vote.send(Phase::Rate);
    for _ in 0..count {
        ready.recv().await.unwrap();
    }
    for phone in phones {
        phone.await.unwrap();
    }
    let total = started.elapsed();
    let (mut inbox, mut projector) = listener.await.unwrap();
    room.close(false).await.unwrap();
    let project = waymark::store::read(&path).unwrap();
    assert_eq!(project.submissions.len(), count * CARDS);
    assert_eq!(project.dots.len(), count * DOTS);
    assert_eq!(project.ratings.len(), count * RATINGS);
    inbox.sort();
    projector.sort();
    let (raw, gzip) = page_sizes();
    format!(
        "room load: {count} phones × ({CARDS} cards, {DOTS} dots, {RATINGS} ratings) in {:.2} s (capture {:.2} s)\n\
         card → inbox:       p50 {:>6.1} ms  p99 {:>6.1} ms  max {:>6.1} ms  ({} cards)\n\
         dot → projector:    p50 {:>6.1} ms  p99 {:>6.1} ms  max {:>6.1} ms  ({} dots)\n\
         phone page: {raw} bytes, {gzip} bytes gzip-compressed",
        total.as_secs_f64(),
        captured.as_secs_f64(),
        ms(percentile(&inbox, 50.0)),
        ms(percentile(&inbox, 99.0)),
        ms(inbox.last().copied().unwrap_or_default()),
        inbox.len(),
        ms(percentile(&projector, 50.0)),
        ms(percentile(&projector, 99.0)),
        ms(projector.last().copied().unwrap_or_default()),
        projector.len(),
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Waits for the facilitator's signal, then for the phone to hear of the phase.
async fn wait_for(
    phases: &mut tokio::sync::broadcast::Receiver<Phase>,
    socket: &mut Socket,
    phase: Phase,
) {
    while phases.recv().await.unwrap() != phase {}
    loop {
        if let Some(RoomMessage::Phase { phase: heard, .. }) = hear(socket).await {
            if heard == phase {
                return;
            }
        }
    }
}
