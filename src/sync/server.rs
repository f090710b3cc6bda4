//! `waymark serve`: the team's server, the engine's own WebSocket server crate
//! (`loro-websocket-server`) with its hooks wired to Waymark's needs:
//!
//! - persistence: each project's engine state in one SQLite database in the data folder
//!   (`synchronous = FULL`), saved by the crate's saver every `SAVE_EVERY_MS`;
//! - project tokens (`--token-file`) checked at the WebSocket handshake;
//! - the join's `Hello` checked: a client of another sync format is refused with a message naming
//!   both versions, before it can send anything; and a client asking whether its edits are stored
//!   is answered only once the saved state holds them. That answer is the acknowledgement
//!   `waymark sync` waits for, so an acknowledged edit is on the server's disk and survives
//!   `kill -9`.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use loro::{LoroDoc, VersionVector};
use loro_websocket_server::protocol::{CrdtType, Permission};
use loro_websocket_server::{LoadDocArgs, LoadedDoc, SaveDocArgs, ServerConfig};
use rusqlite::{params, Connection, OptionalExtension};

use super::hello::{from_hex, Hello};
use super::FORMAT_VERSION;
use crate::error::{Error, Result};

/// How often the crate's saver writes changed projects. An acknowledgement waits for it, so this
/// bounds how long `waymark sync` waits for the server's disk.
const SAVE_EVERY_MS: u64 = 50;

/// Who may open which project: each line of a token file is `TOKEN` (any project) or
/// `PROJECT-ID TOKEN`; empty lines and lines starting with `#` are skipped.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    any_project: Vec<String>,
    per_project: HashMap<String, Vec<String>>,
}

impl Tokens {
    pub fn read(path: &Path) -> Result<Tokens> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut tokens = Tokens::default();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                [token] => tokens.any_project.push(token.to_string()),
                [project, token] => {
                    uuid::Uuid::parse_str(project).map_err(|_| Error::Usage {
                        what: format!(
                            "{}: {project:?} is not a project id; a line is TOKEN or PROJECT-ID TOKEN",
                            path.display()
                        ),
                    })?;
                    tokens
                        .per_project
                        .entry(project.to_lowercase())
                        .or_default()
                        .push(token.to_string());
                }
                _ => {
                    return Err(Error::Usage {
                        what: format!(
                            "{}: a line holds TOKEN or PROJECT-ID TOKEN, not {line:?}",
                            path.display()
                        ),
                    })
                }
            }
        }
        if tokens.any_project.is_empty() && tokens.per_project.is_empty() {
            return Err(Error::Usage {
                what: format!(
                    "{}: the token file holds no token; without --token-file anyone who reaches the server may edit",
                    path.display()
                ),
            });
        }
        Ok(tokens)
    }

    fn admits(&self, project: &str, token: Option<&str>) -> bool {
        let Some(token) = token else {
            return false;
        };
        self.any_project.iter().any(|t| t == token)
            || self
                .per_project
                .get(&project.to_lowercase())
                .is_some_and(|tokens| tokens.iter().any(|t| t == token))
    }
}

/// The data folder's database of project states.
struct Store {
    conn: Mutex<Connection>,
    /// The engine version each room's saved state holds.
    stored: Mutex<HashMap<String, VersionVector>>,
}

fn store_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::Sqlite {
        path: path.to_path_buf(),
        source: e,
    }
}

fn version_of(snapshot: &[u8]) -> Option<VersionVector> {
    LoroDoc::decode_import_blob_meta(snapshot, false)
        .ok()
        .map(|meta| meta.partial_end_vv)
}

