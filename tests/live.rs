//! `waymark serve`, `share`, `clone` and `sync` as a team uses them: the real CLI, a real server
//! process on 127.0.0.1 (never another address), real files. The server is killed with SIGKILL
//! and restarted on its data folder.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::*;
use waymark::store::ProjectFile;
use waymark::*;

const TOKEN: &str = "team-token";

struct Server(ServerProcess);

impl Server {
    fn start(data: &Path, tokens: &Path, port: u16) -> Server {
        Server(ServerProcess::start(data, Some(tokens), port))
    }

    fn url(&self) -> String {
        format!("ws://127.0.0.1:{}?token={TOKEN}", self.0.port)
    }

    fn kill(self) -> u16 {
        self.0.kill()
    }

    fn port(&self) -> u16 {
        self.0.port
    }
}

fn ok(output: std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn content(path: &Path) -> String {
    let mut project = store::read(path).unwrap();
    project.modified = String::new();
    interchange::json::to_string(&project)
}

/// Types `text` into the first card of `lane_index`'s first cell, through the core as the app does.
fn edit_card(path: &Path, card_index: usize, text: &str) -> Card {
    let mut file = ProjectFile::open(path).unwrap();
    let before = file.project().cards[card_index].clone();
    let mut after = before.clone();
    after.text = text.to_string();
    file.apply(&Change::new(vec![Edit::Update {
        before: Record::Card(before),
        after: Record::Card(after.clone()),
    }]))
    .unwrap();
    file.close().unwrap();
    after
}

/// A single-threaded runtime for a test that speaks the protocol itself.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Connects to `project` on the server and asks to join its document as a client of sync
/// format `format` holding `version`, as the engine's protocol carries it.
async fn join_raw(
    port: u16,
    project: &str,
    format: i64,
    version: Vec<u8>,
) -> loro_websocket_client::Client {
    use loro_websocket_client::protocol::{CrdtType, ProtocolMessage};
    let url = format!("ws://127.0.0.1:{port}/{project}?token={TOKEN}");
    let mut client = loro_websocket_client::Client::connect(&url).await.unwrap();
    client
        .send(&ProtocolMessage::JoinRequest {
            crdt: CrdtType::Loro,
            room_id: project.to_string(),
            auth: format!("{{\"format\":{format}}}").into_bytes(),
            version,
        })
        .await
        .unwrap();
    client
}

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = temp();
    let tokens = file_in(&dir, "tokens");
    std::fs::write(&tokens, format!("# the team\n{TOKEN}\n")).unwrap();
    let data = dir.path().join("data");
    (dir, data, tokens)
}

fn card_text(path: &Path, id: Id) -> Option<String> {
    store::read(path)
        .unwrap()
        .cards
        .into_iter()
        .find(|c| c.id == id)
        .map(|c| c.text)
}

