//! The `response` ids an import counted, kept so that a later, overlapping export does not count
//! the same answers twice. Each id is kept as a 48-bit hash (6 bytes, sorted): a million ids take
//! 6 MB rather than the ids' own text, and two different ids of even ten million answers share a
//! hash with a chance of about 1 in 6 000.

use std::collections::HashSet;

const BYTES: usize = 6;
const MASK: u64 = (1 << (8 * BYTES)) - 1;

/// FNV-1a: stable across builds and platforms (the std hasher is not), and fast on short ids.
pub fn hash(id: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in id.trim().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash & MASK
}

/// The hashes as stored: sorted, each once, 6 bytes big-endian.
pub fn encode(hashes: &HashSet<u64>) -> Vec<u8> {
    let mut sorted: Vec<u64> = hashes.iter().copied().collect();
    sorted.sort_unstable();
    sorted
        .iter()
        .flat_map(|h| h.to_be_bytes()[8 - BYTES..].to_vec())
        .collect()
}

/// Reads stored hashes back; a trailing partial entry (a damaged blob) is ignored.
pub fn decode(bytes: &[u8]) -> HashSet<u64> {
    bytes
        .chunks_exact(BYTES)
        .map(|chunk| {
            let mut full = [0u8; 8];
            full[8 - BYTES..].copy_from_slice(chunk);
            u64::from_be_bytes(full)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_survive_storage_and_ignore_surrounding_space() {
        let ids: HashSet<u64> = ["R-1", "R-2", " R-3 ", "ankieta-ą"]
            .iter()
            .map(|id| hash(id))
            .collect();
        assert_eq!(hash("R-3"), hash(" R-3 "));
        assert_ne!(hash("R-1"), hash("R-2"));
        let stored = encode(&ids);
        assert_eq!(stored.len(), 4 * BYTES);
        assert_eq!(decode(&stored), ids);
        assert!(ids.iter().all(|h| *h <= MASK));
    }
}
