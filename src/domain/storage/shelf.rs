//! [`PlanShelf`]: the plans kept in a key-value store, with their list, trash and settings.
//!
//! Files by job: this file opens the shelf and keeps the plans and their list; `trash.rs`
//! deletes, restores and purges; `tabs.rs` follows changes made by other tabs;
//! `recovery.rs` keeps unreadable data as backups and repairs the index on start. It reads no
//! clock and knows no browser: times come from the caller, the store through [`KeyValueStore`].

use std::collections::HashSet;

use super::blob::{
    decode_index, decode_plan, encode_index, encode_plan, encode_settings, plan_key, plan_revision,
    Index, LoadedPlan, PlanSummary, Settings, INDEX_KEY, SETTINGS_KEY, TEMPLATES_KEY,
};
use super::errors::{Damaged, ShelfError, StartupProblem, Subject};
use super::migrate::BlobProblem;
use super::store::{KeyValueStore, MemoryStore};
use crate::domain::file_format::{write_templates, FileError};
use crate::domain::plan::Plan;
use crate::domain::template::TemplateSet;
use crate::domain::user_library;

mod recovery;
mod tabs;
mod trash;

/// How long a deleted plan stays in the trash.
pub const TRASH_DAYS: u32 = 30;
/// [`TRASH_DAYS`] in milliseconds.
pub const TRASH_KEEP_MS: f64 = TRASH_DAYS as f64 * 24.0 * 3600.0 * 1000.0;
/// What "Nhân bản" appends to the title of the copy.
pub const COPY_SUFFIX: &str = " (bản sao)";

/// The store in use: the caller's, or a session-only one when the caller's is unavailable.
enum Backend<S> {
    Store(S),
    Memory(MemoryStore),
}

impl<S: KeyValueStore> Backend<S> {
    fn store(&self) -> &dyn KeyValueStore {
        match self {
            Backend::Store(store) => store,
            Backend::Memory(store) => store,
        }
    }

    fn store_mut(&mut self) -> &mut dyn KeyValueStore {
        match self {
            Backend::Store(store) => store,
            Backend::Memory(store) => store,
        }
    }
}

/// What a `storage` event from another tab means for this one; see
/// [`PlanShelf::on_external_change`].
#[derive(Clone, Debug, PartialEq)]
pub enum ExternalChange {
    /// The open plan was saved elsewhere with a newer revision: offer to reload it, keeping
    /// the local edits downloadable. Saving now would be refused with a conflict.
    OpenPlanChanged { id: String, revision: u64 },
    /// The open plan was saved elsewhere in a form this app cannot read (a newer app).
    OpenPlanUnreadable { id: String, problem: BlobProblem },
    /// The open plan was moved to the trash elsewhere (the list is already refreshed).
    OpenPlanTrashed { id: String },
    /// The open plan was deleted for good elsewhere.
    OpenPlanRemoved { id: String },
    /// The list of plans changed; [`PlanShelf::list`] and [`PlanShelf::trash`] are refreshed.
    ListChanged,
    /// The settings changed; [`PlanShelf::settings`] is refreshed.
    SettingsChanged,
    /// The whole store was cleared elsewhere (`localStorage.clear()`); the list is refreshed.
    /// Save the open plan with `force` to keep it.
    Cleared,
    /// Nothing this tab shows.
    Irrelevant,
}

/// A raw copy of an unreadable blob.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupInfo {
    pub key: String,
    /// The key the text was read from.
    pub original_key: String,
    /// When the copy was made (ms since the epoch).
    pub taken_at: f64,
}

/// The plans of this browser, kept in a [`KeyValueStore`]; see the module docs of
/// [`super`] for the layout and the rules.
pub struct PlanShelf<S> {
    backend: Backend<S>,
    /// The index as last read or written.
    index: Index,
    /// `index` split and sorted: the list (newest change first) and the trash (newest
    /// deletion first).
    live: Vec<PlanSummary>,
    trash: Vec<PlanSummary>,
    settings: Settings,
    /// The latest time the caller passed in; stamps backups made by calls without a time.
    now: f64,
}

