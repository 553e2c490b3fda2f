//! Other tabs: what a `storage` event from another tab means for the plan open in this one.
//!
//! It never writes; it re-reads the list or the settings and tells the UI what changed.

use super::super::blob::{decode_settings, plan_id_of, plan_revision, INDEX_KEY, SETTINGS_KEY};
use super::super::store::KeyValueStore;
use super::{ExternalChange, PlanShelf, Settings};

impl<S: KeyValueStore> PlanShelf<S> {
    // ----- other tabs -----

    /// Classifies a `storage` event (its `key` and `newValue`; `key` is null when another
    /// tab cleared the store). `open` is the plan open in this tab with the revision it last
    /// loaded or saved. Refreshes the list or settings when they changed.
    pub fn on_external_change(
        &mut self,
        key: Option<&str>,
        new_value: Option<&str>,
        open: Option<(&str, u64)>,
    ) -> ExternalChange {
        let Some(key) = key else {
            let _ = self.refresh();
            self.settings = Settings::default();
            return ExternalChange::Cleared;
        };
        if key == INDEX_KEY {
            let _ = self.refresh();
            if let Some((id, _)) = open {
                if self.trash.iter().any(|s| s.id == id) {
                    return ExternalChange::OpenPlanTrashed { id: id.to_string() };
                }
            }
            return ExternalChange::ListChanged;
        }
        if key == SETTINGS_KEY {
            let settings = match new_value {
                None => Settings::default(),
                Some(text) => match decode_settings(text) {
                    Ok(settings) => settings,
                    Err(_) => return ExternalChange::Irrelevant,
                },
            };
            self.settings = settings;
            return ExternalChange::SettingsChanged;
        }
        let (Some(id), Some((open_id, known))) = (plan_id_of(key), open) else {
            return ExternalChange::Irrelevant;
        };
        if id != open_id {
            return ExternalChange::Irrelevant;
        }
        let id = id.to_string();
        match new_value.map(plan_revision) {
            None => ExternalChange::OpenPlanRemoved { id },
            Some(Ok(revision)) if revision > known => {
                ExternalChange::OpenPlanChanged { id, revision }
            }
            Some(Ok(_)) => ExternalChange::Irrelevant,
            Some(Err(problem)) => ExternalChange::OpenPlanUnreadable { id, problem },
        }
    }
}
