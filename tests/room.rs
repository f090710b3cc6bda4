//! The workshop room driven headless: `waymark room` runs as its own process on 127.0.0.1 and
//! simulated phones (tests/phone) join it, add cards, vote and rate over real HTTP and WebSocket
//! connections from loopback addresses. Every server here binds 127.0.0.1 only.

mod common;
mod phone;

use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use phone::*;
use uuid::Uuid;
use waymark::room::protocol::{Refusal, RoomMessage};
use waymark::room::Phase;
use waymark::store::ProjectFile;
use waymark::{Origin, SubmissionState};

/// `waymark room` on a small generated project, with its output read line by line.
struct Headless {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: mpsc::Receiver<String>,
    link: String,
    room: SocketAddr,
    path: PathBuf,
    dir: Option<tempfile::TempDir>,
}

fn project() -> waymark::Project {
    waymark::sample::generate(waymark::sample::Size {
        stages: 5,
        steps_per_stage: 1,
        lanes: 10,
        cards: 40,
        personas: 1,
    })
}

impl Headless {
    fn start(flags: &[&str]) -> Headless {
        let dir = common::temp();
        let path = common::file_in(&dir, "workshop.waymark");
        ProjectFile::create(&path, &project())
            .unwrap()
            .close()
            .unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_waymark"))
            .arg("room")
            .arg(&path)
            .args(["--bind", "127.0.0.1"])
            .args(flags)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("waymark room starts");
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let link = lines
            .recv_timeout(Duration::from_secs(20))
            .expect("the join link on the first line");
        let address = link
            .strip_prefix("http://")
            .and_then(|rest| rest.split('/').next())
            .expect("an http link");
        Headless {
            stdin: child.stdin.take(),
            child,
            lines,
            room: address.parse().expect("an address and port"),
            link,
            path,
            dir: Some(dir),
        }
    }

    fn token(&self) -> &str {
        token_of(&self.link)
    }

    fn tell(&mut self, command: &str) {
        let stdin = self.stdin.as_mut().expect("the room is open");
        writeln!(stdin, "{command}").unwrap();
        stdin.flush().unwrap();
    }

    /// The next output line starting with `start`.
    fn wait_for(&self, start: &str) -> String {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let line = self
                .lines
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no line starting with {start:?}"));
            if line.starts_with(start) {
                return line;
            }
        }
    }

    /// Closes the room (optionally forgetting names) and waits for the process to end.
    fn close(mut self, command: &str) -> (std::process::ExitStatus, PathBuf, tempfile::TempDir) {
        self.tell(command);
        self.wait_for("closed");
        drop(self.stdin.take());
        let status = self.child.wait().unwrap();
        let dir = self.dir.take().expect("the project's folder");
        (status, self.path.clone(), dir)
    }
}

