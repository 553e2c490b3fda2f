//! Unreadable data is never lost: its raw text is copied to a backup key, the user is told,
//! and on start the index is made to agree with the plan blobs present.
//!
//! It does not decide what the UI shows about a problem; it returns the problems found.

use std::collections::HashSet;

use super::super::blob::{
    decode_index, decode_plan, decode_settings, encode_index, plan_id_of, plan_key, Index,
    BACKUP_PREFIX, INDEX_KEY, SETTINGS_KEY,
};
use super::super::errors::{Damaged, ShelfError, StartupProblem, Subject};
use super::super::migrate::BlobProblem;
use super::super::store::{KeyValueStore, StoreError};
use super::{BackupInfo, PlanShelf, PlanSummary, Settings};

impl<S: KeyValueStore> PlanShelf<S> {
    // ----- backups -----

    /// The raw copies of unreadable blobs, newest first.
    ///
    /// # Errors
    /// When the store cannot be read ([`ShelfError::Unavailable`], [`ShelfError::Store`]).
    pub fn backups(&self) -> Result<Vec<BackupInfo>, ShelfError> {
        let mut backups: Vec<BackupInfo> = self
            .store()
            .keys()?
            .into_iter()
            .filter_map(|key| {
                let rest = key.strip_prefix(BACKUP_PREFIX)?;
                let (original, stamp) = rest.rsplit_once('.')?;
                let taken_at = stamp.split('-').next()?.parse::<f64>().ok()?;
                Some(BackupInfo {
                    original_key: original.to_string(),
                    key,
                    taken_at,
                })
            })
            .collect();
        backups.sort_by(|a, b| b.taken_at.total_cmp(&a.taken_at).then(a.key.cmp(&b.key)));
        Ok(backups)
    }

    /// The raw text of a backup, to offer as a download.
    ///
    /// # Errors
    /// When the store cannot be read ([`ShelfError::Unavailable`], [`ShelfError::Store`]).
    pub fn backup_text(&self, key: &str) -> Result<Option<String>, ShelfError> {
        if !key.starts_with(BACKUP_PREFIX) {
            return Ok(None);
        }
        Ok(self.store().get(key)?)
    }

    /// Deletes a backup (after the user downloaded it or declined).
    ///
    /// # Errors
    /// When the store refuses ([`ShelfError::Quota`], [`ShelfError::Unavailable`], [`ShelfError::Store`]).
    pub fn remove_backup(&mut self, key: &str) -> Result<(), ShelfError> {
        if !key.starts_with(BACKUP_PREFIX) {
            return Err(ShelfError::NotFound {
                id: key.to_string(),
            });
        }
        self.store_mut().remove(key)?;
        Ok(())
    }

    /// Copies the raw text of an unreadable blob under a backup key; a broken blob then
    /// leaves its key, while a blob of a newer schema stays for the newer app.
    pub(super) fn quarantine(
        &mut self,
        subject: Subject,
        key: &str,
        text: &str,
        problem: BlobProblem,
    ) -> Damaged {
        let backup_key = self.backup(key, text).ok();
        if backup_key.is_some() && !problem.is_newer_schema() {
            // Best effort: if the removal fails the blob is found (and deduplicated) again.
            let _ = self.store_mut().remove(key);
        }
        Damaged {
            subject,
            key: key.to_string(),
            problem,
            backup_key,
        }
    }

    /// Copies `text` to `cchc.backup.<key>.<ms>` (with "-2", "-3"… when taken) and returns
    /// the backup key. An existing backup of the same text is reused; none is overwritten.
    pub(super) fn backup(&mut self, key: &str, text: &str) -> Result<String, StoreError> {
        let prefix = format!("{BACKUP_PREFIX}{key}.");
        for existing in self.store().keys()? {
            let Some(stamp) = existing.strip_prefix(&prefix) else {
                continue;
            };
            let is_stamp =
                !stamp.is_empty() && stamp.chars().all(|c| c.is_ascii_digit() || c == '-');
            if is_stamp && self.store().get(&existing)?.as_deref() == Some(text) {
                return Ok(existing);
            }
        }
        let base = format!("{prefix}{:.0}", self.now.max(0.0));
        let mut candidate = base.clone();
        let mut n = 2;
        while self.store().get(&candidate)?.is_some() {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.store_mut().set(&candidate, text)?;
        Ok(candidate)
    }

    pub(super) fn read_settings(&mut self, problems: &mut Vec<StartupProblem>) -> Settings {
        let Ok(Some(text)) = self.store().get(SETTINGS_KEY) else {
            return Settings::default();
        };
        match decode_settings(&text) {
            Ok(settings) => settings,
            Err(problem) => {
                let damaged = self.quarantine(Subject::Settings, SETTINGS_KEY, &text, problem);
                problems.push(StartupProblem::SettingsUnreadable(damaged));
                Settings::default()
            }
        }
    }

    /// Reads the index on start and makes it agree with the plan keys present: lines
    /// without a plan are dropped, plans without a line (or every plan, when the index is
    /// missing or unreadable) are read and listed.
    pub(super) fn read_index(
        &mut self,
        keys: &[String],
        problems: &mut Vec<StartupProblem>,
    ) -> Index {
        let plan_ids: Vec<&str> = keys.iter().filter_map(|k| plan_id_of(k)).collect();
        let (mut index, mut dirty, damaged) = match self.store().get(INDEX_KEY) {
            Ok(Some(text)) => match decode_index(&text) {
                Ok(index) => (index, false, None),
                Err(problem) => {
                    let damaged = self.quarantine(Subject::Index, INDEX_KEY, &text, problem);
                    (Index::default(), true, Some(damaged))
                }
            },
            Ok(None) | Err(_) => (Index::default(), false, None),
        };
        let present: HashSet<&str> = plan_ids.iter().copied().collect();
        let listed = index.plans.len();
        index.plans.retain(|s| present.contains(s.id.as_str()));
        dirty |= index.plans.len() != listed;
        for id in plan_ids {
            if index.get(id).is_some() {
                continue;
            }
            let key = plan_key(id);
            let Ok(Some(text)) = self.store().get(&key) else {
                continue;
            };
            match decode_plan(&text) {
                Ok(loaded) => {
                    let mut summary = PlanSummary::of(&loaded.plan, loaded.saved_at);
                    summary.id = id.to_string();
                    index.plans.push(summary);
                    dirty = true;
                }
                Err(problem) => {
                    let subject = Subject::Plan {
                        id: id.to_string(),
                        name: id.to_string(),
                    };
                    let damaged = self.quarantine(subject, &key, &text, problem);
                    problems.push(StartupProblem::PlanUnreadable(damaged));
                }
            }
        }
        if let Some(last) = &index.last_open {
            if index.get(last).is_none_or(|s| s.deleted_at.is_some()) {
                index.last_open = None;
            }
        }
        let keep_newer = damaged
            .as_ref()
            .is_some_and(|d| d.problem.is_newer_schema());
        if let Some(damaged) = damaged {
            problems.push(StartupProblem::IndexUnreadable {
                damaged,
                recovered: index.plans.len(),
            });
        }
        if dirty && !keep_newer {
            // Best effort: if this fails the same repair happens on the next start.
            let _ = self.store_mut().set(INDEX_KEY, &encode_index(&index));
        }
        index
    }
}
