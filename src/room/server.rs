//! The room's HTTP and WebSocket server (axum on tokio). It serves the embedded phone page, lets
//! a phone with the join token in and carries its messages to the desk. Every request passes the
//! same gate first: the Host header must name the room's own address (so a web page elsewhere
//! cannot reach the room through a DNS name it controls), and each peer address has a budget of
//! requests and messages. Nothing is ever read from disk; no route can name the project file.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tokio::sync::{mpsc, oneshot, watch};

use super::desk::{Command, Connected, Outgoing};
use super::page;
use super::protocol::*;

/// A WebSocket message over this is cut off by the socket itself; between `MAX_MESSAGE_BYTES` and
/// this, the phone is told its message was too large.
const SOCKET_LIMIT: usize = 4 * MAX_MESSAGE_BYTES;
/// A phone that connects must say who it is within this long.
const HELLO_WITHIN: Duration = Duration::from_secs(10);

/// `http://address:port`, the room's origin (brackets around an IPv6 address).
pub(crate) fn origin_of(address: SocketAddr) -> String {
    format!("http://{}", host_of(address))
}

fn host_of(address: SocketAddr) -> String {
    match address.ip() {
        IpAddr::V4(ip) => format!("{ip}:{}", address.port()),
        IpAddr::V6(ip) => format!("[{ip}]:{}", address.port()),
    }
}

#[derive(Clone)]
struct Gate {
    host: String,
    origin: String,
    commands: mpsc::UnboundedSender<Command>,
    limiter: Arc<Limiter>,
    stopped: watch::Receiver<bool>,
    csp: HeaderValue,
    /// Held by every connection while it runs, so closing can wait until each phone has been
    /// told (the receiver sees the end once the last clone is gone).
    _alive: mpsc::Sender<()>,
}

pub(crate) async fn serve(
    listener: tokio::net::TcpListener,
    address: SocketAddr,
    commands: mpsc::UnboundedSender<Command>,
    stopped: watch::Receiver<bool>,
    alive: mpsc::Sender<()>,
) {
    let host = host_of(address);
    // Scripts and styles only from the page itself (no inline code, no other site), the socket
    // only back to the room, and nothing may frame the page or send a form elsewhere.
    let csp = format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
         connect-src 'self' ws://{host}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    );
    let gate = Gate {
        origin: origin_of(address),
        host,
        commands,
        limiter: Arc::new(Limiter::new()),
        stopped: stopped.clone(),
        csp: HeaderValue::from_str(&csp).unwrap_or(HeaderValue::from_static("default-src 'none'")),
        _alive: alive,
    };
    let app = Router::new()
        .route("/", get(page_file))
        .route("/{file}", get(page_file))
        .route("/join", post(join))
        .route("/ws", get(socket))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_MESSAGE_BYTES))
        .layer(middleware::from_fn_with_state(gate.clone(), guard))
        .with_state(gate);
    let mut stop = stopped;
    let _ = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        let _ = stop.wait_for(|stopped| *stopped).await;
    })
    .await;
}

