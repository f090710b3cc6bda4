//! Fractional order keys: a record's position among its siblings, so moving one record
//! rewrites only that record. Keys compare as plain strings (SQLite `ORDER BY` agrees).

use fractional_index::FractionalIndex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Error;

#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct OrderKey(pub String);

// By hand rather than derived: ts-rs's derive warns on `serde(transparent)` at every build. In
// JSON, and so in TypeScript, a key is its string.
impl TS for OrderKey {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;

    fn name(_: &ts_rs::Config) -> String {
        "OrderKey".to_string()
    }

    fn inline(_: &ts_rs::Config) -> String {
        "string".to_string()
    }

    fn decl(_: &ts_rs::Config) -> String {
        "type OrderKey = string;".to_string()
    }

    fn decl_concrete(cfg: &ts_rs::Config) -> String {
        Self::decl(cfg)
    }
}

impl Default for OrderKey {
    fn default() -> Self {
        OrderKey::first()
    }
}

impl OrderKey {
    pub fn first() -> OrderKey {
        OrderKey(FractionalIndex::default().to_string())
    }

    /// `None` when the key is not a fractional index (only possible for hand-made input).
    fn index(&self) -> Option<FractionalIndex> {
        // The parser slices by bytes and panics inside a multi-byte character.
        if !self.0.is_ascii() {
            return None;
        }
        FractionalIndex::from_string(&self.0).ok()
    }

    pub fn is_valid(&self) -> bool {
        self.index().is_some()
    }

    pub fn after(&self) -> OrderKey {
        match self.index() {
            Some(index) => OrderKey(FractionalIndex::new_after(&index).to_string()),
            None => OrderKey::first(),
        }
    }

    pub fn before(&self) -> OrderKey {
        match self.index() {
            Some(index) => OrderKey(FractionalIndex::new_before(&index).to_string()),
            None => OrderKey::first(),
        }
    }

    /// A key strictly between two neighbours; either side may be open.
    pub fn between(left: Option<&OrderKey>, right: Option<&OrderKey>) -> OrderKey {
        let left_index = left.and_then(|k| k.index());
        let right_index = right.and_then(|k| k.index());
        match (left_index, right_index) {
            (None, None) => OrderKey::first(),
            (Some(l), None) => OrderKey(FractionalIndex::new_after(&l).to_string()),
            (None, Some(r)) => OrderKey(FractionalIndex::new_before(&r).to_string()),
            (Some(l), Some(r)) => FractionalIndex::new_between(&l, &r)
                .map(|k| OrderKey(k.to_string()))
                .unwrap_or_else(|| OrderKey(FractionalIndex::new_after(&l).to_string())),
        }
    }

    /// `count` strictly increasing keys between two neighbours (either side may be open), for
    /// inserting several records at one place. Bisects, so the keys stay short.
    pub fn sequence_between(
        left: Option<&OrderKey>,
        right: Option<&OrderKey>,
        count: usize,
    ) -> Result<Vec<OrderKey>, Error> {
        if count > MAX_SEQUENCE {
            return Err(Error::Usage {
                what: format!(
                    "{count} order keys at once is too many; ask for at most {MAX_SEQUENCE}"
                ),
            });
        }
        for key in [left, right].into_iter().flatten() {
            if !key.is_valid() {
                return Err(Error::Usage {
                    what: format!("{:?} is not an order key", key.0),
                });
            }
        }
        if let (Some(l), Some(r)) = (left, right) {
            if l >= r {
                return Err(Error::Usage {
                    what: format!(
                        "no key lies between {:?} and {:?}: the first must sort before the second",
                        l.0, r.0
                    ),
                });
            }
        }
        let mut keys = Vec::with_capacity(count);
        match (left, right) {
            (None, None) => keys = OrderKey::sequence(count),
            (Some(l), None) => {
                let mut key = l.clone();
                for _ in 0..count {
                    key = key.after();
                    keys.push(key.clone());
                }
            }
            (None, Some(r)) => {
                let mut key = r.clone();
                for _ in 0..count {
                    key = key.before();
                    keys.push(key.clone());
                }
                keys.reverse();
            }
            (Some(l), Some(r)) => bisect(l, r, count, &mut keys),
        }
        Ok(keys)
    }

    /// `n` increasing keys, for building records in bulk.
    pub fn sequence(n: usize) -> Vec<OrderKey> {
        let mut keys = Vec::with_capacity(n);
        let mut key = OrderKey::first();
        for _ in 0..n {
            keys.push(key.clone());
            key = key.after();
        }
        keys
    }
}

/// More keys than any one paste or template needs.
pub const MAX_SEQUENCE: usize = 10_000;

/// Pushes `n` increasing keys strictly between `left` and `right` (which must be in order).
fn bisect(left: &OrderKey, right: &OrderKey, n: usize, out: &mut Vec<OrderKey>) {
    if n == 0 {
        return;
    }
    let mid = OrderKey::between(Some(left), Some(right));
    let below = (n - 1) / 2;
    bisect(left, &mid, below, out);
    out.push(mid.clone());
    bisect(&mid, right, n - 1 - below, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_is_strictly_increasing() {
        let keys = OrderKey::sequence(500);
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn between_sits_between() {
        let keys = OrderKey::sequence(2);
        let mid = OrderKey::between(Some(&keys[0]), Some(&keys[1]));
        assert!(keys[0] < mid && mid < keys[1]);
        let before = OrderKey::between(None, Some(&keys[0]));
        assert!(before < keys[0]);
    }

    fn strictly_between(keys: &[OrderKey], left: Option<&OrderKey>, right: Option<&OrderKey>) {
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
        if let (Some(l), Some(first)) = (left, keys.first()) {
            assert!(l < first, "{l:?} !< {first:?}");
        }
        if let (Some(r), Some(last)) = (right, keys.last()) {
            assert!(last < r, "{last:?} !< {r:?}");
        }
    }

    #[test]
    fn sequence_between_fills_every_kind_of_gap() {
        let ends = OrderKey::sequence(2);
        let (a, b) = (&ends[0], &ends[1]);
        for count in [0, 1, 2, 3, 7, 100] {
            for (left, right) in [
                (None, None),
                (Some(a), None),
                (None, Some(a)),
                (Some(a), Some(b)),
            ] {
                let keys = OrderKey::sequence_between(left, right, count).unwrap();
                assert_eq!(keys.len(), count);
                strictly_between(&keys, left, right);
                assert!(keys.iter().all(OrderKey::is_valid));
            }
        }
        // Bisection keeps keys short even for a big paste into a narrow gap.
        let keys = OrderKey::sequence_between(Some(a), Some(b), 1000).unwrap();
        assert!(
            keys.iter().all(|k| k.0.len() < 40),
            "{:?}",
            keys.iter().map(|k| k.0.len()).max()
        );
    }

    #[test]
    fn sequence_between_refuses_neighbours_out_of_order_or_malformed() {
        let ends = OrderKey::sequence(2);
        let error = OrderKey::sequence_between(Some(&ends[1]), Some(&ends[0]), 1).unwrap_err();
        assert!(error.to_string().contains("sort before"), "{error}");
        assert!(OrderKey::sequence_between(Some(&ends[0]), Some(&ends[0]), 1).is_err());
        let bad = OrderKey("not a key".into());
        assert!(OrderKey::sequence_between(Some(&bad), None, 1).is_err());
        assert!(OrderKey::sequence_between(None, None, MAX_SEQUENCE + 1).is_err());
    }
}
