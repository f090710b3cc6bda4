//! The room's random words: the join token in the link, each participant's secret and the short
//! room code read off the projector. All come from the operating system's random source.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// 256 random bits as URL-safe text (43 characters): twice the 128 bits an unguessable token
/// needs, and short enough for a QR code a phone reads from across a room.
pub fn random_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Error::Internal {
        what: format!("the system's random source failed ({e})"),
    })?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// Six characters a person can read aloud: no 0/O, 1/I/L, or vowels that could spell words.
pub fn room_code() -> Result<String> {
    const LETTERS: &[u8] = b"23456789BCDFGHJKMNPQRSTVWXZ";
    let mut bytes = [0u8; 6];
    getrandom::fill(&mut bytes).map_err(|e| Error::Internal {
        what: format!("the system's random source failed ({e})"),
    })?;
    let code: String = bytes
        .iter()
        .map(|b| LETTERS[usize::from(*b) % LETTERS.len()] as char)
        .collect();
    Ok(format!("{}-{}", &code[..3], &code[3..]))
}

/// What the room keeps of a secret: its hash, so a lookup takes the same path for every guess
/// and a memory dump holds no secret a phone could replay.
pub type SecretHash = [u8; 32];

pub fn hash(secret: &str) -> SecretHash {
    Sha256::digest(secret.as_bytes()).into()
}

/// Compares two tokens in time that depends only on their length, so response timing tells a
/// guesser nothing about how much of a guess was right.
pub fn same(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_256_bits_and_never_repeat() {
        let a = random_token().unwrap();
        let b = random_token().unwrap();
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).unwrap().len(), 32);
        assert_ne!(a, b);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }

    #[test]
    fn tokens_compare_only_when_equal() {
        assert!(same("abc", "abc"));
        assert!(!same("abd", "abc"));
        assert!(!same("ab", "abc"));
        assert!(!same("", "abc"));
    }

    #[test]
    fn a_room_code_is_two_groups_of_three_readable_characters() {
        let code = room_code().unwrap();
        assert_eq!(code.len(), 7);
        assert_eq!(&code[3..4], "-");
        assert!(!code.contains(['0', 'O', '1', 'I', 'L', 'A', 'E', 'U']));
    }
}