impl Store {
    fn open(data: &Path) -> Result<Store> {
        std::fs::create_dir_all(data).map_err(|e| Error::io(data, e))?;
        let path = data.join("projects.sqlite");
        let conn = Connection::open(&path).map_err(|e| store_error(&path, e))?;
        conn.execute_batch(
            "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;
             CREATE TABLE IF NOT EXISTS rooms (
                 room     TEXT PRIMARY KEY,
                 snapshot BLOB NOT NULL,
                 saved    TEXT NOT NULL
             ) STRICT;",
        )
        .map_err(|e| store_error(&path, e))?;
        let mut stored = HashMap::new();
        {
            let mut statement = conn
                .prepare("SELECT room, snapshot FROM rooms")
                .map_err(|e| store_error(&path, e))?;
            let rows = statement
                .query_map([], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
                })
                .map_err(|e| store_error(&path, e))?;
            for row in rows {
                let (room, snapshot) = row.map_err(|e| store_error(&path, e))?;
                if let Some(version) = version_of(&snapshot) {
                    stored.insert(room, version);
                }
            }
        }
        Ok(Store {
            conn: Mutex::new(conn),
            stored: Mutex::new(stored),
        })
    }

    fn load(&self, room: &str) -> std::result::Result<Option<Vec<u8>>, String> {
        let conn = self.conn.lock().map_err(|e| e.to_string())?;
        conn.query_row("SELECT snapshot FROM rooms WHERE room = ?1", [room], |r| {
            r.get(0)
        })
        .optional()
        .map_err(|e| e.to_string())
    }

    fn save(&self, room: &str, snapshot: &[u8]) -> std::result::Result<(), String> {
        {
            let conn = self.conn.lock().map_err(|e| e.to_string())?;
            conn.execute(
                "INSERT INTO rooms (room, snapshot, saved) VALUES (?1, ?2, ?3)
                 ON CONFLICT (room) DO UPDATE SET snapshot = ?2, saved = ?3",
                params![room, snapshot, crate::now()],
            )
            .map_err(|e| e.to_string())?;
        }
        if let Some(version) = version_of(snapshot) {
            if let Ok(mut stored) = self.stored.lock() {
                stored.insert(room.to_string(), version);
            }
        }
        Ok(())
    }

    /// Whether the saved state of `room` holds everything of `version`.
    fn holds(&self, room: &str, version: &[u8]) -> bool {
        let Ok(wanted) = VersionVector::decode(version) else {
            return false;
        };
        let Ok(stored) = self.stored.lock() else {
            return false;
        };
        let Some(have) = stored.get(room) else {
            return wanted.iter().all(|(_, counter)| *counter == 0);
        };
        wanted
            .iter()
            .all(|(peer, counter)| have.get(peer).copied().unwrap_or(0) >= *counter)
    }
}

/// What the join's `Hello` says, judged: write access, or why not.
fn admit(store: &Store, room: &str, auth: &[u8]) -> std::result::Result<Permission, String> {
    let Some(hello) = Hello::from_bytes(auth) else {
        return Err(format!(
            "this Waymark server speaks sync format {FORMAT_VERSION}; the client sent no format it knows (a Waymark older than live co-editing?): update Waymark"
        ));
    };
    if hello.format != FORMAT_VERSION {
        let advice = if hello.format < FORMAT_VERSION {
            "update Waymark on this computer"
        } else {
            "update the server"
        };
        return Err(format!(
            "this Waymark server speaks file format {FORMAT_VERSION}, your Waymark file format {}; {advice}; nothing was written",
            hello.format
        ));
    }
    match hello.stored {
        None => Ok(Permission::Write),
        Some(hex) => {
            let version = from_hex(&hex).ok_or("the stored version is not hex")?;
            // Write: a join replaces the connection's permission in the presence room, where a
            // live window also says who is here and what they edit.
            if store.holds(room, &version) {
                Ok(Permission::Write)
            } else {
                Err(NOT_STORED_YET.to_string())
            }
        }
    }
}

/// The refusal a client asking about its edits gets until the server's disk holds them.
pub(super) const NOT_STORED_YET: &str = "not stored yet";

pub struct Options {
    pub data: PathBuf,
    pub bind: SocketAddr,
    pub tokens: Option<Tokens>,
}

