//! Fractional order keys: a record's position among its siblings, so moving one record
//! rewrites only that record. Keys compare as plain strings (SQLite `ORDER BY` agrees).

use fractional_index::FractionalIndex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct OrderKey(pub String);

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
}
