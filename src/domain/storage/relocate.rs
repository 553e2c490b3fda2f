//! Moving stored data from the old store (localStorage) into the durable one (IndexedDB) on
//! first start, without ever holding the only copy in one place.
//!
//! Three steps, the middle one the browser's: [`copy_into`] copies every key that belongs in
//! the durable store into its [`MirrorStore`] (queued for writing); the glue flushes and reads
//! the keys back from the durable store; [`confirmed`] says which old keys now have an equal
//! copy there and may be removed. A failure anywhere leaves the old keys in place, and the
//! next start copies them again. Settings stay in the old store. It knows no browser.

use super::blob::{BACKUP_PREFIX, INDEX_KEY, PLAN_PREFIX, TEMPLATES_KEY};
use super::mirror::MirrorStore;
use super::store::{KeyValueStore, StoreError};

/// Whether a key of the old store moves to the durable store: the list, the plans, the
/// user's templates and the backups. Settings (and keys of other apps) stay.
pub fn moves(key: &str) -> bool {
    key == INDEX_KEY
        || key == TEMPLATES_KEY
        || key.starts_with(PLAN_PREFIX)
        || key.starts_with(BACKUP_PREFIX)
}

/// One key copied: the old key and text, and the durable key that must read back equal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    pub old_key: String,
    pub text: String,
    /// The old key itself, or a backup key when the durable store held something else there.
    pub new_key: String,
}

/// Copies every key that [`moves`] from `old` into `mirror`. When the durable store already
/// holds another text under the key (a newer save made after an earlier, unfinished move),
/// that text stays and the old one is kept under `cchc.backup.<key>.<now>`: both survive.
/// Keys already copied equal are listed too, so an interrupted move finishes.
///
/// # Errors
/// [`StoreError`] when the old store cannot be read; nothing has been removed from it.
pub fn copy_into(
    old: &dyn KeyValueStore,
    mirror: &mut MirrorStore,
    now: f64,
) -> Result<Vec<Moved>, StoreError> {
    let mut keys: Vec<String> = old.keys()?.into_iter().filter(|k| moves(k)).collect();
    keys.sort();
    let mut moved = Vec::with_capacity(keys.len());
    for old_key in keys {
        let Some(text) = old.get(&old_key)? else {
            continue;
        };
        let new_key = match mirror.get(&old_key)? {
            None => old_key.clone(),
            Some(stored) if stored == text => old_key.clone(),
            Some(_) => backup_key(mirror, &old_key, &text, now)?,
        };
        mirror.set(&new_key, &text)?;
        moved.push(Moved {
            old_key,
            text,
            new_key,
        });
    }
    Ok(moved)
}

/// A backup key for `text` of `key`: an existing backup holding the same text, else a free
/// `cchc.backup.<key>.<now>` (with "-2", "-3"… when taken).
pub(super) fn backup_key(
    mirror: &MirrorStore,
    key: &str,
    text: &str,
    now: f64,
) -> Result<String, StoreError> {
    let prefix = format!("{BACKUP_PREFIX}{key}.");
    if let Some((existing, _)) = mirror
        .entries()
        .find(|(k, v)| k.starts_with(&prefix) && *v == text)
    {
        return Ok(existing.to_string());
    }
    let base = format!("{prefix}{:.0}", now.max(0.0));
    let mut candidate = base.clone();
    let mut n = 2;
    while mirror.get(&candidate)?.is_some() {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Ok(candidate)
}

/// The old keys whose copy, read back from the durable store through `read_back`, equals
/// what was moved: these, and only these, may be removed from the old store.
pub fn confirmed(moved: &[Moved], read_back: impl Fn(&str) -> Option<String>) -> Vec<String> {
    moved
        .iter()
        .filter(|m| read_back(&m.new_key).as_deref() == Some(m.text.as_str()))
        .map(|m| m.old_key.clone())
        .collect()
}

#[cfg(test)]
mod tests;
