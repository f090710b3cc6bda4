//! The `response` ids an import counted, kept so that a later, overlapping export does not count
//! the same answers twice. Each id is kept as a 48-bit hash: two different ids among ten million
//! share one with a chance of about 1 in 6 000. The sorted hashes are stored Golomb–Rice coded
//! (gaps between neighbours, which for n hashes average 2^48 / n, in about log2(2^48 / n) + 2
//! bits each): a million ids take about 3.8 MB instead of 6 MB as plain 6-byte hashes or many
//! times that as text.

use std::collections::HashSet;

const BITS: u32 = 48;
const MASK: u64 = (1 << BITS) - 1;
/// Starts a Rice-coded set; a blob without it is the plain 6-byte form of the first schema-4
/// builds.
const MAGIC: &[u8; 4] = b"WRS1";

/// FNV-1a: stable across builds and platforms (the std hasher is not), and fast on short ids.
pub fn hash(id: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in id.trim().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash & MASK
}

struct BitWriter {
    bytes: Vec<u8>,
    used: u32,
}

impl BitWriter {
    fn push(&mut self, bit: bool) {
        if self.used % 8 == 0 {
            self.bytes.push(0);
        }
        if bit {
            let last = self.bytes.len() - 1;
            self.bytes[last] |= 0x80 >> (self.used % 8);
        }
        self.used += 1;
    }
}

/// The hashes as stored: `WRS1`, the Rice parameter k, the count (u32, little-endian), then each
/// gap from the previous hash as its quotient in unary and its k low bits.
pub fn encode(hashes: &HashSet<u64>) -> Vec<u8> {
    let mut sorted: Vec<u64> = hashes.iter().map(|h| h & MASK).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let n = sorted.len() as u64;
    // The gap's mean is 2^48 / n; k near its log2 keeps each quotient small.
    let k = (BITS - 1).saturating_sub(n.max(1).ilog2()).min(BITS - 1) as u8;
    let mut out = BitWriter {
        bytes: Vec::with_capacity(sorted.len() * (usize::from(k) + 2) / 8 + 16),
        used: 0,
    };
    out.bytes.extend_from_slice(MAGIC);
    out.bytes.push(k);
    out.bytes
        .extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    out.used = out.bytes.len() as u32 * 8;
    let mut previous = 0;
    for hash in sorted {
        let gap = hash - previous;
        previous = hash;
        for _ in 0..(gap >> k) {
            out.push(true);
        }
        out.push(false);
        for bit in (0..k).rev() {
            out.push(gap >> bit & 1 == 1);
        }
    }
    out.bytes
}

/// Reads stored hashes back. A damaged blob yields what could be read of it: at worst some
/// answers are counted again, never refused.
pub fn decode(bytes: &[u8]) -> HashSet<u64> {
    let mut out = HashSet::new();
    // Several imports' blobs may come one after another.
    let mut rest = bytes;
    while !rest.is_empty() {
        rest = match rest.strip_prefix(MAGIC) {
            Some(coded) => decode_rice(coded, &mut out),
            None => decode_plain(rest, &mut out),
        };
    }
    out
}

/// The plain form up to the next coded blob (or the end).
fn decode_plain<'a>(bytes: &'a [u8], out: &mut HashSet<u64>) -> &'a [u8] {
    let mut at = 0;
    while at + 6 <= bytes.len() && !bytes[at..].starts_with(MAGIC) {
        let mut full = [0u8; 8];
        full[2..].copy_from_slice(&bytes[at..at + 6]);
        out.insert(u64::from_be_bytes(full));
        at += 6;
    }
    if at + 6 > bytes.len() && !bytes[at..].starts_with(MAGIC) {
        return &[];
    }
    &bytes[at..]
}

/// One coded blob (after its magic); returns what follows it.
fn decode_rice<'a>(bytes: &'a [u8], out: &mut HashSet<u64>) -> &'a [u8] {
    let Some((&k, rest)) = bytes.split_first() else {
        return &[];
    };
    let Some((count, stream)) = rest.split_first_chunk::<4>() else {
        return &[];
    };
    let count = u32::from_le_bytes(*count);
    let bit = |i: usize| stream.get(i / 8).map(|b| b & (0x80 >> (i % 8)) != 0);
    let (mut at, mut previous) = (0usize, 0u64);
    for _ in 0..count {
        let mut quotient = 0u64;
        loop {
            match bit(at) {
                Some(true) => quotient += 1,
                Some(false) => break,
                None => return &[],
            }
            at += 1;
        }
        at += 1;
        let mut low = 0u64;
        for _ in 0..k {
            let Some(b) = bit(at) else { return &[] };
            low = low << 1 | u64::from(b);
            at += 1;
        }
        previous = previous.wrapping_add(quotient << k | low);
        out.insert(previous & MASK);
    }
    &stream[at.div_ceil(8).min(stream.len())..]
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
        assert_eq!(decode(&encode(&ids)), ids);
        assert!(ids.iter().all(|h| *h <= MASK));
        assert!(decode(&encode(&HashSet::new())).is_empty());
    }

    #[test]
    fn a_million_ids_take_under_four_megabytes_and_blobs_concatenate() {
        let many: HashSet<u64> = (0..1_000_000)
            .map(|i| hash(&format!("response-{i}")))
            .collect();
        let coded = encode(&many);
        assert!(coded.len() < 4_000_000, "{} bytes", coded.len());
        let few: HashSet<u64> = (0..3).map(|i| hash(&format!("other-{i}"))).collect();
        // The plain form of the first schema-4 builds, then a coded blob: both read.
        let mut plain: Vec<u8> = few
            .iter()
            .flat_map(|h| h.to_be_bytes()[2..].to_vec())
            .collect();
        plain.extend(encode(&many));
        let both = decode(&plain);
        assert_eq!(both.len(), many.len() + few.len());
        assert!(few.iter().chain(many.iter()).all(|h| both.contains(h)));
    }
}
