//! `waymark room`: the same room the app opens, run from the command line. The join link is the
//! first line on standard output; then one line per event. The facilitator (or a test) types
//! commands on standard input: `capture`, `vote`, `rate`, `reveal`, `approve all`,
//! `approve ID…`, `hide ID…`, `kick ID`, `status`, `close` or `close forget`. The end of
//! standard input closes the room too.

use std::io::Write;
use std::net::IpAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use tokio::io::AsyncBufReadExt;
use tokio::sync::broadcast::error::RecvError;

use super::{Phase, Room, RoomEvent, RoomFile, RoomOptions};
use crate::error::{Error, Result};
use crate::model::{Id, SubmissionState};
use crate::store::ProjectFile;

/// What `waymark room` was asked for.
pub struct Headless {
    pub bind: IpAddr,
    pub journey: Option<String>,
    pub options: RoomOptions,
}

/// Runs a room over the project at `path` until it is closed.
pub fn run(path: &Path, asked: Headless, out: &mut dyn Write) -> Result<()> {
    let file = ProjectFile::open(path)?;
    if let Some(reason) = file.read_only() {
        return Err(Error::ReadOnly {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        });
    }
    let mut options = asked.options;
    if let Some(name) = &asked.journey {
        let journey = crate::export::journeys(file.project(), Some(name))?;
        options.journey = journey.first().map(|j| j.id);
    }
    let file: Arc<Mutex<ProjectFile>> = Arc::new(Mutex::new(file));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Internal {
            what: format!("the room's runtime could not start ({e})"),
        })?;
    let shared: Arc<dyn RoomFile> = file.clone();
    let outcome = runtime.block_on(serve(shared, asked.bind, options, out));
    // A read of standard input may still be waiting in the runtime's blocking pool; it must not
    // hold the process open after the room closed.
    runtime.shutdown_background();
    let file = Arc::try_unwrap(file)
        .ok()
        .and_then(|m| m.into_inner().ok())
        .ok_or_else(|| Error::Internal {
            what: "the room still held the project file after closing".into(),
        })?;
    file.close()?;
    outcome
}

fn line(out: &mut dyn Write, text: &str) -> Result<()> {
    let failed = |e| Error::io(Path::new("standard output"), e);
    writeln!(out, "{text}").map_err(failed)?;
    out.flush().map_err(failed)
}

async fn serve(
    file: Arc<dyn RoomFile>,
    bind: IpAddr,
    options: RoomOptions,
    out: &mut dyn Write,
) -> Result<()> {
    let room = Room::open(file.clone(), bind, options).await?;
    let mut events = room.subscribe();
    line(out, room.link())?;
    line(
        out,
        &format!(
            "room {} open on {}; commands: capture, vote, rate, reveal, approve all, approve ID, hide ID, kick ID, status, close [forget]",
            room.code(),
            room.address()
        ),
    )?;
    let mut input = tokio::io::BufReader::new(tokio::io::stdin()).lines();
    loop {
        tokio::select! {
            event = events.recv() => match event {
                Ok(event) => {
                    if let Some(text) = describe(&event) {
                        line(out, &text)?;
                    }
                }
                Err(RecvError::Lagged(missed)) => line(out, &format!("({missed} events not shown)"))?,
                Err(RecvError::Closed) => return Ok(()),
            },
            typed = input.next_line() => {
                let typed = typed.unwrap_or(None);
                let Some(typed) = typed else {
                    room.close(false).await?;
                    return line(out, "closed");
                };
                let words: Vec<&str> = typed.split_whitespace().collect();
                if let ["close", rest @ ..] = &words[..] {
                    let forget = rest == ["forget"];
                    let forgotten = room.close(forget).await?;
                    if forgotten.is_some() {
                        line(out, "forgot who said what")?;
                    }
                    return line(out, "closed");
                }
                match command(&room, file.as_ref(), &words).await {
                    Ok(Some(text)) => line(out, &text)?,
                    Ok(None) => {}
                    Err(e) => line(out, &format!("error: {e}"))?,
                }
            }
        }
    }
}

async fn command(room: &Room, file: &dyn RoomFile, words: &[&str]) -> Result<Option<String>> {
    let ids = |words: &[&str]| -> Result<Vec<Id>> {
        words
            .iter()
            .map(|w| {
                w.parse::<Id>()
                    .map_err(|_| Error::room(format!("{w:?} is not an id")))
            })
            .collect()
    };
    match words {
        [] => Ok(None),
        ["capture"] => room.set_phase(Phase::Capture).await.map(|_| None),
        ["vote"] => room.set_phase(Phase::Vote).await.map(|_| None),
        ["rate"] => room.set_phase(Phase::Rate).await.map(|_| None),
        ["reveal"] => room.set_phase(Phase::Reveal).await.map(|_| None),
        ["approve", "all"] => {
            let mut waiting = Vec::new();
            file.read(&mut |project| {
                waiting = project
                    .submissions
                    .iter()
                    .filter(|s| s.state == SubmissionState::Waiting)
                    .map(|s| s.id)
                    .collect();
            })?;
            if waiting.is_empty() {
                return Ok(Some("nothing is waiting".into()));
            }
            room.approve(&waiting).await?;
            Ok(Some(format!("approved {}", waiting.len())))
        }
        ["approve", rest @ ..] => {
            let chosen = ids(rest)?;
            room.approve(&chosen).await?;
            Ok(Some(format!("approved {}", chosen.len())))
        }
        ["hide", rest @ ..] => {
            let chosen = ids(rest)?;
            room.hide(&chosen).await?;
            Ok(Some(format!("hid {}", chosen.len())))
        }
        ["kick", who] => {
            let who = ids(&[who])?;
            room.kick(who[0]).await?;
            Ok(None)
        }
        ["status"] => {
            let status = room.status().await?;
            Ok(Some(
                format!(
                    "status: {:?}, {} joined, {} connected, {} of {} have voted, {} waiting",
                    status.phase,
                    status.joined,
                    status.connected,
                    status.votes.voted,
                    status.votes.of,
                    status.waiting
                )
                .to_lowercase(),
            ))
        }
        other => Err(Error::room(format!(
            "{:?} is not a room command",
            other.join(" ")
        ))),
    }
}

/// The event as one line; the project's own changes are not repeated (they are in the file).
fn describe(event: &RoomEvent) -> Option<String> {
    Some(match event {
        RoomEvent::Joined {
            participant,
            name,
            joined,
        } => format!("joined {participant} {name:?} ({joined} in the room)"),
        RoomEvent::Presence { joined, connected } => {
            format!("present {connected} of {joined} connected")
        }
        RoomEvent::Kicked { participant } => format!("kicked {participant}"),
        RoomEvent::Submitted { submission } => {
            format!("card {} {:?}", submission.id, submission.text)
        }
        RoomEvent::Changed { .. } => return None,
        RoomEvent::VoteProgress { progress } => {
            format!("votes {} of {} have voted", progress.voted, progress.of)
        }
        RoomEvent::Ratings { rated, of } => format!("ratings {rated} of {of} have rated"),
        RoomEvent::Phase { phase } => format!("phase {phase:?}").to_lowercase(),
        RoomEvent::Closed => return None,
    })
}
