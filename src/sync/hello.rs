//! What a client tells the server when it joins a project's room, in the join request's `auth`
//! bytes (the protocol leaves their meaning to the application): its sync format, so a client of
//! another format is refused by name, and, when it asks whether its edits are stored, the engine
//! version it needs the server to have written to disk.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Hello {
    pub format: i64,
    /// Hex of an engine version: "answer only once you have stored at least this".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stored: Option<String>,
}

impl Hello {
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Hello> {
        serde_json::from_slice(bytes).ok()
    }
}

pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}
