//! The rows of a project that went live (migrations/004_sync.sql): the sync engine's state as
//! ordered parts, and the server it syncs with.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{corrupt, data_version, identity, sqlite_error, ProjectFile};
use crate::edit::Change;
use crate::edit::Origin;
use crate::error::{Error, Result};
use crate::sync::{projection, Replica};

type Sql<T> = rusqlite::Result<T>;

/// After this many updates the parts are replaced by one snapshot: opening imports fewer parts,
/// and the engine's snapshot stores the same history more compactly.
pub const COMPACT_AFTER: i64 = 100;

fn has_tables(conn: &Connection) -> Sql<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sync_state')",
        [],
        |r| r.get(0),
    )
}

/// The engine's state in import order; empty for a file that never went live.
pub fn parts(conn: &Connection) -> Sql<Vec<Vec<u8>>> {
    if !has_tables(conn)? {
        return Ok(Vec::new());
    }
    let mut statement = conn.prepare("SELECT bytes FROM sync_state ORDER BY seq")?;
    let rows = statement.query_map([], |r| r.get(0))?;
    rows.collect()
}

pub fn is_live(conn: &Connection) -> Sql<bool> {
    Ok(has_tables(conn)?
        && conn.query_row("SELECT EXISTS (SELECT 1 FROM sync_state)", [], |r| r.get(0))?)
}

pub fn append(tx: &Transaction, bytes: &[u8]) -> Sql<i64> {
    tx.prepare_cached("INSERT INTO sync_state (bytes) VALUES (?1)")?
        .execute([bytes])?;
    tx.query_row("SELECT count(*) FROM sync_state", [], |r| r.get(0))
}

pub fn replace_with_snapshot(tx: &Transaction, snapshot: &[u8]) -> Sql<()> {
    tx.execute("DELETE FROM sync_state", [])?;
    tx.execute("INSERT INTO sync_state (bytes) VALUES (?1)", [snapshot])?;
    Ok(())
}

/// The server link of a live project and what the server acknowledged storing of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncLink {
    pub link: String,
    /// The engine version the server acknowledged.
    pub acknowledged: Vec<u8>,
    /// The last history row that acknowledgement covers.
    pub acknowledged_seq: i64,
}

fn link(conn: &Connection) -> Sql<Option<SyncLink>> {
    if !has_tables(conn)? {
        return Ok(None);
    }
    conn.query_row(
        "SELECT link, acknowledged, acknowledged_seq FROM sync_link WHERE singleton = 1",
        [],
        |r| {
            Ok(SyncLink {
                link: r.get(0)?,
                acknowledged: r.get(1)?,
                acknowledged_seq: r.get(2)?,
            })
        },
    )
    .optional()
}

fn set_link(tx: &Transaction, link: &str, acknowledged: &[u8]) -> Sql<()> {
    let seq = super::history::last_seq(tx)?;
    tx.execute(
        "INSERT INTO sync_link (singleton, link, acknowledged, acknowledged_seq) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (singleton) DO UPDATE SET link = ?1, acknowledged = ?2, acknowledged_seq = ?3",
        params![link, acknowledged, seq],
    )?;
    Ok(())
}

/// Writes the engine's edits the file does not hold yet, in the caller's transaction; past
/// `COMPACT_AFTER` parts, one snapshot replaces them all.
pub(super) fn store_replica(tx: &Transaction, replica: &Replica) -> Sql<()> {
    let to_sql = |e: Error| rusqlite::Error::ToSqlConversionFailure(Box::new(e));
    if let Some(update) = replica.unstored().map_err(to_sql)? {
        if append(tx, &update)? > COMPACT_AFTER {
            replace_with_snapshot(tx, &replica.snapshot().map_err(to_sql)?)?;
        }
    }
    Ok(())
}

impl ProjectFile {
    /// Whether the project went live: its edits are kept in the sync engine too. A file opened
    /// read-only does not load the engine's state but still says whether it has one.
    pub fn is_live(&self) -> bool {
        self.replica.is_some() || is_live(&self.conn).unwrap_or(false)
    }

    /// The engine's replica of a live project.
    pub fn replica(&self) -> Option<&Replica> {
        self.replica.as_ref()
    }

    pub(super) fn load_replica(&self) -> Result<Replica> {
        let parts = parts(&self.conn).map_err(|e| corrupt(&self.path, e))?;
        Replica::load(&parts)
    }

