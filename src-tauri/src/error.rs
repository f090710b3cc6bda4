//! Errors as the front end receives them: `{code, message}`. The code is stable and typed on the
//! TypeScript side; the message is the core's one line, written for the user.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl IpcError {
    pub fn new(code: &str, message: impl Into<String>) -> IpcError {
        IpcError {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

impl From<waymark::Error> for IpcError {
    fn from(error: waymark::Error) -> IpcError {
        IpcError::new(error.code(), error.to_string())
    }
}
