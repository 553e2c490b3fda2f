//! A write-behind mirror: the shelf's synchronous [`KeyValueStore`] over a durable store that
//! answers later (IndexedDB in the browser).
//!
//! The durable store is read once into memory at start; every write then changes the mirror
//! at once and is queued. The browser glue takes the queue as one [`Batch`] (written in one
//! transaction, so the durable store never holds half a save), and reports the outcome with
//! [`MirrorStore::flushed`]. A failed batch goes back into the queue under every key that has
//! not been written again since, so nothing is lost and the next flush retries it. Only one
//! batch is out at a time, so batches reach the durable store in the order they were made.
//!
//! A plan's write is guarded ([`Guard`]): the durable store takes it only while it still holds
//! what this tab last knew there. Another tab may have saved the plan since (while this tab's
//! writes were failing, or before its message arrived); that newer save stays, and this tab's
//! text goes to a backup key instead ([`MirrorStore::overtaken`]), so neither is lost.
//! It knows no browser and reads no clock.

use std::collections::BTreeMap;
use std::fmt;

use super::blob::plan_id_of;
use super::journal::{Fingerprint, Journal, JournalEntry};
use super::relocate::backup_key;
use super::store::{KeyValueStore, StoreError};

/// One queued change: the new text of a key, or `None` for a removal.
pub type Change = (String, Option<String>);

/// Changes to write in one durable transaction, in the order they were made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batch {
    pub changes: Vec<Change>,
    /// The plans' writes in `changes`, each made only where its guard admits it.
    pub guards: Vec<Guard>,
}

impl Batch {
    /// The guard of `key`'s write, if it has one.
    pub fn guard(&self, key: &str) -> Option<&Guard> {
        self.guards.iter().find(|guard| guard.key == key)
    }
}

/// The condition on a plan's write: the durable store must still hold, under `key`, the text
/// this tab last knew there (`expected`). When it holds another (a newer save of another tab),
/// the text is written under `backup` instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guard {
    pub key: String,
    pub expected: Fingerprint,
    pub backup: String,
}

impl Guard {
    /// Whether the write may replace `held`, what the durable store holds under the key now.
    pub fn admits(&self, held: Option<&str>) -> bool {
        Fingerprint::of(held) == self.expected
    }
}

/// Why a durable write failed; [`fmt::Display`] gives the Vietnamese message. After any of
/// these, the data is still in the page and is written again on the next flush.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlushFault {
    /// The durable store is full (`QuotaExceededError`).
    Quota,
    /// The transaction was aborted (by the browser, or a constraint), with its text.
    Aborted(String),
    /// Another tab opened a newer version of the database; this connection was closed.
    VersionChange,
    /// The durable store cannot be opened (private mode, blocked by a policy).
    Unavailable,
    /// Anything else, with the browser's own text.
    Other(String),
}

impl FlushFault {
    /// The shelf's view of the fault, for code that reacts as to a refused write.
    pub fn store_error(&self) -> StoreError {
        match self {
            FlushFault::Quota => StoreError::QuotaExceeded,
            FlushFault::Unavailable => StoreError::Unavailable,
            other => StoreError::Other(other.to_string()),
        }
    }
}

/// What every fault message ends with: nothing is lost while the page stays open.
const KEPT: &str = "Dữ liệu vẫn còn nguyên trong trang này và sẽ được ghi lại ở lần lưu sau; \
                    hãy tải kế hoạch về máy nếu cần đóng trang.";

impl fmt::Display for FlushFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlushFault::Quota => write!(
                f,
                "Bộ nhớ của trình duyệt (IndexedDB) đã đầy nên thay đổi mới nhất chưa được ghi. \
                 Hãy dọn thùng rác hoặc xóa bản sao lưu không cần nữa. {KEPT}"
            ),
            FlushFault::Aborted(detail) => write!(
                f,
                "Trình duyệt đã hủy lần ghi vào bộ nhớ (IndexedDB: {detail}). {KEPT}"
            ),
            FlushFault::VersionChange => write!(
                f,
                "Một thẻ khác vừa mở phiên bản mới hơn của ứng dụng nên thẻ này ngừng ghi vào bộ \
                 nhớ (IndexedDB). Hãy tải lại trang. {KEPT}"
            ),
            FlushFault::Unavailable => write!(
                f,
                "Trình duyệt không cho dùng bộ nhớ IndexedDB (chế độ riêng tư hoặc bị chặn). {KEPT}"
            ),
            FlushFault::Other(detail) => {
                write!(
                    f,
                    "Bộ nhớ của trình duyệt (IndexedDB) báo lỗi: {detail}. {KEPT}"
                )
            }
        }
    }
}