impl Drop for Headless {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn board(welcome: &RoomMessage) -> waymark::room::protocol::Board {
    match welcome {
        RoomMessage::Welcome { board, .. } => board.clone(),
        other => panic!("expected a welcome, got {other:?}"),
    }
}

fn refusal(message: Option<RoomMessage>) -> Refusal {
    match message {
        Some(RoomMessage::Refused { code, .. }) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// Waits until the phone hears of `phase`.
async fn phase(socket: &mut Socket, phase: Phase) -> Option<waymark::room::protocol::Totals> {
    match hear(socket).await {
        Some(RoomMessage::Phase {
            phase: heard,
            totals,
            ..
        }) if heard == phase => totals,
        other => panic!("expected phase {phase:?}, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_joins_adds_a_card_and_a_resend_never_duplicates_it() {
    let room = Headless::start(&[]);
    assert!(room.link.starts_with("http://127.0.0.1:"), "{}", room.link);
    assert!(room.token().len() >= 22, "at least 128 bits");
    let joined = join(room.room, loopback(2), room.token(), "Ana").await;
    assert_eq!(joined.name, "Ana");
    room.wait_for("joined");
    let (mut socket, welcome) = hello(room.room, loopback(2), &joined.secret).await;
    let board = board(&welcome);
    let (lane, step) = (board.lanes[0].id, board.steps[1].id);
    let id = Uuid::new_v4();
    say(&mut socket, card(id, lane, step, "The queue is too long")).await;
    assert_eq!(hear(&mut socket).await, Some(RoomMessage::Accepted { id }));
    room.wait_for(&format!("card {id}"));
    // The reply was lost, so the phone sends it again.
    say(&mut socket, card(id, lane, step, "The queue is too long")).await;
    assert_eq!(hear(&mut socket).await, Some(RoomMessage::Accepted { id }));
    let (status, path, _dir) = room.close("close");
    assert!(status.success());
    let file = ProjectFile::open(&path).unwrap();
    let submissions = &file.project().submissions;
    assert_eq!(submissions.len(), 1, "{submissions:?}");
    assert_eq!(submissions[0].text, "The queue is too long");
    assert_eq!(submissions[0].author, Some(joined.participant));
    assert_eq!(submissions[0].state, SubmissionState::Waiting);
    assert!(
        file.project().cards.iter().all(|c| c.id != id),
        "not on the map before approval"
    );
    let history = file.history().unwrap();
    assert_eq!(history.last().unwrap().origin, Origin::Room);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cards_queued_while_offline_arrive_on_reconnect_as_the_same_participant() {
    let room = Headless::start(&[]);
    let joined = join(room.room, loopback(2), room.token(), "Ben").await;
    let (mut socket, welcome) = hello(room.room, loopback(2), &joined.secret).await;
    let board = board(&welcome);
    let (lane, step) = (board.lanes[1].id, board.steps[0].id);
    let sent = Uuid::new_v4();
    say(&mut socket, card(sent, lane, step, "Before the tunnel")).await;
    assert_eq!(
        hear(&mut socket).await,
        Some(RoomMessage::Accepted { id: sent })
    );
    drop(socket);
    // Written in the tunnel: two cards wait on the phone until the connection returns.
    let queued = [Uuid::new_v4(), Uuid::new_v4()];
    let (mut socket, welcome) = hello(room.room, loopback(2), &joined.secret).await;
    let RoomMessage::Welcome {
        participant, mine, ..
    } = welcome
    else {
        panic!("a welcome")
    };
    assert_eq!(
        participant, joined.participant,
        "a reload resumes the same participant"
    );
    assert_eq!(
        mine.cards,
        vec![sent],
        "the room tells the phone what it already has"
    );
    for id in queued {
        say(&mut socket, card(id, lane, step, "In the tunnel")).await;
    }
    // The queue is sent once more after a second drop, with the first card again.
    for id in [sent, queued[0], queued[1]] {
        say(&mut socket, card(id, lane, step, "resend")).await;
    }
    let mut accepted = Vec::new();
    for _ in 0..5 {
        match hear(&mut socket).await {
            Some(RoomMessage::Accepted { id }) => accepted.push(id),
            other => panic!("{other:?}"),
        }
    }
    assert!(queued.iter().all(|id| accepted.contains(id)));
    let (_, path, _dir) = room.close("close");
    let project = waymark::store::read(&path).unwrap();
    assert_eq!(project.submissions.len(), 3);
    assert_eq!(
        project
            .submissions
            .iter()
            .filter(|s| s.text == "resend")
            .count(),
        0,
        "a resend never replaces what arrived"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_allowance_and_the_cap_hold_and_totals_stay_hidden_until_reveal() {
    let mut room = Headless::start(&["--dots", "2", "--cap", "1"]);
    let ana = join(room.room, loopback(2), room.token(), "Ana").await;
    let ben = join(room.room, loopback(3), room.token(), "Ben").await;
    let (mut a, welcome) = hello(room.room, loopback(2), &ana.secret).await;
    let (mut b, _) = hello(room.room, loopback(3), &ben.secret).await;
    let RoomMessage::Welcome { totals, .. } = &welcome else {
        panic!()
    };
    assert_eq!(*totals, None);
    let opportunities = board(&welcome).opportunities;
    assert!(opportunities.len() >= 3, "{opportunities:?}");
    let dot = |card: Uuid| serde_json::json!({ "type": "dot", "card": card });
    // Not yet: the room is capturing.
    say(&mut a, dot(opportunities[0].id)).await;
    assert_eq!(refusal(hear(&mut a).await), Refusal::NotNow);
    room.tell("vote");
    assert_eq!(
        phase(&mut a, Phase::Vote).await,
        None,
        "no totals while voting"
    );
    assert_eq!(phase(&mut b, Phase::Vote).await, None);
    say(&mut a, dot(opportunities[0].id)).await;
    match hear(&mut a).await {
        Some(RoomMessage::Dots { placed, left }) => {
            assert_eq!(left, 1);
            assert_eq!(placed.len(), 1);
        }
        other => panic!("{other:?}"),
    }
    room.wait_for("votes 0 of 2");
    say(&mut a, dot(opportunities[0].id)).await;
    assert_eq!(refusal(hear(&mut a).await), Refusal::CardFull);
    say(&mut a, dot(opportunities[1].id)).await;
    assert!(matches!(
        hear(&mut a).await,
        Some(RoomMessage::Dots { left: 0, .. })
    ));
    room.wait_for("votes 1 of 2");
    say(&mut a, dot(opportunities[2].id)).await;
    assert_eq!(refusal(hear(&mut a).await), Refusal::AllowanceUsed);
    // Ben's phone heard nothing of Ana's dots.
    say(&mut b, dot(opportunities[0].id)).await;
    match hear(&mut b).await {
        Some(RoomMessage::Dots { placed, left: 1 }) => assert_eq!(placed[0].dots, 1),
        other => panic!("{other:?}"),
    }
    room.tell("reveal");
    let totals = phase(&mut b, Phase::Reveal)
        .await
        .expect("totals at reveal");
    let on_first = totals
        .votes
        .iter()
        .find(|v| v.card == opportunities[0].id)
        .unwrap();
    let counted = waymark::store::read(&room.path).unwrap();
    let card = counted
        .cards
        .iter()
        .find(|c| c.id == opportunities[0].id)
        .unwrap();
    assert_eq!(on_first.dots, card.votes + 2, "Ana's and Ben's dots on it");
    assert_eq!(counted.dots.len(), 3, "votes are the file's dots");
    let ranked = waymark::priority::rank(&counted, counted.journeys[0].id);
    assert!(!ranked.is_empty());
    drop(room);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ratings_are_kept_one_per_step_within_the_scale() {
    let mut room = Headless::start(&["--anonymous"]);
    let joined = join(room.room, loopback(2), room.token(), "Cleo").await;
    assert_eq!(
        joined.name, "Participant 1",
        "an anonymous room gives an alias"
    );
    let (mut socket, welcome) = hello(room.room, loopback(2), &joined.secret).await;
    let step = board(&welcome).steps[2].id;
    room.tell("rate");
    phase(&mut socket, Phase::Rate).await;
    for value in [2, -1] {
        say(
            &mut socket,
            serde_json::json!({ "type": "rate", "step": step, "value": value }),
        )
        .await;
        assert_eq!(
            hear(&mut socket).await,
            Some(RoomMessage::Rated { step, value })
        );
    }
    say(
        &mut socket,
        serde_json::json!({ "type": "rate", "step": step, "value": 99 }),
    )
    .await;
    assert_eq!(refusal(hear(&mut socket).await), Refusal::OutOfScale);
    room.wait_for("ratings 1 of 1");
    let (_, path, _dir) = room.close("close");
    let project = waymark::store::read(&path).unwrap();
    assert_eq!(
        project.ratings.len(),
        1,
        "a new rating replaces the earlier one"
    );
    assert_eq!(project.ratings[0].value, -1);
    assert_eq!(project.ratings[0].participant, None, "anonymous");
    assert_eq!(project.participants[0].name, "Participant 1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_token_or_secret_is_refused() {
    let room = Headless::start(&[]);
    let origin = format!("http://{}", room.room);
    let mut wrong = room.token().to_string();
    wrong.replace_range(0..1, if wrong.starts_with('A') { "B" } else { "A" });
    let body = serde_json::json!({ "token": wrong }).to_string();
    let (status, response) = http(
        room.room,
        loopback(2),
        &post_join(room.room, &body, Some(&origin)),
    )
    .await;
    assert_eq!(status, 403, "{response}");
    assert!(body_of(&response).contains("bad-token"));
    let mut socket = connect(room.room, loopback(2)).await;
    say(
        &mut socket,
        serde_json::json!({ "type": "hello", "secret": wrong }),
    )
    .await;
    assert_eq!(refusal(hear(&mut socket).await), Refusal::BadSecret);
    // Without hello, nothing is taken.
    let mut socket = connect(room.room, loopback(2)).await;
    say(
        &mut socket,
        serde_json::json!({ "type": "dot", "card": Uuid::new_v4() }),
    )
    .await;
    assert_eq!(refusal(hear(&mut socket).await), Refusal::BadSecret);
}

fn body_of(response: &str) -> &str {
    body(response)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kicked_participant_is_disconnected_and_refused() {
    let mut room = Headless::start(&[]);
    let joined = join(room.room, loopback(4), room.token(), "Dan").await;
    let (mut socket, _) = hello(room.room, loopback(4), &joined.secret).await;
    room.tell(&format!("kick {}", joined.participant));
    room.wait_for(&format!("kicked {}", joined.participant));
    assert_eq!(hear(&mut socket).await, Some(RoomMessage::Kicked));
    assert_eq!(hear(&mut socket).await, None, "the connection is closed");
    let mut again = connect(room.room, loopback(4)).await;
    say(
        &mut again,
        serde_json::json!({ "type": "hello", "secret": joined.secret }),
    )
    .await;
    assert_eq!(refusal(hear(&mut again).await), Refusal::Kicked);
    let body = serde_json::json!({ "token": room.token() }).to_string();
    let (status, response) = http(room.room, loopback(4), &post_join(room.room, &body, None)).await;
    assert_eq!(status, 403, "the same phone cannot join again: {response}");
    // Another phone still can.
    join(room.room, loopback(5), room.token(), "Eve").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_and_messages_are_refused() {
    let room = Headless::start(&[]);
    let big = format!(
        "{{\"token\":\"{}\",\"name\":\"{}\"}}",
        room.token(),
        "x".repeat(17 * 1024)
    );
    let (status, _) = http(room.room, loopback(2), &post_join(room.room, &big, None)).await;
    assert_eq!(status, 413);
    let joined = join(room.room, loopback(2), room.token(), "Fay").await;
    let (mut socket, welcome) = hello(room.room, loopback(2), &joined.secret).await;
    let board = board(&welcome);
    let long = "y".repeat(20 * 1024);
    say(
        &mut socket,
        card(Uuid::new_v4(), board.lanes[0].id, board.steps[0].id, &long),
    )
    .await;
    assert_eq!(refusal(hear(&mut socket).await), Refusal::TooLarge);
    let text = "z".repeat(501);
    say(
        &mut socket,
        card(Uuid::new_v4(), board.lanes[0].id, board.steps[0].id, &text),
    )
    .await;
    assert_eq!(refusal(hear(&mut socket).await), Refusal::TextTooLong);
    // Far over the limit, the socket itself is cut.
    let huge = "w".repeat(100 * 1024);
    say(
        &mut socket,
        serde_json::json!({ "type": "card", "text": huge }),
    )
    .await;
    assert_eq!(hear(&mut socket).await, None);
    assert!(waymark::store::read(&room.path)
        .unwrap()
        .submissions
        .is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flooding_peer_is_rate_limited_and_others_are_not() {
    let room = Headless::start(&[]);
    let joined = join(room.room, loopback(6), room.token(), "Gus").await;
    let (mut socket, _) = hello(room.room, loopback(6), &joined.secret).await;
    for _ in 0..150 {
        say(
            &mut socket,
            serde_json::json!({ "type": "undot", "card": Uuid::new_v4() }),
        )
        .await;
    }
    let mut limited = 0;
    for _ in 0..150 {
        if refusal(hear(&mut socket).await) == Refusal::RateLimited {
            limited += 1;
        }
    }
    assert!(limited >= 50, "{limited} of 150 were held back");
    // Page requests count against the same budget: a burst of 100 from one peer is cut short.
    let requests: Vec<_> = (0..100)
        .map(|_| {
            let address = room.room;
            tokio::spawn(async move { http(address, loopback(9), &get(address, "/")).await.0 })
        })
        .collect();
    let mut held = 0;
    for request in requests {
        if request.await.unwrap() == 429 {
            held += 1;
        }
    }
    assert!(held >= 20, "{held} of 100 requests were held back");
    let (status, _) = http(room.room, loopback(7), &get(room.room, "/")).await;
    assert_eq!(status, 200, "another phone is not held back");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_for_another_host_is_refused() {
    let room = Headless::start(&[]);
    for host in [
        "evil.example",
        "localhost",
        &format!("evil.example:{}", room.room.port()),
    ] {
        let request = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        let (status, _) = http(room.room, loopback(2), request.as_bytes()).await;
        assert_eq!(status, 421, "Host {host}");
    }
    let request = "GET / HTTP/1.1\r\nConnection: close\r\n\r\n";
    let (status, _) = http(room.room, loopback(2), request.as_bytes()).await;
    assert!(status == 421 || status == 400, "no Host at all: {status}");
    let refused = connect_with(
        room.room,
        loopback(2),
        &format!("http://{}", room.room),
        "rebound.example",
    )
    .await;
    assert!(refused.is_err(), "a WebSocket for another host is refused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_websocket_or_join_from_another_origin_is_refused() {
    let room = Headless::start(&[]);
    for origin in [
        "http://evil.example",
        "null",
        &format!("https://{}", room.room),
    ] {
        let refused = connect_with(room.room, loopback(2), origin, &room.room.to_string()).await;
        let Err(tokio_tungstenite::tungstenite::Error::Http(response)) = refused else {
            panic!("origin {origin} was let in");
        };
        assert_eq!(response.status(), 403);
    }
    let body = serde_json::json!({ "token": room.token() }).to_string();
    let (status, _) = http(
        room.room,
        loopback(2),
        &post_join(room.room, &body, Some("http://evil.example")),
    )
    .await;
    assert_eq!(status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_served_from_disk_and_the_page_has_a_strict_policy() {
    let room = Headless::start(&[]);
    let name = room.path.file_name().unwrap().to_str().unwrap().to_string();
    let (status, page) = http(room.room, loopback(2), &get(room.room, "/")).await;
    assert_eq!(status, 200);
    assert!(page.contains("content-security-policy: default-src 'none'; script-src 'self'"));
    assert!(page.contains("<script src=\"/phone.js\""));
    assert!(!page.contains("https://"), "no remote asset");
    for path in [
        format!("/{name}"),
        "/workshop.waymark".into(),
        "/../workshop.waymark".into(),
        "/%2e%2e/%2e%2e/etc/passwd".into(),
        "/etc/passwd".into(),
        "/src/room/page/phone.js".into(),
        "/page/phone.js".into(),
        "/Cargo.toml".into(),
        "/phone.js/..%2fCargo.toml".into(),
    ] {
        let (status, response) = http(room.room, loopback(2), &get(room.room, &path)).await;
        assert_eq!(status, 404, "{path}: {response}");
        assert!(!response.contains("SQLite format"), "{path}");
    }
    for path in ["/phone.js", "/phone.css", "/index.html"] {
        let (status, _) = http(room.room, loopback(3), &get(room.room, path)).await;
        assert_eq!(status, 200, "{path}");
    }
}

/// Every file the page loads, gzip-compressed as a phone on a slow Wi-Fi would want it, within
/// 100 KB in all: the page names its own files, so one added later is counted too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_phone_page_is_at_most_100_kb_compressed_in_all() {
    let room = Headless::start(&[]);
    let (status, response) = http(room.room, loopback(2), &get(room.room, "/")).await;
    assert_eq!(status, 200);
    let page = body(&response).to_string();
    let mut files = vec!["/".to_string()];
    for attribute in ["src=\"", "href=\""] {
        for named in page.split(attribute).skip(1) {
            files.extend(named.split('"').next().map(str::to_string));
        }
    }
    assert!(
        files.len() >= 3,
        "the page, its script and its style: {files:?}"
    );
    let mut compressed = 0;
    for file in &files {
        assert!(
            file.starts_with('/'),
            "{file}: every asset comes from the room"
        );
        let (status, response) = http(room.room, loopback(3), &get(room.room, file)).await;
        assert_eq!(status, 200, "{file}");
        let content = response.split_once("\r\n\r\n").expect("a body").1;
        assert!(!content.is_empty(), "{file}");
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gzip.write_all(content.as_bytes()).unwrap();
        compressed += gzip.finish().unwrap().len();
    }
    assert!(
        compressed <= 100 * 1024,
        "the phone page is {compressed} bytes compressed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_message_gets_an_error_reply_and_the_phone_goes_on() {
    let room = Headless::start(&[]);
    let joined = join(room.room, loopback(2), room.token(), "Hal").await;
    let (mut socket, welcome) = hello(room.room, loopback(2), &joined.secret).await;
    for text in [
        "not json",
        "{\"type\":\"card\"}",
        "[]",
        "{\"type\":\"vote\",\"all\":true}",
    ] {
        send_text(&mut socket, text).await;
        assert_eq!(
            refusal(hear(&mut socket).await),
            Refusal::Malformed,
            "{text}"
        );
    }
    let board = board(&welcome);
    let id = Uuid::new_v4();
    say(
        &mut socket,
        card(id, board.lanes[0].id, board.steps[0].id, "Still here"),
    )
    .await;
    assert_eq!(hear(&mut socket).await, Some(RoomMessage::Accepted { id }));
    // A card for a lane the room did not open is refused by name.
    let closed_lane = waymark::store::read(&room.path)
        .unwrap()
        .lanes
        .iter()
        .find(|l| !board.lanes.iter().any(|b| b.id == l.id))
        .unwrap()
        .id;
    let other = Uuid::new_v4();
    say(
        &mut socket,
        card(other, closed_lane, board.steps[0].id, "Wrong lane"),
    )
    .await;
    match hear(&mut socket).await {
        Some(RoomMessage::Refused { code, about, .. }) => {
            assert_eq!((code, about), (Refusal::UnknownLane, Some(other)))
        }
        other => panic!("{other:?}"),
    }
}

async fn send_text(socket: &mut Socket, text: &str) {
    use futures_util::SinkExt;
    socket
        .send(tokio_tungstenite::tungstenite::Message::Text(text.into()))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_participant_sends_at_most_fifty_cards() {
    let room = Headless::start(&[]);
    let joined = join(room.room, loopback(8), room.token(), "Ida").await;
    let (mut socket, welcome) = hello(room.room, loopback(8), &joined.secret).await;
    let board = board(&welcome);
    for n in 0..51 {
        say(
            &mut socket,
            card(
                Uuid::new_v4(),
                board.lanes[0].id,
                board.steps[0].id,
                &format!("card {n}"),
            ),
        )
        .await;
        // One at a time, within the peer's message budget.
        let heard = hear(&mut socket).await;
        if n < 50 {
            assert!(
                matches!(heard, Some(RoomMessage::Accepted { .. })),
                "{n}: {heard:?}"
            );
        } else {
            assert_eq!(refusal(heard), Refusal::TooManyCards);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_room_lets_in_at_most_two_hundred_participants() {
    let room = Headless::start(&["--anonymous"]);
    for n in 0..200u32 {
        // Twenty phones per loopback address stay within each address's budget.
        let from = loopback(10 + (n / 20) as u8);
        join(room.room, from, room.token(), "").await;
    }
    let body = serde_json::json!({ "token": room.token() }).to_string();
    let (status, response) =
        http(room.room, loopback(40), &post_join(room.room, &body, None)).await;
    assert_eq!(status, 409, "{response}");
    assert!(body_of(&response).contains("room-full"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approving_all_and_forgetting_names_on_close() {
    let mut room = Headless::start(&[]);
    let joined = join(room.room, loopback(2), room.token(), "Jo").await;
    let (mut socket, welcome) = hello(room.room, loopback(2), &joined.secret).await;
    let board = board(&welcome);
    let id = Uuid::new_v4();
    say(
        &mut socket,
        card(id, board.lanes[0].id, board.steps[0].id, "Approve me"),
    )
    .await;
    hear(&mut socket).await;
    room.tell("approve all");
    room.wait_for("approved 1");
    room.tell("rate");
    phase(&mut socket, Phase::Rate).await;
    say(
        &mut socket,
        serde_json::json!({ "type": "rate", "step": board.steps[0].id, "value": 3 }),
    )
    .await;
    hear(&mut socket).await;
    let (status, path, _dir) = room.close("close forget");
    assert!(status.success());
    let project = waymark::store::read(&path).unwrap();
    let submission = &project.submissions[0];
    assert_eq!(submission.state, SubmissionState::Approved);
    let card = project
        .cards
        .iter()
        .find(|c| Some(c.id) == submission.card)
        .expect("the approved card is on the map");
    assert_eq!(
        (card.text.as_str(), card.lane, card.step),
        ("Approve me", board.lanes[0].id, board.steps[0].id)
    );
    assert_eq!(submission.author, None, "forgotten");
    assert_eq!(project.ratings[0].participant, None);
    assert_eq!(project.ratings.len(), 1, "the rating is kept");
    assert_eq!(project.participants[0].name, "Participant 1");
    assert!(project.participants.iter().all(|p| p.name != "Jo"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_the_room_stops_the_server_and_kills_every_secret() {
    let mut room = Headless::start(&[]);
    let joined = join(room.room, loopback(2), room.token(), "Kai").await;
    let (mut socket, _) = hello(room.room, loopback(2), &joined.secret).await;
    let address = room.room;
    room.tell("close");
    assert_eq!(hear(&mut socket).await, Some(RoomMessage::Closed));
    room.wait_for("closed");
    let status = {
        drop(room.stdin.take());
        room.child.wait().unwrap()
    };
    assert!(status.success());
    assert!(
        std::net::TcpStream::connect(address).is_err(),
        "nothing listens on the room's port"
    );
}

#[test]
fn a_room_is_never_opened_on_every_address_at_once() {
    // The wildcard address is refused before any socket is made: nothing binds or is reached on
    // it, so the test stays on this machine like every other room test (127.0.0.1).
    let dir = common::temp();
    let path = common::file_in(&dir, "w.waymark");
    ProjectFile::create(&path, &project())
        .unwrap()
        .close()
        .unwrap();
    let out = common::waymark(&["room", common::path_str(&path), "--bind", "0.0.0.0"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot use 0.0.0.0"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);
}