/// Runs the server until the process ends. `on_listening` gets the address bound (the port, when
/// 0 was asked for) once connections are accepted.
pub fn serve(options: Options, on_listening: impl FnOnce(SocketAddr)) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Internal {
            what: format!("the server's runtime could not start ({e})"),
        })?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.bind)
            .await
            .map_err(|e| Error::Sync {
                what: format!(
                    "cannot listen on {} ({e}); choose another --bind address or port",
                    options.bind
                ),
            })?;
        let bound = listener.local_addr().map_err(|e| Error::Sync {
            what: format!("cannot read the address listened on ({e})"),
        })?;
        let config = config(&options.data, options.tokens)?;
        on_listening(bound);
        loro_websocket_server::serve_incoming_with_config(listener, config)
            .await
            .map_err(|e| Error::Sync {
                what: format!("the server stopped ({e})"),
            })
    })
}

fn config(data: &Path, tokens: Option<Tokens>) -> Result<ServerConfig<()>> {
    let store = Arc::new(Store::open(data)?);
    let (load_store, save_store, auth_store) = (store.clone(), store.clone(), store);
    Ok(ServerConfig {
        on_load_document: Some(Arc::new(move |args: LoadDocArgs| {
            let store = load_store.clone();
            Box::pin(async move {
                let snapshot = match args.crdt {
                    CrdtType::Loro => store.load(&args.room)?,
                    _ => None,
                };
                Ok(LoadedDoc {
                    snapshot,
                    ctx: None,
                })
            })
        })),
        on_save_document: Some(Arc::new(move |args: SaveDocArgs<()>| {
            let store = save_store.clone();
            Box::pin(async move {
                match args.crdt {
                    CrdtType::Loro => store.save(&args.room, &args.data),
                    _ => Ok(()),
                }
            })
        })),
        save_interval_ms: Some(SAVE_EVERY_MS),
        default_permission: Permission::Write,
        authenticate: Some(Arc::new(move |room: String, _crdt, auth: Vec<u8>| {
            let store = auth_store.clone();
            Box::pin(async move { admit(&store, &room, &auth).map(Some) })
        })),
        // Waymark's clients are native and send no Origin; a browser always does.
        refuse_origin: true,
        handshake_auth: tokens.map(|tokens| {
            let check: Arc<dyn Fn(&str, Option<&str>) -> bool + Send + Sync> =
                Arc::new(move |project: &str, token: Option<&str>| tokens.admits(project, token));
            check
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_file_names_tokens_for_any_or_one_project() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tokens");
        let project = uuid::Uuid::new_v4().to_string();
        std::fs::write(
            &path,
            format!("# team\nall-projects\n{project} just-this\n"),
        )
        .unwrap();
        let tokens = Tokens::read(&path).unwrap();
        assert!(tokens.admits(&project, Some("all-projects")));
        assert!(tokens.admits(&project, Some("just-this")));
        assert!(!tokens.admits("other", Some("just-this")));
        assert!(!tokens.admits(&project, None));
        std::fs::write(&path, "a b c\n").unwrap();
        assert!(Tokens::read(&path).is_err());
        std::fs::write(&path, "# nothing\n").unwrap();
        assert!(Tokens::read(&path).is_err());
    }

    #[test]
    fn a_client_of_another_format_is_refused_naming_both_versions() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let old = Hello {
            format: FORMAT_VERSION - 1,
            stored: None,
        };
        let refusal = admit(&store, "room", &old.to_bytes()).unwrap_err();
        assert!(
            refusal.contains(&format!("file format {FORMAT_VERSION}"))
                && refusal.contains(&format!("file format {}", FORMAT_VERSION - 1)),
            "{refusal}"
        );
        let current = Hello {
            format: FORMAT_VERSION,
            stored: None,
        };
        assert_eq!(
            admit(&store, "room", &current.to_bytes()),
            Ok(Permission::Write)
        );
        assert!(admit(&store, "room", b"garbage").is_err());
    }
}