impl std::error::Error for FlushFault {}

/// The durable store's content in memory, with the writes not yet made durable.
#[derive(Clone, Debug, Default)]
pub struct MirrorStore {
    entries: BTreeMap<String, String>,
    /// The latest change of each key not yet sent, with the order it was made in.
    queued: BTreeMap<String, (i64, Option<String>)>,
    /// The keys of the batch sent and not yet answered.
    in_flight: Option<Batch>,
    next: i64,
    fault: Option<FlushFault>,
    /// For every key with a write not yet durable: the fingerprint of what the durable store
    /// holds under it (as far as this tab knows), for [`MirrorStore::journal`].
    durable: BTreeMap<String, Fingerprint>,
}

impl MirrorStore {
    /// A mirror of what the durable store holds now.
    pub fn loaded(entries: impl IntoIterator<Item = (String, String)>) -> MirrorStore {
        MirrorStore {
            entries: entries.into_iter().collect(),
            ..MirrorStore::default()
        }
    }

    /// Remembers what the durable store holds under `key` before its first write not yet
    /// durable (the mirror's text: it is durable until then).
    fn note_durable(&mut self, key: &str) {
        if !self.durable.contains_key(key) {
            let held = Fingerprint::of(self.entries.get(key).map(String::as_str));
            self.durable.insert(key.to_string(), held);
        }
    }

    fn queue(&mut self, key: &str, value: Option<String>) {
        self.next += 1;
        self.queued.insert(key.to_string(), (self.next, value));
    }

    /// The queued changes as one batch, oldest first, unless a batch is already out (or
    /// nothing is queued), with a [`Guard`] for each plan written or removed (its backup key
    /// named at `now`, ms since the epoch). Call [`MirrorStore::flushed`] when the durable
    /// store answers, after [`MirrorStore::overtaken`] for each write a guard refused.
    pub fn take_batch(&mut self, now: f64) -> Option<Batch> {
        if self.in_flight.is_some() || self.queued.is_empty() {
            return None;
        }
        let mut changes: Vec<(i64, Change)> = std::mem::take(&mut self.queued)
            .into_iter()
            .map(|(key, (order, value))| (order, (key, value)))
            .collect();
        changes.sort_by_key(|(order, _)| *order);
        let changes: Vec<Change> = changes.into_iter().map(|(_, change)| change).collect();
        let guards = changes
            .iter()
            .filter(|(key, _)| plan_id_of(key).is_some())
            .filter_map(|(key, value)| {
                let expected = *self.durable.get(key)?;
                let text = value.as_deref().unwrap_or_default();
                let backup = backup_key(self, key, text, now).ok()?;
                Some(Guard {
                    key: key.clone(),
                    expected,
                    backup,
                })
            })
            .collect();
        let batch = Batch { changes, guards };
        self.in_flight = Some(batch.clone());
        Some(batch)
    }

    /// The durable store refused the batch's write of `key` (its guard did not admit it): it
    /// holds `held`, another tab's newer save, which the mirror now shows. This tab's text was
    /// written under the guard's backup key instead, and a later change of the key still
    /// queued goes there too (it was made over the text now overtaken). Call before
    /// [`MirrorStore::flushed`]; returns the backup key, if a text was kept there (a refused
    /// removal keeps none).
    pub fn overtaken(&mut self, key: &str, held: Option<String>) -> Option<String> {
        let batch = self.in_flight.as_ref()?;
        let guard = batch.guard(key)?.clone();
        let written = batch
            .changes
            .iter()
            .find(|(changed, _)| changed == key)
            .and_then(|(_, value)| value.clone());
        match held {
            Some(text) => self.entries.insert(key.to_string(), text),
            None => self.entries.remove(key),
        };
        let mut kept = false;
        if let Some(text) = written {
            self.entries.insert(guard.backup.clone(), text);
            kept = true;
        }
        if let Some((_, Some(later))) = self.queued.remove(key) {
            kept |= self.set(&guard.backup, &later).is_ok();
        }
        kept.then_some(guard.backup)
    }