#[test]
fn share_clone_edit_both_sync_and_converge_across_a_server_kill() {
    let (dir, data, tokens) = setup();
    let server = Server::start(&data, &tokens, 0);
    let a = file_in(&dir, "a.waymark");
    ok(waymark(&["sample", "-o", path_str(&a)]));
    let link = ok(waymark(&["share", path_str(&a), "--server", &server.url()]));
    let link = link.trim();
    assert!(
        link.contains("token=") && link.starts_with("ws://127.0.0.1:"),
        "{link}"
    );

    let b = file_in(&dir, "b.waymark");
    ok(waymark(&["clone", link, "-o", path_str(&b)]));
    assert_eq!(content(&a), content(&b));

    let from_a = edit_card(&a, 0, "Typed in A");
    let from_b = edit_card(&b, 1, "Typed in B");
    assert!(ok(waymark(&["sync", path_str(&a)])).contains("sent 1 changes"));
    ok(waymark(&["sync", path_str(&b)]));
    ok(waymark(&["sync", path_str(&a)]));
    assert_eq!(content(&a), content(&b));
    assert_eq!(card_text(&b, from_a.id).as_deref(), Some("Typed in A"));
    assert_eq!(card_text(&a, from_b.id).as_deref(), Some("Typed in B"));

    // Acknowledged edits survive kill -9 of the server.
    let acknowledged = edit_card(&b, 2, "Acknowledged before the kill");
    ok(waymark(&["sync", path_str(&b)]));
    let port = server.kill();
    let server = Server::start(&data, &tokens, port);
    let c = file_in(&dir, "c.waymark");
    ok(waymark(&["clone", link, "-o", path_str(&c)]));
    assert_eq!(
        card_text(&c, acknowledged.id).as_deref(),
        Some("Acknowledged before the kill")
    );

    // Killed in the middle of a round: the edit stays waiting and arrives after the restart.
    let in_flight = edit_card(&a, 3, "Sent while the server died");
    let round = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(["sync", path_str(&a)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(30));
    let port = server.kill();
    let mut round = round;
    round.wait().unwrap();
    let offline = waymark(&["sync", path_str(&a)]);
    assert!(!offline.status.success());
    let message = String::from_utf8_lossy(&offline.stderr);
    assert!(message.contains("your edits are kept"), "{message}");
    let _server = Server::start(&data, &tokens, port);
    for path in [&a, &b, &c, &a, &b, &c] {
        ok(waymark(&["sync", path_str(path)]));
    }
    assert_eq!(content(&a), content(&b));
    assert_eq!(content(&b), content(&c));
    assert_eq!(
        card_text(&c, in_flight.id).as_deref(),
        Some("Sent while the server died")
    );
    for path in [&a, &b, &c] {
        ok(waymark(&["validate", path_str(path)]));
    }
}

#[test]
fn a_wrong_token_and_a_second_share_are_refused_and_nothing_is_written() {
    let (dir, data, tokens) = setup();
    let server = Server::start(&data, &tokens, 0);
    let a = file_in(&dir, "a.waymark");
    ok(waymark(&["sample", "-o", path_str(&a)]));
    let wrong = format!("ws://127.0.0.1:{}?token=guess", server.port());
    let refused = waymark(&["share", path_str(&a), "--server", &wrong]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("refused the project token"));
    assert!(!ProjectFile::open_read_only(&a).unwrap().is_live());

    ok(waymark(&["share", path_str(&a), "--server", &server.url()]));
    assert!(ProjectFile::open_read_only(&a).unwrap().is_live());
    let copy = file_in(&dir, "copy.waymark");
    std::fs::copy(&a, &copy).unwrap();
    let again = waymark(&["share", path_str(&copy), "--server", &server.url()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("clone it"));

    // An update larger than one protocol message goes in fragments, and is stored: the round
    // succeeds only once the server's disk holds it.
    let mut file = ProjectFile::open(&a).unwrap();
    let data = incompressible(0x5eed, 300_000);
    let picture = Image {
        hash: Image::hash_of(&data),
        mime: ImageMime::Png,
        width: 640,
        height: 480,
        data,
    };
    file.apply(&Change::new(vec![Edit::Add {
        record: Record::Image(picture),
    }]))
    .unwrap();
    file.close().unwrap();
    assert!(ok(waymark(&["sync", path_str(&a)])).contains("sent 1 changes"));

    let nowhere = waymark(&["sync", path_str(&file_in(&dir, "missing.waymark"))]);
    assert!(!nowhere.status.success());
    let bad_link = waymark(&["clone", "http://example", "-o", path_str(&copy)]);
    assert!(String::from_utf8_lossy(&bad_link.stderr).contains("expected e.g. ws://"));
}

#[test]
fn a_client_of_an_older_format_is_refused_naming_both_versions() {
    use loro_websocket_client::protocol::ProtocolMessage;
    let (_dir, data, tokens) = setup();
    let server = Server::start(&data, &tokens, 0);
    let project = uuid::Uuid::new_v4();
    let older = store::SCHEMA_VERSION - 1;
    let answer = runtime().block_on(async {
        let mut client = join_raw(server.port(), &project.to_string(), older, Vec::new()).await;
        client.next().await.unwrap().unwrap()
    });
    let ProtocolMessage::JoinError { message, .. } = answer else {
        panic!("joined with an older format: {answer:?}");
    };
    assert!(
        message.contains(&format!("file format {}", store::SCHEMA_VERSION))
            && message.contains(&format!("file format {older}")),
        "{message}"
    );
    // Nothing was stored for the project.
    let conn = rusqlite::Connection::open(data.join("projects.sqlite")).unwrap();
    let rooms: i64 = conn
        .query_row(
            "SELECT count(*) FROM rooms WHERE room = ?1",
            [project.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rooms, 0);
}

/// A project whose engine state passes the 256 KiB one protocol message may carry (a large
/// picture inside it) is cloned whole, before and after a restart: the server sends the state on
/// joining in fragments. A replica that joins with the version it has is sent only what it lacks.
#[test]
fn a_state_larger_than_one_message_is_cloned_whole_and_a_known_replica_gets_only_the_rest() {
    use loro_websocket_client::protocol::{ProtocolMessage, MAX_MESSAGE_SIZE};
    let (dir, data, tokens) = setup();
    let server = Server::start(&data, &tokens, 0);
    let mut project = sample_with_image();
    // Incompressible bytes after the picture's end: the state holds them as they are.
    let mut bytes = tiny_png();
    bytes.extend(incompressible(0x2545_f491_4f6c_dd1d, 300 * 1024));
    let hash = Image::hash_of(&bytes);
    let old = project.images[0].hash.clone();
    project.images[0] = Image {
        hash: hash.clone(),
        data: bytes,
        ..project.images[0].clone()
    };
    for card in project
        .cards
        .iter_mut()
        .filter(|c| c.image == Some(old.clone()))
    {
        card.image = Some(hash.clone());
    }
    let a = file_in(&dir, "big.waymark");
    let mut file = ProjectFile::create(&a, &project).unwrap();
    let link = sync::client::share(&mut file, &server.url()).unwrap();
    let state = file.replica().unwrap().snapshot().unwrap();
    assert!(state.len() > MAX_MESSAGE_SIZE, "{} bytes", state.len());
    let version = file.replica().unwrap().version();
    file.close().unwrap();

    let b = file_in(&dir, "clone.waymark");
    sync::client::clone(&link.to_string(), &b).unwrap();
    assert_eq!(content(&b), content(&a));
    // Also after a restart, from the saved state alone.
    let port = server.kill();
    let server = Server::start(&data, &tokens, port);
    let c = file_in(&dir, "after-restart.waymark");
    sync::client::clone(&link.to_string(), &c).unwrap();
    assert_eq!(content(&c), content(&a));
    let copy = file_in(&dir, "again.waymark");
    std::fs::copy(&a, &copy).unwrap();
    let again = waymark(&["share", path_str(&copy), "--server", &server.url()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("clone it"));

    // What the server sends on joining, as the protocol carries it: fragments for a replica with
    // nothing, one small update for a replica that has everything.
    let sent_on_joining = |have: Vec<u8>| -> Vec<ProtocolMessage> {
        runtime().block_on(async {
            let project = link.project().unwrap().to_string();
            let mut client = join_raw(server.port(), &project, store::SCHEMA_VERSION, have).await;
            let mut heard = Vec::new();
            let mut fragments_to_come = None;
            loop {
                let message =
                    tokio::time::timeout(std::time::Duration::from_secs(10), client.next())
                        .await
                        .unwrap()
                        .unwrap()
                        .unwrap();
                let last = match &message {
                    ProtocolMessage::DocUpdate { .. } => true,
                    ProtocolMessage::DocUpdateFragmentHeader { fragment_count, .. } => {
                        fragments_to_come = Some(*fragment_count);
                        false
                    }
                    ProtocolMessage::DocUpdateFragment { .. } => {
                        let left = fragments_to_come.expect("a header first") - 1;
                        fragments_to_come = Some(left);
                        left == 0
                    }
                    _ => false,
                };
                heard.push(message);
                if last {
                    return heard;
                }
            }
        })
    };
    let fresh = sent_on_joining(Vec::new());
    assert!(
        fresh
            .iter()
            .any(|m| matches!(m, ProtocolMessage::DocUpdateFragmentHeader { total_size_bytes, .. } if *total_size_bytes as usize > state.len())),
        "{} messages, no fragments",
        fresh.len()
    );
    let known = sent_on_joining(version);
    let update = known
        .iter()
        .find_map(|m| match m {
            ProtocolMessage::DocUpdate { updates, .. } => Some(updates.concat()),
            _ => None,
        })
        .expect("an update");
    assert!(
        update.len() < 1024,
        "{} bytes for nothing new",
        update.len()
    );
}

/// What the server says to a request, as raw HTTP on 127.0.0.1: its status line.
fn status_line(port: u16, request: &str) -> String {
    use std::io::{BufRead, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut line = String::new();
    let _ = std::io::BufReader::new(stream).read_line(&mut line);
    line.trim().to_string()
}

/// No web page can reach the server: a browser's WebSocket always says where its page came from
/// (`Origin`), and such a handshake is refused even with the right token; a plain GET gets no
/// page or file, only a refusal.
#[test]
fn a_handshake_from_a_web_page_and_a_plain_request_are_refused() {
    let (_dir, data, tokens) = setup();
    let server = Server::start(&data, &tokens, 0);
    let project = uuid::Uuid::new_v4();
    let upgrade = |extra: &str| {
        format!(
            "GET /{project}?token={TOKEN} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n{extra}\r\n",
            server.port()
        )
    };
    assert!(
        status_line(server.port(), &upgrade("")).contains(" 101 "),
        "a native client's handshake is taken"
    );
    let from_page = status_line(server.port(), &upgrade("Origin: http://127.0.0.1:8000\r\n"));
    assert!(from_page.contains(" 403 "), "{from_page}");
    let plain = status_line(
        server.port(),
        "GET /projects.sqlite HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    );
    assert!(plain.is_empty() || plain.contains(" 400 "), "{plain}");
}

/// A client that announces an update past the server's limits (more than 64 MiB, or more than
/// 4 096 pieces) is refused before the server keeps anything of it.
#[test]
fn an_update_announced_past_the_limits_is_refused() {
    use loro_websocket_client::protocol::{BatchId, CrdtType, ProtocolMessage, UpdateErrorCode};
    let (_dir, data, tokens) = setup();
    let server = Server::start(&data, &tokens, 0);
    let project = uuid::Uuid::new_v4();
    runtime().block_on(async {
        let mut client = join_raw(
            server.port(),
            &project.to_string(),
            store::SCHEMA_VERSION,
            Vec::new(),
        )
        .await;
        for (pieces, bytes) in [(2, 65 * 1024 * 1024), (5000, 5000 * 1024)] {
            client
                .send(&ProtocolMessage::DocUpdateFragmentHeader {
                    crdt: CrdtType::Loro,
                    room_id: project.to_string(),
                    batch_id: BatchId([7; 8]),
                    fragment_count: pieces,
                    total_size_bytes: bytes,
                })
                .await
                .unwrap();
            let refusal = loop {
                let message =
                    tokio::time::timeout(std::time::Duration::from_secs(10), client.next())
                        .await
                        .unwrap()
                        .unwrap()
                        .unwrap();
                if let ProtocolMessage::UpdateError { code, .. } = message {
                    break code;
                }
            };
            assert_eq!(refusal, UpdateErrorCode::PayloadTooLarge);
        }
    });
}