/// The gate every request passes: the right Host, within the peer's budget; and the headers
/// every answer carries.
async fn guard(
    State(gate): State<Gate>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    let mut response = if host != Some(gate.host.as_str()) {
        refusal(
            StatusCode::MISDIRECTED_REQUEST,
            "wrong-host",
            "this is not the room's address",
        )
    } else if !gate.limiter.allow(peer.ip()) {
        refusal(
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            Refusal::RateLimited.message(),
        )
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, gate.csp.clone());
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn refusal(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({ "code": code, "message": message }).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn not_found() -> Response {
    refusal(
        StatusCode::NOT_FOUND,
        "not-found",
        "the room serves only its own page",
    )
}

/// The embedded page's files, by name; nothing else.
async fn page_file(path: Option<axum::extract::Path<String>>) -> Response {
    let name = path.map(|p| p.0).unwrap_or_default();
    match page::file(&name) {
        Some((content_type, bytes)) => {
            ([(header::CONTENT_TYPE, content_type)], Body::from(bytes)).into_response()
        }
        None => not_found().await,
    }
}

/// A browser sends Origin with a POST and with a WebSocket upgrade; it must be the room's own,
/// so no page from elsewhere can act for a phone.
fn same_origin(headers: &HeaderMap, gate: &Gate) -> bool {
    headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .is_some_and(|o| o == gate.origin)
}

async fn join(
    State(gate): State<Gate>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if headers.contains_key(header::ORIGIN) && !same_origin(&headers, &gate) {
        return refusal(
            StatusCode::FORBIDDEN,
            "wrong-origin",
            "this page is not the room's",
        );
    }
    let Ok(request) = serde_json::from_slice::<JoinRequest>(&body) else {
        return refused(Refusal::Malformed);
    };
    let (reply, answer) = oneshot::channel();
    let command = Command::Join {
        token: request.token,
        name: request.name,
        peer: peer.ip(),
        reply,
    };
    if gate.commands.send(command).is_err() {
        return refused(Refusal::BadToken);
    }
    match answer.await {
        Ok(Ok(joined)) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::to_string(&joined).unwrap_or_default(),
        )
            .into_response(),
        Ok(Err(refusal)) => refused(refusal),
        Err(_) => refused(Refusal::BadToken),
    }
}

fn refused(code: Refusal) -> Response {
    let status = match code {
        Refusal::BadToken | Refusal::Kicked | Refusal::BadSecret => StatusCode::FORBIDDEN,
        Refusal::RoomFull => StatusCode::CONFLICT,
        Refusal::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        Refusal::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        Refusal::NotSaved => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::BAD_REQUEST,
    };
    let body = serde_json::json!({ "code": code, "message": code.message() }).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn socket(
    State(gate): State<Gate>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    if !same_origin(&headers, &gate) {
        return refusal(
            StatusCode::FORBIDDEN,
            "wrong-origin",
            "this page is not the room's",
        );
    }
    upgrade
        .max_message_size(SOCKET_LIMIT)
        .max_frame_size(SOCKET_LIMIT)
        .on_upgrade(move |socket| connection(socket, gate, peer.ip()))
}

/// One phone's connection: its first message says who it is, every later one goes to the desk,
/// and whatever the desk has for the phone goes out.
async fn connection(mut socket: WebSocket, gate: Gate, peer: IpAddr) {
    let (phone, mut outgoing) = mpsc::unbounded_channel();
    let mut who: Option<Connected> = None;
    let mut stopped = gate.stopped.clone();
    let hello_by = tokio::time::Instant::now() + HELLO_WITHIN;
    loop {
        let deadline = async {
            if who.is_none() {
                tokio::time::sleep_until(hello_by).await
            } else {
                std::future::pending::<()>().await
            }
        };
        tokio::select! {
            _ = async { stopped.wait_for(|s| *s).await.map(|_| ()) } => break,
            _ = deadline => break,
            out = outgoing.recv() => match out {
                Some(Outgoing::Message(message)) => {
                    if socket.send(Message::Text(message.to_json().into())).await.is_err() {
                        break;
                    }
                }
                Some(Outgoing::Close) | None => break,
            },
            incoming = socket.recv() => {
                let text = match incoming {
                    Some(Ok(Message::Text(text))) => text,
                    Some(Ok(Message::Binary(_))) => {
                        let _ = say(&mut socket, RoomMessage::refused(Refusal::Malformed, None)).await;
                        continue;
                    }
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                    Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                };
                if !gate.limiter.allow(peer) {
                    let _ = say(&mut socket, RoomMessage::refused(Refusal::RateLimited, None)).await;
                    continue;
                }
                match parse(text.as_str()) {
                    Err(refusal) => {
                        let _ = say(&mut socket, RoomMessage::refused(refusal, None)).await;
                    }
                    Ok(PhoneMessage::Hello { secret }) => {
                        let (reply, answer) = oneshot::channel();
                        let hello = Command::Hello { secret, phone: phone.clone(), reply };
                        if gate.commands.send(hello).is_err() {
                            break;
                        }
                        match answer.await {
                            Ok(Ok(connected)) => who = Some(connected),
                            Ok(Err(refusal)) => {
                                let _ = say(&mut socket, RoomMessage::refused(refusal, None)).await;
                                break;
                            }
                            Err(_) => break,
                        }
                    }
                    Ok(message) => match who {
                        Some(connected) => {
                            let said = Command::Said { participant: connected.participant, message };
                            if gate.commands.send(said).is_err() {
                                break;
                            }
                        }
                        None => {
                            let _ = say(&mut socket, RoomMessage::refused(Refusal::BadSecret, None)).await;
                        }
                    },
                }
            }
        }
    }
    let room_closed = *gate.stopped.borrow();
    if room_closed {
        let _ = say(&mut socket, RoomMessage::Closed).await;
    }
    let _ = socket.send(Message::Close(None)).await;
    if let Some(connected) = who {
        let _ = gate.commands.send(Command::Gone {
            participant: connected.participant,
            connection: connected.connection,
        });
    }
}

async fn say(socket: &mut WebSocket, message: RoomMessage) -> Result<(), axum::Error> {
    socket.send(Message::Text(message.to_json().into())).await
}

/// A budget of requests and messages per peer address: a burst a phone's offline queue can use
/// at once, refilled steadily. A phone that floods the room is told to wait, not let in.
struct Limiter {
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

/// Enough for a phone that comes back with 50 queued cards and loads the page.
const BURST: f64 = 60.0;
const PER_SECOND: f64 = 20.0;

impl Limiter {
    fn new() -> Limiter {
        Limiter {
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn allow(&self, peer: IpAddr) -> bool {
        let Ok(mut buckets) = self.buckets.lock() else {
            return false;
        };
        let now = Instant::now();
        if buckets.len() > 4096 {
            // Peers whose budget is full again carry no state worth keeping.
            buckets.retain(|_, (tokens, last)| {
                *tokens + now.duration_since(*last).as_secs_f64() * PER_SECOND < BURST
            });
        }
        let (tokens, last) = buckets.entry(peer).or_insert((BURST, now));
        *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * PER_SECOND).min(BURST);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_peer_gets_its_burst_then_is_held_back_while_others_are_not() {
        let limiter = Limiter::new();
        let phone: IpAddr = "127.0.0.2".parse().unwrap();
        let other: IpAddr = "127.0.0.3".parse().unwrap();
        let allowed = (0..100).filter(|_| limiter.allow(phone)).count();
        assert!((60..=62).contains(&allowed), "{allowed}");
        assert!(limiter.allow(other));
    }

    #[test]
    fn an_ipv6_room_is_named_with_brackets() {
        let address: SocketAddr = "[::1]:4321".parse().unwrap();
        assert_eq!(origin_of(address), "http://[::1]:4321");
    }
}