    /// The durable store's answer to the batch out. On a fault the batch is queued again
    /// under every key not written since, before those newer writes, and the fault is kept
    /// for [`MirrorStore::fault`] until a batch succeeds.
    pub fn flushed(&mut self, result: Result<(), FlushFault>) {
        let Some(batch) = self.in_flight.take() else {
            return;
        };
        match result {
            Ok(()) => {
                self.fault = None;
                for (key, value) in &batch.changes {
                    if self.queued.contains_key(key) {
                        let held = Fingerprint::of(value.as_deref());
                        self.durable.insert(key.clone(), held);
                    } else {
                        self.durable.remove(key);
                    }
                }
            }
            Err(fault) => {
                // Orders below every queued change, in the batch's own order.
                let base = self
                    .queued
                    .values()
                    .map(|(o, _)| *o)
                    .min()
                    .unwrap_or(self.next + 1);
                let count = batch.changes.len() as i64;
                for ((key, value), i) in batch.changes.into_iter().zip(0..) {
                    let order = base - count + i;
                    self.queued.entry(key).or_insert((order, value));
                }
                self.fault = Some(fault);
            }
        }
    }

    /// The fault of the last flush, while no later flush has succeeded.
    pub fn fault(&self) -> Option<&FlushFault> {
        self.fault.as_ref()
    }

    /// Whether every write has been made durable (nothing queued, nothing out).
    pub fn is_settled(&self) -> bool {
        self.queued.is_empty() && self.in_flight.is_none()
    }

    /// Whether a batch is out, waiting for the durable store's answer.
    pub fn is_flushing(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Another tab made `key` durable with this text (`None`: removed it): the mirror shows
    /// it. A change of this tab still queued for the key stays queued, so local work is never
    /// dropped; the shelf's revisions decide who may save. What this tab's change replaces
    /// stays what it was when the change was made: should the page go before the change is
    /// durable, its journal must not be replayed over the other tab's newer save
    /// ([`super::journal::replay`] keeps it as a backup instead).
    pub fn apply_external(&mut self, key: &str, value: Option<String>) {
        match value {
            Some(text) => {
                self.entries.insert(key.to_string(), text);
            }
            None => {
                self.entries.remove(key);
            }
        }
    }

    /// The writes not yet durable, as a [`Journal`] to keep somewhere synchronous while the
    /// page goes; `None` when every write is durable.
    pub fn journal(&self, written_at: f64) -> Option<Journal> {
        if self.durable.is_empty() {
            return None;
        }
        let entries = self
            .durable
            .iter()
            .map(|(key, held)| JournalEntry {
                key: key.clone(),
                before: *held,
                after: self.pending(key),
            })
            .collect();
        Some(Journal {
            written_at,
            entries,
        })
    }

    /// This tab's latest change of `key` not yet durable (queued, else out in a batch); the
    /// mirror's text when there is none. (The mirror may show another tab's newer text over it,
    /// see [`MirrorStore::apply_external`].)
    fn pending(&self, key: &str) -> Option<String> {
        if let Some((_, value)) = self.queued.get(key) {
            return value.clone();
        }
        let sent = self.in_flight.as_ref().and_then(|batch| {
            batch
                .changes
                .iter()
                .rev()
                .find(|(changed, _)| changed == key)
        });
        match sent {
            Some((_, value)) => value.clone(),
            None => self.entries.get(key).cloned(),
        }
    }

    /// Every entry of the mirror, in key order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl KeyValueStore for MirrorStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let unchanged = self.entries.get(key).map(String::as_str) == Some(value);
        if unchanged && !self.queued.contains_key(key) {
            return Ok(());
        }
        self.note_durable(key);
        self.entries.insert(key.to_string(), value.to_string());
        self.queue(key, Some(value.to_string()));
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if self.entries.contains_key(key) || self.queued.contains_key(key) {
            self.note_durable(key);
            self.entries.remove(key);
            self.queue(key, None);
        }
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.entries.keys().cloned().collect())
    }
}

#[cfg(test)]
mod tests;
