//! The key-value store the shelf is written against, and an in-memory implementation.
//!
//! In the browser the integrator implements [`KeyValueStore`] over `window.localStorage`,
//! mapping a `QuotaExceededError` to [`StoreError::QuotaExceeded`] and a missing or blocked
//! `localStorage` (a `SecurityError`, or `window.localStorage` being null) to
//! [`StoreError::Unavailable`]. `localStorage.setItem` either stores the whole value or
//! nothing, and the shelf relies on that: a failed [`KeyValueStore::set`] must leave the
//! previous value in place.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

/// Why the store refused an operation; [`fmt::Display`] gives the Vietnamese message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The store is full (`QuotaExceededError`); nothing was written.
    QuotaExceeded,
    /// There is no store (blocked by the browser, private mode, sandboxed frame).
    Unavailable,
    /// Anything else, with the browser's own text.
    Other(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::QuotaExceeded => {
                f.write_str("Bộ nhớ của trình duyệt dành cho trang này đã đầy.")
            }
            StoreError::Unavailable => {
                f.write_str("Trình duyệt đang chặn bộ nhớ cục bộ (localStorage) của trang này.")
            }
            StoreError::Other(detail) => {
                write!(f, "Bộ nhớ của trình duyệt báo lỗi: {detail}.")
            }
        }
    }
}

impl std::error::Error for StoreError {}

/// A string-to-string store with `localStorage` semantics.
pub trait KeyValueStore {
    /// The value under `key`, or `None` when there is none.
    ///
    /// # Errors
    /// [`StoreError`] when the store cannot be read (blocked, or another fault).
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Stores `value` under `key`, all or nothing: on error the previous value stays.
    ///
    /// # Errors
    /// [`StoreError::QuotaExceeded`] when the store is full; another [`StoreError`] when blocked.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key`; removing a missing key is not an error.
    ///
    /// # Errors
    /// [`StoreError`] when the store cannot be written.
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    /// Every key in the store, in no particular order.
    ///
    /// # Errors
    /// [`StoreError`] when the store cannot be read.
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// An in-memory store, with an optional quota counted as browsers count it: two bytes per
/// UTF-16 code unit of every key and value.
///
/// Tests use it to simulate a full store; the shelf uses it when the browser's store is
/// unavailable, so the app keeps working for the session.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    entries: BTreeMap<String, String>,
    quota: Option<usize>,
}

/// What an entry counts against the quota.
fn entry_bytes(key: &str, value: &str) -> usize {
    2 * (utf16_len(key) + utf16_len(value))
}

/// UTF-16 code units of a string: one per UTF-8 lead byte, two for four-byte characters.
fn utf16_len(text: &str) -> usize {
    text.bytes()
        .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

impl MemoryStore {
    /// An empty store without a quota.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// An empty store that refuses writes beyond `bytes`.
    pub fn with_quota(bytes: usize) -> MemoryStore {
        MemoryStore {
            quota: Some(bytes),
            ..MemoryStore::default()
        }
    }

    /// Changes the quota; stored entries are kept even when they exceed the new one.
    pub fn set_quota(&mut self, bytes: Option<usize>) {
        self.quota = bytes;
    }

    pub fn quota(&self) -> Option<usize> {
        self.quota
    }

    /// The bytes every entry counts against the quota.
    pub fn used_bytes(&self) -> usize {
        self.entries.iter().map(|(k, v)| entry_bytes(k, v)).sum()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(quota) = self.quota {
            let old = self.entries.get(key).map_or(0, |v| entry_bytes(key, v));
            if self.used_bytes() - old + entry_bytes(key, value) > quota {
                return Err(StoreError::QuotaExceeded);
            }
        }
        match self.entries.get_mut(key) {
            Some(stored) => value.clone_into(stored),
            None => {
                self.entries.insert(key.to_string(), value.to_string());
            }
        }
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.entries.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.entries.keys().cloned().collect())
    }
}

/// A store shared by several owners: two shelves over one `Rc<RefCell<MemoryStore>>` behave
/// like two tabs over one `localStorage`.
impl<S: KeyValueStore + ?Sized> KeyValueStore for Rc<RefCell<S>> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.borrow().get(key)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.borrow_mut().set(key, value)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.borrow_mut().remove(key)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.borrow().keys()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_counts_utf16_and_refuses_whole_writes() {
        let mut store = MemoryStore::with_quota(2 * (1 + 3));
        store.set("k", "abc").unwrap();
        assert_eq!(store.used_bytes(), 8);
        assert_eq!(store.set("k", "abcd"), Err(StoreError::QuotaExceeded));
        assert_eq!(store.get("k").unwrap().as_deref(), Some("abc"));
        // "ế" is one UTF-16 code unit, "🇻" two: replacing a value only counts the difference.
        store.set("k", "ếế").unwrap();
        assert_eq!(store.used_bytes(), 6);
        assert_eq!(store.set("k", "🇻ế"), Ok(()));
        assert_eq!(store.used_bytes(), 8);
        assert_eq!(utf16_len("aế🇻🇳"), "aế🇻🇳".encode_utf16().count());
        store.remove("k").unwrap();
        store.remove("k").unwrap();
        assert_eq!(store.used_bytes(), 0);
        assert!(store.is_empty());
    }

    #[test]
    fn shared_store_is_seen_by_every_owner() {
        let shared = Rc::new(RefCell::new(MemoryStore::new()));
        let mut a = Rc::clone(&shared);
        let b = Rc::clone(&shared);
        a.set("x", "1").unwrap();
        assert_eq!(b.get("x").unwrap().as_deref(), Some("1"));
        assert_eq!(b.keys().unwrap(), ["x"]);
    }
}
