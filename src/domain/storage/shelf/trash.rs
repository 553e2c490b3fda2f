//! The trash: deleting moves a plan there for [`TRASH_DAYS`](super::TRASH_DAYS) days; it can be restored, purged
//! one by one, emptied, and expired plans are purged on open.
//!
//! It writes no plan blobs; it only moves lines of the index and removes blobs for good.

use super::super::errors::ShelfError;
use super::super::store::KeyValueStore;
use super::{PlanShelf, PlanSummary, TRASH_KEEP_MS};

impl<S: KeyValueStore> PlanShelf<S> {
    /// Moves a plan to the trash; it can be restored for [`TRASH_DAYS`](super::TRASH_DAYS) days.
    ///
    /// # Errors
    /// [`ShelfError::NotFound`] for a plan not in the list, or when the store refuses ([`ShelfError::Quota`], [`ShelfError::Unavailable`], [`ShelfError::Store`]).
    pub fn delete(&mut self, id: &str, now: f64) -> Result<(), ShelfError> {
        self.tick(now);
        let mut index = self.fresh_index()?;
        let Some(summary) = index.get_mut(id) else {
            return Err(ShelfError::NotFound { id: id.to_string() });
        };
        if summary.deleted_at.is_some() {
            self.set_index(index);
            return Ok(());
        }
        summary.deleted_at = Some(now);
        if index.last_open.as_deref() == Some(id) {
            index.last_open = None;
        }
        self.write_index(index)
    }

    /// Takes a plan out of the trash, back into the list.
    ///
    /// # Errors
    /// [`ShelfError::NotFound`] for a plan not in the trash, or when the store refuses ([`ShelfError::Quota`], [`ShelfError::Unavailable`], [`ShelfError::Store`]).
    pub fn restore(&mut self, id: &str) -> Result<(), ShelfError> {
        let mut index = self.fresh_index()?;
        let Some(summary) = index.get_mut(id) else {
            return Err(ShelfError::NotFound { id: id.to_string() });
        };
        if summary.deleted_at.take().is_none() {
            self.set_index(index);
            return Ok(());
        }
        self.write_index(index)
    }

    /// Deletes one plan of the trash for good ("Xóa hẳn"); the UI confirms first.
    ///
    /// # Errors
    /// [`ShelfError::NotFound`] for a plan not in the trash, or when the store refuses ([`ShelfError::Quota`], [`ShelfError::Unavailable`], [`ShelfError::Store`]).
    pub fn purge(&mut self, id: &str) -> Result<(), ShelfError> {
        let index = self.fresh_index()?;
        if index
            .get(id)
            .is_none_or(|summary| summary.deleted_at.is_none())
        {
            return Err(ShelfError::NotFound { id: id.to_string() });
        }
        self.remove_for_good(index, &[id.to_string()])
    }

    /// Deletes every plan of the trash for good ("Dọn sạch thùng rác"); the UI confirms
    /// first. Returns how many were deleted.
    ///
    /// # Errors
    /// When the store refuses ([`ShelfError::Quota`], [`ShelfError::Unavailable`], [`ShelfError::Store`]); what was deleted before the fault stays deleted.
    pub fn empty_trash(&mut self) -> Result<usize, ShelfError> {
        let index = self.fresh_index()?;
        let ids: Vec<String> = index
            .plans
            .iter()
            .filter(|s| s.deleted_at.is_some())
            .map(|s| s.id.clone())
            .collect();
        self.remove_for_good(index, &ids)?;
        Ok(ids.len())
    }

    /// Deletes for good the plans that have been in the trash for [`TRASH_DAYS`](super::TRASH_DAYS) days;
    /// returns their summaries. [`PlanShelf::open`] does this already.
    ///
    /// # Errors
    /// When the store refuses ([`ShelfError::Quota`], [`ShelfError::Unavailable`], [`ShelfError::Store`]).
    pub fn purge_expired(&mut self, now: f64) -> Result<Vec<PlanSummary>, ShelfError> {
        self.tick(now);
        let index = self.fresh_index()?;
        let expired: Vec<PlanSummary> = index
            .plans
            .iter()
            .filter(|s| s.deleted_at.is_some_and(|at| now - at >= TRASH_KEEP_MS))
            .cloned()
            .collect();
        let ids: Vec<String> = expired.iter().map(|s| s.id.clone()).collect();
        self.remove_for_good(index, &ids)?;
        Ok(expired)
    }
}
