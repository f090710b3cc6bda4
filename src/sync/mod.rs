//! Live co-editing: everything that knows the sync engine (Loro) lives under this module, so the
//! engine could be swapped by rewriting it alone (docs/sync.md).
//!
//! Below the store: `replica` (a project's records in the engine's document and back),
//! `projection` (the engine's state as a valid project, by rules every replica applies alike) and
//! `undo` (undoing one's own change without overwriting someone else's later edit). Above the
//! store: `client` (share, clone and one sync round with a server) and `server` (`waymark serve`
//! on the engine's own WebSocket server crate).

pub mod client;
pub mod connection;
mod fields;
mod hello;
pub mod link;
pub mod projection;
pub mod replica;
pub mod server;
pub mod undo;

pub use link::Link;
pub use replica::Replica;

/// The version of the sync format: how records are laid out in the engine's document. A client
/// and a server of different versions refuse each other, naming both (the file's schema version
/// is what a user can compare, so it is the same number).
pub const FORMAT_VERSION: i64 = crate::store::SCHEMA_VERSION;