    fn writable(&self) -> Result<()> {
        match &self.read_only {
            Some(reason) => Err(Error::ReadOnly {
                path: self.path.clone(),
                reason: reason.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Makes the project live: the engine's state starts from what the file holds, written in
    /// one transaction. A project that is live already stays as it is.
    pub fn go_live(&mut self) -> Result<()> {
        self.adopt(Replica::start(&self.project)?)
    }

    /// Makes the project live on a replica received from a server (a clone): the replica must
    /// stand for exactly what the file holds.
    pub fn adopt(&mut self, replica: Replica) -> Result<()> {
        self.writable()?;
        if self.replica.is_some() {
            return Ok(());
        }
        let snapshot = replica.snapshot()?;
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(|e| sqlite_error(&self.path, e))?;
        replace_with_snapshot(&tx, &snapshot).map_err(|e| sqlite_error(&self.path, e))?;
        tx.commit().map_err(|e| sqlite_error(&self.path, e))?;
        let mut replica = replica;
        replica.mark_stored();
        self.replica = Some(replica);
        self.seen.data_version = data_version(&self.conn, &self.path)?;
        self.seen.identity = identity(&self.path);
        Ok(())
    }

    /// Takes in edits from other replicas (as the server sends them) and applies what they
    /// change as one typed change through the same path as a local edit, validated and written
    /// with the engine's state in one transaction. Returns that change (empty when the edits
    /// change nothing the tables show), for a window to apply to its copy.
    pub fn receive(&mut self, updates: &[Vec<u8>]) -> Result<Change> {
        self.writable()?;
        let Some(replica) = &mut self.replica else {
            return Err(Error::Sync {
                what: format!(
                    "{}: the project is not shared live; share it first",
                    self.path.display()
                ),
            });
        };
        for update in updates {
            if let Err(e) = replica.import(update) {
                self.replica = Some(self.load_replica()?);
                return Err(e);
            }
        }
        let target = match projection::project(replica, &self.project.modified) {
            Ok(target) => target,
            Err(e) => {
                self.replica = Some(self.load_replica()?);
                return Err(e);
            }
        };
        let change = projection::change_between(&self.project, &target);
        if change.edits.is_empty() {
            self.store_engine_only()?;
        } else {
            self.apply_with(&change, &[], None, Origin::Remote)?;
        }
        Ok(change)
    }

    /// Writes engine edits that changed nothing in the tables (e.g. a text typed into a card
    /// someone removed).
    fn store_engine_only(&mut self) -> Result<()> {
        let Some(replica) = &self.replica else {
            return Ok(());
        };
        let written = (|| {
            let tx = self.conn.unchecked_transaction()?;
            store_replica(&tx, replica)?;
            tx.commit()
        })();
        match written {
            Ok(()) => {
                if let Some(replica) = &mut self.replica {
                    replica.mark_stored();
                }
                self.seen.data_version = data_version(&self.conn, &self.path)?;
                self.seen.identity = identity(&self.path);
                Ok(())
            }
            Err(e) => {
                self.replica = Some(self.load_replica()?);
                Err(sqlite_error(&self.path, e))
            }
        }
    }

    /// Replaces the engine's parts with one snapshot as the file closes, so the next open
    /// imports a snapshot instead of up to `COMPACT_AFTER` updates on top of one (the worst case
    /// of opening, docs/performance.md). Only while the file is still ours and unchanged since
    /// we last wrote it, as for any write; otherwise the parts stay as they are, which is as good.
    pub(super) fn compact_on_close(&mut self) -> Result<()> {
        let Some(replica) = &self.replica else {
            return Ok(());
        };
        let ours = self.mark.as_ref().is_some_and(|mark| mark.still_ours());
        if self.read_only.is_some()
            || !ours
            || replica.unstored()?.is_some()
            || identity(&self.path) != self.seen.identity
        {
            return Ok(());
        }
        let snapshot = replica.snapshot()?;
        let seen_version = self.seen.data_version;
        let written = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let version: i64 = tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
            let parts: i64 = tx.query_row("SELECT count(*) FROM sync_state", [], |r| r.get(0))?;
            if version != seen_version || parts <= 1 {
                return Ok(());
            }
            replace_with_snapshot(&tx, &snapshot)?;
            tx.commit()
        })();
        written.map_err(|e| sqlite_error(&self.path, e))
    }

    /// The server link of a live project and what the server acknowledged.
    pub fn link(&self) -> Result<Option<SyncLink>> {
        link(&self.conn).map_err(|e| corrupt(&self.path, e))
    }

    /// Records the link and that the server acknowledged storing the engine version
    /// `acknowledged`, which covers every change of this file so far.
    pub fn set_link(&mut self, server: &str, acknowledged: &[u8]) -> Result<()> {
        self.writable()?;
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(|e| sqlite_error(&self.path, e))?;
        set_link(&tx, server, acknowledged).map_err(|e| sqlite_error(&self.path, e))?;
        tx.commit().map_err(|e| sqlite_error(&self.path, e))?;
        self.seen.data_version = data_version(&self.conn, &self.path)?;
        self.seen.identity = identity(&self.path);
        Ok(())
    }

    /// How many changes made here the server has not acknowledged ("N changes waiting to
    /// sync"); 0 for a project that is not live.
    pub fn waiting_to_sync(&self) -> Result<usize> {
        if self.replica.is_none() {
            return Ok(0);
        }
        let after = self.link()?.map_or(0, |l| l.acknowledged_seq);
        super::history::local_since(&self.conn, after).map_err(|e| corrupt(&self.path, e))
    }
}

impl ProjectFile {
    /// A new file holding the project a server's state stands for, live from the start (a
    /// clone). Refuses to replace an existing file, as `create` does.
    pub fn create_live(path: &std::path::Path, state: &[Vec<u8>]) -> Result<ProjectFile> {
        let replica = Replica::load(state)?;
        let project = projection::project(&replica, &crate::now())?;
        let mut file = ProjectFile::create(path, &project)?;
        file.adopt(replica)?;
        Ok(file)
    }
}
