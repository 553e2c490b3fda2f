//! Keeping plans in the browser's key-value store (`localStorage`), safely.
//!
//! The domain is written against [`KeyValueStore`]; the browser glue implements it over
//! `localStorage`, and tests use [`MemoryStore`]. [`PlanShelf`] is everything the UI needs:
//! the list of plans, the trash, saving with revisions, settings and recovery.
//!
//! # Layout
//!
//! See [`blob`] for the keys and the JSON under each: `cchc.index` (the list and the last
//! open plan), one `cchc.plan.<id>` per plan (so a keystroke rewrites one plan), and
//! `cchc.settings`. Every blob carries `"schema"`; older ones go through [`migrate`].
//!
//! # Rules
//!
//! - **Nothing half-written.** A plan blob is written before the index line that lists it;
//!   when the index cannot be written the blob is put back, and the save fails with
//!   [`ShelfError::Quota`] (or another error) leaving the old copy in place. Deleting for
//!   good writes the index first, then removes the blobs.
//! - **Revisions.** Each stored plan has a revision, 1 when created. A tab saves with the
//!   revision it last loaded or saved; a newer stored revision refuses the save with
//!   [`ShelfError::Conflict`] unless the user chooses "Ghi đè" (`force`).
//! - **Other tabs.** Every change to the list re-reads the stored index first, so one tab's
//!   change never drops another's. The UI passes `storage` events to
//!   [`PlanShelf::on_external_change`].
//! - **Unreadable data.** Invalid JSON, a wrong shape or a newer schema is never lost: the
//!   raw text is copied to `cchc.backup.<key>.<ms>` (never overwriting a backup) and the user
//!   is told ([`StartupProblem`], [`ShelfError::Unreadable`]). A broken blob then leaves its
//!   key; a newer-schema blob stays for the newer app. An unreadable index is rebuilt from
//!   the plan keys present; an unreadable plan leaves the list and the others open as usual.
//! - **Trash.** Deleting moves a plan to the trash for [`TRASH_DAYS`] days; [`PlanShelf::open`]
//!   deletes expired ones. A rebuilt index lists plans that were in the trash again.
//! - **No clock.** Every time is passed in by the caller, in ms since the epoch.
//!
//! ```
//! use cchc_plan::domain::plan::Plan;
//! use cchc_plan::domain::storage::{MemoryStore, PlanShelf};
//! let (mut shelf, problems) = PlanShelf::open(MemoryStore::new(), 1_000.0);
//! assert!(problems.is_empty());
//! let mut plan = Plan::new("kh-1", "Hưng Yên", 2027);
//! let revision = shelf.create(&plan, 2_000.0).unwrap();
//! plan.title.push_str(" (dự thảo)");
//! let revision = shelf.save(&plan, revision, 3_000.0, false).unwrap();
//! assert_eq!(revision, 2);
//! assert_eq!(shelf.load("kh-1").unwrap().plan, plan);
//! assert_eq!(shelf.list()[0].changed_at, 3_000.0);
//! ```

pub mod autosave;
pub mod blob;
pub mod errors;
pub mod journal;
pub mod migrate;
pub mod mirror;
pub mod relocate;
pub mod reminder;
pub mod shelf;
pub mod store;

pub use autosave::{Reaction, SaveStatus, SAVE_DELAY_MS};
pub use blob::{
    plan_key, LoadedPlan, PlanSummary, Settings, BACKUP_PREFIX, INDEX_KEY, PLAN_PREFIX,
    SETTINGS_KEY, TEMPLATES_KEY,
};
pub use errors::{Damaged, ShelfError, StartupProblem, Subject};
pub use migrate::{BlobProblem, SCHEMA_VERSION};
pub use mirror::{Batch, FlushFault, MirrorStore};
pub use shelf::{BackupInfo, ExternalChange, PlanShelf, COPY_SUFFIX, TRASH_DAYS, TRASH_KEEP_MS};
pub use store::{KeyValueStore, MemoryStore, StoreError};

#[cfg(test)]
mod tests;