impl<S: KeyValueStore> PlanShelf<S> {
    /// Opens the shelf: reads and migrates the index and settings, backs up what is
    /// unreadable, repairs or rebuilds the index from the plan keys present, and deletes
    /// plans that have been in the trash for [`TRASH_DAYS`].
    ///
    /// When the store is unavailable the shelf keeps plans in memory for the session and
    /// reports [`StartupProblem::Unavailable`]. Unreadable plans are found here only while
    /// rebuilding; otherwise [`PlanShelf::load`] reports them.
    pub fn open(store: S, now: f64) -> (PlanShelf<S>, Vec<StartupProblem>) {
        let mut problems = Vec::new();
        let keys = match store.keys() {
            Ok(keys) => keys,
            Err(error) => {
                problems.push(StartupProblem::Unavailable(error));
                let shelf = PlanShelf::with_backend(Backend::Memory(MemoryStore::new()), now);
                return (shelf, problems);
            }
        };
        let mut shelf = PlanShelf::with_backend(Backend::Store(store), now);
        shelf.settings = shelf.read_settings(&mut problems);
        let index = shelf.read_index(&keys, &mut problems);
        shelf.set_index(index);
        // Best effort: a failure here leaves the plans in the trash until the next start.
        let _ = shelf.purge_expired(now);
        (shelf, problems)
    }

    fn with_backend(backend: Backend<S>, now: f64) -> PlanShelf<S> {
        PlanShelf {
            backend,
            index: Index::default(),
            live: Vec::new(),
            trash: Vec::new(),
            settings: Settings::default(),
            now,
        }
    }

    /// Whether plans outlive the page: false when the browser's store was unavailable.
    pub fn is_persistent(&self) -> bool {
        matches!(self.backend, Backend::Store(_))
    }

    /// The caller's store, while the shelf uses it (not when it fell back to memory).
    pub fn backing_store(&self) -> Option<&S> {
        match &self.backend {
            Backend::Store(store) => Some(store),
            Backend::Memory(_) => None,
        }
    }

    fn store(&self) -> &dyn KeyValueStore {
        self.backend.store()
    }

    fn store_mut(&mut self) -> &mut dyn KeyValueStore {
        self.backend.store_mut()
    }

    fn tick(&mut self, now: f64) {
        self.now = now;
    }

    // ----- the list -----

    /// The plans in the list ("Danh sách kế hoạch"), newest change first.
    pub fn list(&self) -> &[PlanSummary] {
        &self.live
    }

    /// The plans in the trash, newest deletion first.
    pub fn trash(&self) -> &[PlanSummary] {
        &self.trash
    }

    /// The summary of a plan in the list or the trash.
    pub fn summary(&self, id: &str) -> Option<&PlanSummary> {
        self.index.get(id)
    }

    /// When a plan in the trash will be deleted for good (ms since the epoch).
    pub fn expires_at(summary: &PlanSummary) -> Option<f64> {
        summary.deleted_at.map(|at| at + TRASH_KEEP_MS)
    }

    /// The plan to reopen on start, if it is still in the list.
    pub fn last_open(&self) -> Option<&str> {
        let id = self.index.last_open.as_deref()?;
        self.live.iter().any(|s| s.id == id).then_some(id)
    }

    /// Remembers the plan open now (or none), to reopen it on the next start.
    ///
    /// # Errors
    /// When the store refuses ([`ShelfError::Quota`], [`ShelfError::Unavailable`], [`ShelfError::Store`]).
    pub fn set_last_open(&mut self, id: Option<&str>) -> Result<(), ShelfError> {
        let mut index = self.fresh_index()?;
        if let Some(id) = id {
            match index.get(id) {
                Some(summary) if summary.deleted_at.is_none() => {}
                _ => return Err(ShelfError::NotFound { id: id.to_string() }),
            }
        }
        if index.last_open.as_deref() == id {
            self.set_index(index);
            return Ok(());
        }
        index.last_open = id.map(str::to_string);
        self.write_index(index)
    }

