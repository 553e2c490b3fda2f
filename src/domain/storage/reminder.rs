//! The safety net beyond the browser: when a plan has not been saved to a file ("Lưu tệp
//! kế hoạch") for [`REMIND_AFTER_DAYS`] days and has changed since, the drafter is quietly
//! offered to save it. It keeps, per plan, the time of the last file save, or of the first
//! time the plan was seen without one; it reads no clock and shows nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Days without a file save, with changes, before the reminder.
pub const REMIND_AFTER_DAYS: u32 = 7;
/// [`REMIND_AFTER_DAYS`] in milliseconds.
pub const REMIND_AFTER_MS: f64 = REMIND_AFTER_DAYS as f64 * 24.0 * 3600.0 * 1000.0;
/// The key of [`FileSaves`] in the stored settings.
pub const FILE_SAVES_SETTING: &str = "file_saves";

/// Per plan id, when it was last saved to a file (or first seen), in ms since the epoch.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FileSaves {
    pub since: BTreeMap<String, f64>,
}

impl FileSaves {
    /// The plan was saved to a file at `now`.
    pub fn saved(&mut self, id: &str, now: f64) {
        self.since.insert(id.to_string(), now);
    }

    /// Starts counting for a plan never seen; returns whether anything changed (to store).
    pub fn seen(&mut self, id: &str, now: f64) -> bool {
        if self.since.contains_key(id) {
            return false;
        }
        self.since.insert(id.to_string(), now);
        true
    }

    /// Whether to remind: the last file save (or first sight) is more than
    /// [`REMIND_AFTER_DAYS`] old and the plan changed after it.
    pub fn due(&self, id: &str, changed_at: f64, now: f64) -> bool {
        self.since
            .get(id)
            .is_some_and(|&at| now - at > REMIND_AFTER_MS && changed_at > at)
    }

    /// Forgets plans no longer stored; returns whether anything changed.
    pub fn keep_only<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) -> bool {
        let keep: std::collections::HashSet<&str> = ids.into_iter().collect();
        let before = self.since.len();
        self.since.retain(|id, _| keep.contains(id.as_str()));
        self.since.len() != before
    }
}

#[cfg(test)]
mod tests;
