//! The unload journal: the writes a tab has not yet made durable when its page goes, kept
//! synchronously (in localStorage) and replayed into the durable store at the next start.
//!
//! IndexedDB answers later, and an engine may drop the transaction of a page that is being
//! unloaded (WebKit does on a reload), so an edit typed just before leaving would be lost.
//! The glue writes [`MirrorStore::journal`] under [`JOURNAL_PREFIX`]`<tab>` when the page is
//! hidden or closed with writes outstanding, and removes it once they are durable.
//!
//! [`replay`] applies a journal only where the durable store still holds, for every one of
//! its keys, what it held when the journal was made (compared by [`Fingerprint`]): a write
//! that did reach the durable store, or a newer save of another tab, is never overwritten.
//! A journal whose texts differ from a newer save is kept as backups (see
//! [`super::relocate`]), so no text is lost either way. It knows no browser.
//!
//! ```
//! use cchc_plan::domain::storage::journal::{replay, Replayed};
//! use cchc_plan::domain::storage::{KeyValueStore, MirrorStore};
//! // A tab wrote "b" but the page went before the durable store had it.
//! let mut tab = MirrorStore::loaded([("k".to_string(), "a".to_string())]);
//! tab.set("k", "b").unwrap();
//! let kept = ("cchc.unsaved.1".to_string(), tab.journal(1_000.0).unwrap().encode());
//! // The next start reads the durable store ("a") and replays the journal over it.
//! let mut next = MirrorStore::loaded([("k".to_string(), "a".to_string())]);
//! let replayed = replay(&mut next, &[kept], 2_000.0);
//! assert_eq!(replayed, Replayed { applied: 1, ..Replayed::default() });
//! assert_eq!(next.get("k").unwrap().as_deref(), Some("b"));
//! ```

use serde::{Deserialize, Serialize};

use super::blob::INDEX_KEY;
use super::mirror::MirrorStore;
use super::relocate::backup_key;
use super::store::KeyValueStore;

/// The localStorage keys of the journals, one per tab: `cchc.unsaved.<tab>`.
pub const JOURNAL_PREFIX: &str = "cchc.unsaved.";

/// What a key held, in a few bytes: its length and FNV-1a hash (`None`: no such key). FNV is
/// written out here so that the fingerprint of a text never changes between builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint(Option<(usize, u64)>);

impl Fingerprint {
    /// The fingerprint of a key's text, or of an absent key.
    pub fn of(text: Option<&str>) -> Fingerprint {
        Fingerprint(text.map(|text| {
            let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
            });
            (text.len(), hash)
        }))
    }
}

/// One key's write not yet durable: what the durable store held before, the text after
/// (`None`: removed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub key: String,
    pub before: Fingerprint,
    pub after: Option<String>,
}

/// A tab's writes not yet durable, when it wrote them down (ms since the epoch).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    pub written_at: f64,
    pub entries: Vec<JournalEntry>,
}

impl Journal {
    /// The JSON kept in localStorage.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("a journal is plain data")
    }

    /// A journal read back; `None` for text that is not one.
    pub fn decode(text: &str) -> Option<Journal> {
        serde_json::from_str(text).ok()
    }
}

/// What [`replay`] did with the journals it was given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replayed {
    /// Journals written into the mirror (queued for the durable store).
    pub applied: usize,
    /// Journals already in the durable store (their writes did finish).
    pub already_durable: usize,
    /// Backup keys holding the texts of journals a newer save had overtaken.
    pub kept_as_backups: Vec<String>,
    /// Journals that could not be read (their text is not a journal; kept as backups too).
    pub unreadable: usize,
}

impl Replayed {
    /// What the drafter is told, when anything was kept aside (nothing to say otherwise: a
    /// journal applied is the drafter's own last edit, back where it was).
    pub fn told(&self) -> Option<String> {
        (!self.kept_as_backups.is_empty()).then(|| {
            format!(
                "Có {} thay đổi chưa kịp lưu khi trang trước đóng lại nhưng kế hoạch đã được lưu \
                 mới hơn sau đó (ở một thẻ khác). Bản lưu mới hơn được giữ; các thay đổi kia được \
                 giữ trong “Bản sao lưu” để tải về.",
                self.kept_as_backups.len()
            )
        })
    }
}

/// Replays `journals` (key and JSON text of each) into `mirror`, oldest first: a journal is applied
/// whole when the mirror holds, for each of its keys, what the journal says was there before;
/// one whose texts the mirror already holds is done; any other was overtaken by a newer save,
/// and its texts (but the plan list's, which the shelf rebuilds) are kept as backups at `now`,
/// as is the whole text of a journal that cannot be read.
/// Every change is queued in the mirror; the caller flushes it, and removes the journals once
/// it is durable.
pub fn replay(mirror: &mut MirrorStore, journals: &[(String, String)], now: f64) -> Replayed {
    let mut replayed = Replayed::default();
    let mut read: Vec<Journal> = Vec::with_capacity(journals.len());
    for (key, text) in journals {
        match Journal::decode(text) {
            Some(journal) => read.push(journal),
            None => {
                replayed.unreadable += 1;
                keep_aside(mirror, key, text, now, &mut replayed);
            }
        }
    }
    read.sort_by(|a, b| a.written_at.total_cmp(&b.written_at));
    for journal in read {
        if journal.entries.iter().all(|e| holds(mirror, e, e.before)) {
            for entry in &journal.entries {
                let _ = match &entry.after {
                    Some(text) => mirror.set(&entry.key, text),
                    None => mirror.remove(&entry.key),
                };
            }
            replayed.applied += 1;
        } else if journal
            .entries
            .iter()
            .all(|e| holds(mirror, e, Fingerprint::of(e.after.as_deref())))
        {
            replayed.already_durable += 1;
        } else {
            for entry in &journal.entries {
                let Some(text) = &entry.after else { continue };
                if entry.key != INDEX_KEY && !holds(mirror, entry, Fingerprint::of(Some(text))) {
                    keep_aside(mirror, &entry.key, text, now, &mut replayed);
                }
            }
        }
    }
    replayed
}

/// Keeps `text` of `key` under a backup key (listed in "Bản sao lưu").
fn keep_aside(mirror: &mut MirrorStore, key: &str, text: &str, now: f64, replayed: &mut Replayed) {
    if let Ok(backup) = backup_key(mirror, key, text, now) {
        if mirror.set(&backup, text).is_ok() {
            replayed.kept_as_backups.push(backup);
        }
    }
}

/// Whether the mirror holds, under the entry's key, the text `wanted` fingerprints.
fn holds(mirror: &MirrorStore, entry: &JournalEntry, wanted: Fingerprint) -> bool {
    Fingerprint::of(mirror.get(&entry.key).ok().flatten().as_deref()) == wanted
}

#[cfg(test)]
mod tests;
