//! The in-use mark: while a project is open for editing, a small JSON file beside it
//! (`.~<name>.lock`, like LibreOffice's `.~lock.` files) says who has it, on which machine, since
//! when. SQLite's own locks only last one transaction and do not reach across every network
//! drive, so they cannot tell a second person that a colleague is working on the file.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A mark whose holder has not touched it for this long is reported as probably stale.
pub const STALE_AFTER_SECONDS: i64 = 12 * 60 * 60;
/// How often an open project refreshes its mark's heartbeat (on `apply`).
const HEARTBEAT_EVERY_SECONDS: i64 = 10 * 60;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InUse {
    pub user: String,
    pub host: String,
    pub pid: u32,
    /// RFC 3339: when the project was opened.
    pub since: String,
    /// RFC 3339: the last time the holder showed it is alive.
    pub heartbeat: String,
    pub app_version: String,
    /// Tells two sessions of one process apart, so the second open of a file in the same
    /// program is still someone else.
    pub session: String,
}

/// Whether the holder of a mark can still be working on the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Liveness {
    Live,
    /// Same machine, and its process is gone: it holds nothing (every edit was durable).
    Dead,
    /// No heartbeat for `STALE_AFTER_SECONDS`; perhaps a crash on another machine.
    Old,
}

impl InUse {
    fn mine() -> InUse {
        let now = crate::now();
        InUse {
            user: user(),
            host: host(),
            pid: std::process::id(),
            since: now.clone(),
            heartbeat: now,
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            session: uuid::Uuid::new_v4().to_string(),
        }
    }

    pub fn liveness(&self) -> Liveness {
        if self.host == host() && !process_alive(self.pid) {
            return Liveness::Dead;
        }
        match age_seconds(&self.heartbeat) {
            Some(age) if age > STALE_AFTER_SECONDS => Liveness::Old,
            // An unreadable time is treated as fresh: wrongly calling a mark stale could let two
            // people write, wrongly calling it live only costs an explicit take-over.
            _ => Liveness::Live,
        }
    }

    /// "alice on laptop-7 since 2026-03-01 09:12:00 UTC".
    pub fn describe(&self) -> String {
        let since = self.since.replace('T', " ").replace('Z', " UTC");
        format!("{} on {} since {since}", self.user, self.host)
    }
}

pub(crate) fn user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "someone".into())
}

fn host() -> String {
    let from_file = |p: &str| {
        std::fs::read_to_string(p)
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    from_file("/proc/sys/kernel/hostname")
        .or_else(|| from_file("/etc/hostname"))
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "an unknown computer".into())
}

/// Where the platform cannot tell, a process counts as alive: only age then makes a mark stale.
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

fn age_seconds(time: &str) -> Option<i64> {
    let then =
        time::OffsetDateTime::parse(time, &time::format_description::well_known::Rfc3339).ok()?;
    Some((time::OffsetDateTime::now_utc() - then).whole_seconds())
}

pub fn mark_path(project: &Path) -> PathBuf {
    let name = project
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    project.with_file_name(format!(".~{name}.lock"))
}

/// Reads the mark beside a project, if there is one. A mark that cannot be parsed (being written
/// this instant, or damaged) counts as a live mark of an unknown holder until it is old.
pub fn read(project: &Path) -> Option<InUse> {
    let path = mark_path(project);
    let bytes = std::fs::read(&path).ok()?;
    serde_json::from_slice(&bytes).ok().or_else(|| {
        let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok()?;
        let modified = time::OffsetDateTime::from(modified)
            .replace_nanosecond(0)
            .ok()?
            .format(&time::format_description::well_known::Rfc3339)
            .ok()?;
        Some(InUse {
            user: "someone".into(),
            host: "an unknown computer".into(),
            pid: 0,
            since: modified.clone(),
            heartbeat: modified,
            app_version: String::new(),
            session: String::new(),
        })
    })
}

/// Our mark on an open project; removed when dropped, unless someone took it over meanwhile.
#[derive(Debug)]
pub struct Mark {
    path: PathBuf,
    held: InUse,
}

pub enum Claim {
    Ours(Mark),
    Theirs(InUse),
}

impl Mark {
    /// Creates the mark atomically (`create_new`): of two programs opening at once, one wins.
    pub fn claim(project: &Path) -> std::io::Result<Claim> {
        let path = mark_path(project);
        let held = InUse::mine();
        let bytes = serde_json::to_vec_pretty(&held).map_err(std::io::Error::other)?;
        // A second try covers a mark removed between our attempt and our read of it.
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    let written = file.write_all(&bytes).and_then(|_| file.sync_all());
                    if let Err(e) = written {
                        let _ = std::fs::remove_file(&path);
                        return Err(e);
                    }
                    return Ok(Claim::Ours(Mark { path, held }));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if let Some(theirs) = read(project) {
                        return Ok(Claim::Theirs(theirs));
                    }
                }
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other(
            "the in-use mark beside it keeps appearing and vanishing",
        ))
    }

    pub fn held(&self) -> &InUse {
        &self.held
    }

    /// Whether the mark on disk is still ours; false once someone took the project over.
    pub fn still_ours(&self) -> bool {
        std::fs::read(&self.path)
            .ok()
            .and_then(|b| serde_json::from_slice::<InUse>(&b).ok())
            .is_some_and(|m| m.session == self.held.session)
    }

    /// Refreshes the heartbeat now and then, so others do not see an open project as stale.
    /// Written beside and renamed over, so a reader never sees half a mark.
    pub fn heartbeat(&mut self) {
        if age_seconds(&self.held.heartbeat).is_some_and(|age| age < HEARTBEAT_EVERY_SECONDS) {
            return;
        }
        let mut next = self.held.clone();
        next.heartbeat = crate::now();
        let Ok(bytes) = serde_json::to_vec_pretty(&next) else {
            return;
        };
        let mut partial = self.path.as_os_str().to_owned();
        partial.push(format!(".{}", self.held.session));
        let partial = PathBuf::from(partial);
        let written =
            std::fs::write(&partial, bytes).and_then(|_| std::fs::rename(&partial, &self.path));
        match written {
            Ok(()) => self.held = next,
            Err(_) => drop(std::fs::remove_file(&partial)),
        }
    }
}

impl Drop for Mark {
    fn drop(&mut self) {
        if self.still_ours() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Removes the mark beside a project so it can be claimed anew (an explicit take-over).
pub fn remove(project: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(mark_path(project)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
