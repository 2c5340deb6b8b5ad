//! A least-recently-used map bounded by the total size of its values, not their number: a few large
//! feeds weigh as much as many small pages.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// What the map needs to know of a value: how many bytes it holds.
pub(crate) trait Weighted {
    fn weight(&self) -> usize;
}

#[derive(Debug)]
pub(crate) struct Lru<V> {
    capacity: usize,
    used: usize,
    tick: u64,
    entries: HashMap<String, (Arc<V>, u64)>,
    /// Last use → key, oldest first.
    order: BTreeMap<u64, String>,
}

impl<V: Weighted> Lru<V> {
    pub(crate) fn new(capacity: usize) -> Self {
        Self { capacity, used: 0, tick: 0, entries: HashMap::new(), order: BTreeMap::new() }
    }

    /// The value, marked as just used.
    pub(crate) fn get(&mut self, key: &str) -> Option<Arc<V>> {
        self.tick += 1;
        let tick = self.tick;
        let (value, last) = self.entries.get_mut(key)?;
        if let Some(k) = self.order.remove(last) {
            self.order.insert(tick, k);
        }
        *last = tick;
        Some(Arc::clone(value))
    }

    /// Stores the value, evicting the least recently used ones until it fits. A value larger than the
    /// whole capacity is not stored.
    pub(crate) fn insert(&mut self, key: String, value: Arc<V>) {
        self.remove(&key);
        let weight = value.weight() + key.len();
        if weight > self.capacity {
            return;
        }
        while self.used + weight > self.capacity {
            let Some((_, oldest)) = self.order.pop_first() else { break };
            if let Some((old, _)) = self.entries.remove(&oldest) {
                self.used -= old.weight() + oldest.len();
            }
        }
        self.tick += 1;
        self.used += weight;
        self.order.insert(self.tick, key.clone());
        self.entries.insert(key, (value, self.tick));
    }

    pub(crate) fn remove(&mut self, key: &str) {
        if let Some((old, last)) = self.entries.remove(key) {
            self.order.remove(&last);
            self.used -= old.weight() + key.len();
        }
    }

    #[cfg(test)]
    pub(crate) fn used(&self) -> usize {
        self.used
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Bytes(usize);
    impl Weighted for Bytes {
        fn weight(&self) -> usize {
            self.0
        }
    }

    #[test]
    fn the_least_recently_used_go_first_and_the_size_stays_bounded() {
        let mut lru = Lru::new(100);
        lru.insert("a".into(), Arc::new(Bytes(39)));
        lru.insert("b".into(), Arc::new(Bytes(39)));
        assert!(lru.get("a").is_some());
        lru.insert("c".into(), Arc::new(Bytes(39)));
        assert!(lru.get("b").is_none(), "b was the least recently used");
        assert!(lru.get("a").is_some() && lru.get("c").is_some());
        assert_eq!(lru.used(), 80);
        lru.insert("huge".into(), Arc::new(Bytes(500)));
        assert!(lru.get("huge").is_none());
        assert_eq!(lru.used(), 80);
    }
}