    /// Re-reads the index from the store (another tab may have changed it).
    ///
    /// # Errors
    /// When the store refuses ([`ShelfError::Quota`], [`ShelfError::Unavailable`], [`ShelfError::Store`]); an unreadable index is backed up and reported.
    pub fn refresh(&mut self) -> Result<(), ShelfError> {
        let index = self.fresh_index()?;
        self.set_index(index);
        Ok(())
    }

    // ----- plans -----

    /// Loads a plan (from the list or the trash) with its stored revision.
    ///
    /// An unreadable plan is backed up ([`Damaged::backup_key`]); a broken one then leaves
    /// its key and the list, while one of a newer schema stays where it is.
    ///
    /// # Errors
    /// [`ShelfError::NotFound`], [`ShelfError::InTrash`], [`ShelfError::NewerSchema`] and
    /// [`ShelfError::Unreadable`] as said, or the store's own fault.
    pub fn load(&mut self, id: &str) -> Result<LoadedPlan, ShelfError> {
        let key = plan_key(id);
        let Some(text) = self.store().get(&key)? else {
            return Err(ShelfError::NotFound { id: id.to_string() });
        };
        match decode_plan(&text) {
            Ok(mut loaded) => {
                // The key is authoritative: a blob under another id is this plan.
                loaded.plan.id = id.to_string();
                Ok(loaded)
            }
            Err(problem) => {
                let subject = self.plan_subject(id);
                let damaged = self.quarantine(subject, &key, &text, problem);
                if !damaged.problem.is_newer_schema() && damaged.backup_key.is_some() {
                    let mut index = self.fresh_index()?;
                    if index.remove(id).is_some() {
                        // Best effort: an index line without its plan is dropped on start.
                        let _ = self.write_index(index);
                    }
                }
                Err(ShelfError::Unreadable(Box::new(damaged)))
            }
        }
    }

    /// Saves a plan; returns its new revision. Every edit goes through here.
    ///
    /// `base_revision` is the revision this tab last loaded or saved (0 for a plan never
    /// stored, which creates it). When the stored revision is newer, the save is refused with
    /// [`ShelfError::Conflict`] unless `force` ("Ghi đè"). `force` also saves a plan that
    /// another tab moved to the trash (taking it out) or deleted for good, and overwrites a
    /// plan of a newer schema after backing it up. A broken stored blob (which no tab can
    /// load) is backed up and replaced without `force`: the plan in memory is the best copy.
    ///
    /// On any error the store is as it was: the old copy and an index that lists it.
    ///
    /// # Errors
    /// Without `force`: [`ShelfError::Conflict`] when another tab saved a newer revision,
    /// [`ShelfError::NotFound`], [`ShelfError::InTrash`], [`ShelfError::NewerSchema`]; always:
    /// [`ShelfError::Quota`] and the store's other faults.
    pub fn save(
        &mut self,
        plan: &Plan,
        base_revision: u64,
        now: f64,
        force: bool,
    ) -> Result<u64, ShelfError> {
        self.tick(now);
        let id = plan.id.as_str();
        let key = plan_key(id);
        let mut index = self.fresh_index()?;
        if let Some(summary) = index.get(id) {
            if summary.deleted_at.is_some() && !force {
                return Err(ShelfError::InTrash {
                    id: id.to_string(),
                    name: summary.name().to_string(),
                });
            }
        }
        let old = self.store().get(&key)?;
        let stored_revision = match &old {
            None if force || base_revision == 0 => 0,
            None => return Err(ShelfError::NotFound { id: id.to_string() }),
            Some(text) => match plan_revision(text) {
                Ok(revision) => revision,
                Err(BlobProblem::NewerSchema { found, .. }) if !force => {
                    return Err(ShelfError::NewerSchema {
                        id: id.to_string(),
                        found,
                    })
                }
                Err(_) => {
                    // Never overwrite what cannot be read without a copy of it.
                    self.backup(&key, text)?;
                    0
                }
            },
        };
        if stored_revision > base_revision && !force {
            return Err(ShelfError::Conflict {
                stored_revision,
                base_revision,
            });
        }
        let revision = stored_revision.max(base_revision) + 1;
        let text = encode_plan(plan, revision, now);
        index.upsert(PlanSummary::of(plan, now));
        self.commit(&key, old.as_deref(), &text, index)?;
        Ok(revision)
    }

