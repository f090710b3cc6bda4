#![allow(dead_code)]
//! A simulated phone for the workshop room's tests and load benchmark: plain HTTP over a TCP
//! socket (so a test can send a wrong Host or an oversized body) and a WebSocket client. Each
//! phone may connect from its own loopback address (127.0.0.x), as phones on a Wi-Fi have
//! addresses of their own; every connection stays on this machine.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;
use waymark::room::protocol::{Joined, RoomMessage};

pub type Socket = WebSocketStream<TcpStream>;

/// A loopback source address: 127.0.0.`n`.
pub fn loopback(n: u8) -> IpAddr {
    IpAddr::from([127, 0, 0, n])
}

pub async fn tcp(room: SocketAddr, from: IpAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().expect("a socket");
    socket
        .bind(SocketAddr::new(from, 0))
        .expect("a loopback source");
    socket
        .connect(room)
        .await
        .expect("the room accepts connections")
}

/// A raw HTTP/1.1 exchange; answers the status and the whole response text.
pub async fn http(room: SocketAddr, from: IpAddr, request: &[u8]) -> (u16, String) {
    let mut stream = tcp(room, from).await;
    stream.write_all(request).await.expect("request sent");
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

pub fn get(room: SocketAddr, path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: {room}\r\nConnection: close\r\n\r\n").into_bytes()
}

pub fn post_join(room: SocketAddr, body: &str, origin: Option<&str>) -> Vec<u8> {
    let origin = origin
        .map(|o| format!("Origin: {o}\r\n"))
        .unwrap_or_default();
    format!(
        "POST /join HTTP/1.1\r\nHost: {room}\r\n{origin}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The body of an HTTP response.
pub fn body(response: &str) -> &str {
    response.split("\r\n\r\n").nth(1).unwrap_or("")
}

/// The join token in a join link.
pub fn token_of(link: &str) -> &str {
    link.split('#')
        .nth(1)
        .expect("the link carries the token in its fragment")
}

pub async fn join(room: SocketAddr, from: IpAddr, token: &str, name: &str) -> Joined {
    let body = serde_json::json!({ "token": token, "name": name }).to_string();
    let origin = format!("http://{room}");
    let (status, response) = http(room, from, &post_join(room, &body, Some(&origin))).await;
    assert_eq!(status, 200, "{response}");
    serde_json::from_str(self::body(&response)).expect("a join answer")
}

/// A WebSocket to the room with the room's own Origin (or `origin`) and Host.
pub async fn connect_with(
    room: SocketAddr,
    from: IpAddr,
    origin: &str,
    host: &str,
) -> Result<Socket, tokio_tungstenite::tungstenite::Error> {
    let mut request = format!("ws://{room}/ws").into_client_request()?;
    request
        .headers_mut()
        .insert("Origin", HeaderValue::from_str(origin).unwrap());
    request
        .headers_mut()
        .insert("Host", HeaderValue::from_str(host).unwrap());
    let stream = tcp(room, from).await;
    let (socket, _) = tokio_tungstenite::client_async(request, stream).await?;
    Ok(socket)
}

pub async fn connect(room: SocketAddr, from: IpAddr) -> Socket {
    connect_with(room, from, &format!("http://{room}"), &room.to_string())
        .await
        .expect("the room takes the WebSocket")
}

pub async fn say(socket: &mut Socket, message: serde_json::Value) {
    socket
        .send(Message::Text(message.to_string().into()))
        .await
        .expect("sent");
}

/// The next message from the room; none when the connection ended.
pub async fn hear(socket: &mut Socket) -> Option<RoomMessage> {
    loop {
        let next = tokio::time::timeout(Duration::from_secs(10), socket.next())
            .await
            .expect("the room answers within 10 s");
        match next {
            Some(Ok(Message::Text(text))) => {
                return Some(serde_json::from_str(text.as_str()).expect("a room message"))
            }
            Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return None,
            Some(Ok(_)) => continue,
        }
    }
}

/// Connects, says hello and returns the socket with the welcome.
pub async fn hello(room: SocketAddr, from: IpAddr, secret: &str) -> (Socket, RoomMessage) {
    let mut socket = connect(room, from).await;
    say(
        &mut socket,
        serde_json::json!({ "type": "hello", "secret": secret }),
    )
    .await;
    let welcome = hear(&mut socket).await.expect("a welcome");
    (socket, welcome)
}

pub fn card(id: uuid::Uuid, lane: uuid::Uuid, step: uuid::Uuid, text: &str) -> serde_json::Value {
    serde_json::json!({ "type": "card", "id": id, "lane": lane, "step": step, "text": text })
}