    /// Stores a new plan at revision 1.
    ///
    /// # Errors
    /// [`ShelfError::AlreadyExists`] when the id is taken, or when the store refuses ([`ShelfError::Quota`], [`ShelfError::Unavailable`], [`ShelfError::Store`]).
    pub fn create(&mut self, plan: &Plan, now: f64) -> Result<u64, ShelfError> {
        self.check_free(&plan.id)?;
        self.save(plan, 0, now, false)
    }

    /// "Nhân bản": stores a copy of a plan under `new_id`, its title followed by
    /// [`COPY_SUFFIX`]; returns the copy (at revision 1).
    ///
    /// # Errors
    /// As [`PlanShelf::load`] for the original, [`ShelfError::AlreadyExists`] for `new_id`,
    /// or when the store refuses ([`ShelfError::Quota`], [`ShelfError::Unavailable`], [`ShelfError::Store`]).
    pub fn duplicate(
        &mut self,
        id: &str,
        new_id: &str,
        now: f64,
    ) -> Result<LoadedPlan, ShelfError> {
        self.tick(now);
        let mut plan = self.load(id)?.plan;
        plan.id = new_id.to_string();
        plan.title.push_str(COPY_SUFFIX);
        let revision = self.create(&plan, now)?;
        Ok(LoadedPlan {
            plan,
            revision,
            saved_at: now,
        })
    }

    /// Renames a plan that is not open in this tab (a save at its stored revision); returns
    /// the new revision. For the open plan, change the title in the editor and save instead,
    /// so the editor's base revision stays right.
    ///
    /// # Errors
    /// As [`PlanShelf::load`], or when the store refuses ([`ShelfError::Quota`], [`ShelfError::Unavailable`], [`ShelfError::Store`]).
    pub fn rename(&mut self, id: &str, title: &str, now: f64) -> Result<u64, ShelfError> {
        self.tick(now);
        let loaded = self.load(id)?;
        let mut plan = loaded.plan;
        plan.title = title.to_string();
        self.save(&plan, loaded.revision, now, false)
    }

    // ----- settings -----

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Stores the settings. They apply for the session even when storing fails.
    ///
    /// # Errors
    /// When the store refuses ([`ShelfError::Quota`], [`ShelfError::Unavailable`], [`ShelfError::Store`]).
    pub fn set_settings(&mut self, settings: Settings) -> Result<(), ShelfError> {
        let text = encode_settings(&settings);
        self.settings = settings;
        self.store_mut().set(SETTINGS_KEY, &text)?;
        Ok(())
    }

    // ----- the user's templates -----

    /// The user's own templates. Unreadable ones are backed up (as any stored blob) and an
    /// empty library is returned with the problem, so the app goes on and nothing is lost.
    pub fn user_templates(&mut self) -> (TemplateSet, Option<Damaged>) {
        let Ok(Some(text)) = self.store().get(TEMPLATES_KEY) else {
            return (TemplateSet::default(), None);
        };
        match user_library::read_stored(&text) {
            Ok(set) => (set, None),
            Err(error) => {
                let problem = match error {
                    FileError::NewerVersion { found } => BlobProblem::NewerSchema {
                        found,
                        known: crate::domain::file_format::VERSION,
                    },
                    other => BlobProblem::WrongShape(other.to_string()),
                };
                let damaged = self.quarantine(Subject::Templates, TEMPLATES_KEY, &text, problem);
                (TemplateSet::default(), Some(damaged))
            }
        }
    }

    /// Stores the user's own templates (all or nothing: on error the previous copy stays).
    ///
    /// # Errors
    /// When the store refuses ([`ShelfError::Quota`], [`ShelfError::Unavailable`], [`ShelfError::Store`]).
    pub fn set_user_templates(&mut self, set: &TemplateSet) -> Result<(), ShelfError> {
        let text = write_templates(set);
        self.store_mut().set(TEMPLATES_KEY, &text)?;
        Ok(())
    }

    // ----- internals -----

    fn plan_subject(&self, id: &str) -> Subject {
        Subject::Plan {
            id: id.to_string(),
            name: self.index.get(id).map_or(id, PlanSummary::name).to_string(),
        }
    }

    /// Fails when a plan with this id is stored or listed.
    fn check_free(&mut self, id: &str) -> Result<(), ShelfError> {
        let index = self.fresh_index()?;
        if index.get(id).is_some() || self.store().get(&plan_key(id))?.is_some() {
            return Err(ShelfError::AlreadyExists { id: id.to_string() });
        }
        Ok(())
    }

    fn set_index(&mut self, index: Index) {
        let (mut live, mut trash): (Vec<_>, Vec<_>) = index
            .plans
            .iter()
            .cloned()
            .partition(|s| s.deleted_at.is_none());
        live.sort_by(|a, b| {
            b.changed_at
                .total_cmp(&a.changed_at)
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.id.cmp(&b.id))
        });
        trash.sort_by(|a, b| {
            b.deleted_at
                .unwrap_or(0.0)
                .total_cmp(&a.deleted_at.unwrap_or(0.0))
                .then_with(|| a.id.cmp(&b.id))
        });
        self.index = index;
        self.live = live;
        self.trash = trash;
    }

    fn write_index(&mut self, index: Index) -> Result<(), ShelfError> {
        self.store_mut().set(INDEX_KEY, &encode_index(&index))?;
        self.set_index(index);
        Ok(())
    }

    /// The index as stored now (another tab may have changed it since this one read it).
    /// When it is missing or unreadable, this tab's copy stands in, less the plans whose
    /// blobs are gone.
    fn fresh_index(&mut self) -> Result<Index, ShelfError> {
        if let Some(text) = self.store().get(INDEX_KEY)? {
            match decode_index(&text) {
                Ok(index) => return Ok(index),
                Err(problem) => {
                    self.quarantine(Subject::Index, INDEX_KEY, &text, problem);
                }
            }
        }
        let present: HashSet<String> = self.store().keys()?.into_iter().collect();
        let mut index = self.index.clone();
        index.plans.retain(|s| present.contains(&plan_key(&s.id)));
        Ok(index)
    }

    /// Writes a plan blob, then the index that lists it. When the index cannot be written,
    /// the blob is put back as it was, so the store never holds half a save.
    fn commit(
        &mut self,
        key: &str,
        old: Option<&str>,
        text: &str,
        index: Index,
    ) -> Result<(), ShelfError> {
        self.store_mut().set(key, text)?;
        if let Err(error) = self.store_mut().set(INDEX_KEY, &encode_index(&index)) {
            let rolled_back = match old {
                Some(old) => self.store_mut().set(key, old),
                None => self.store_mut().remove(key),
            };
            if rolled_back.is_ok() {
                return Err(error.into());
            }
            // The new blob could not be taken back, so it is the stored plan and the save
            // stands; only its line in the stored list is stale until the next save or start.
        }
        self.set_index(index);
        Ok(())
    }

    /// Takes plans out of the index, then deletes their blobs (so the index never lists a
    /// missing plan; a blob left behind by a failed removal is listed again on start).
    fn remove_for_good(&mut self, mut index: Index, ids: &[String]) -> Result<(), ShelfError> {
        if ids.is_empty() {
            self.set_index(index);
            return Ok(());
        }
        for id in ids {
            index.remove(id);
        }
        self.write_index(index)?;
        for id in ids {
            self.store_mut().remove(&plan_key(id))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
