//! The agency data in use (the drafter's edited directory and rename table, kept in the
//! settings, else the built-in data) and the directory the agency autocomplete reads. The
//! panels that edit them are in `ui/agencies.rs`.

use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::*;

use super::persistence::Persistence;
use crate::domain::agency::{AgencyData, Directory, RenameTable};
use crate::ui::EditorState;

/// The key of the edited agency data in the stored settings.
const SETTINGS_KEY: &str = "agencies";

thread_local! {
    /// The directory the agency autocomplete reads (the browser runs one thread).
    static DIRECTORY: RefCell<Option<Arc<Directory>>> = const { RefCell::new(None) };
}

/// The agency directory in use: the drafter's, else the built-in one.
pub fn directory() -> Arc<Directory> {
    DIRECTORY.with(|d| {
        d.borrow_mut()
            .get_or_insert_with(|| Arc::new(crate::ui::suggest::directory().clone()))
            .clone()
    })
}

fn set_directory(directory: Directory) {
    DIRECTORY.with(|d| *d.borrow_mut() = Some(Arc::new(directory)));
}

/// The agency data in use and the rename table built from it; `Copy`, in context.
#[derive(Clone, Copy)]
pub struct AgencyState {
    pub data: RwSignal<AgencyData>,
    pub renames: RwSignal<Arc<RenameTable>>,
    plans: Persistence,
}

impl AgencyState {
    /// The stored agency data, or the built-in data.
    pub fn new(plans: Persistence) -> AgencyState {
        let data = plans
            .setting(SETTINGS_KEY)
            .and_then(|value| serde_json::from_value::<AgencyData>(value).ok())
            .unwrap_or_else(AgencyData::builtin);
        set_directory(Directory::new(data.agencies.clone()));
        AgencyState {
            renames: RwSignal::new(Arc::new(RenameTable::from_data(&data))),
            data: RwSignal::new(data),
            plans,
        }
    }

    /// Replaces the agency data and stores it (nothing is stored while it is the built-in).
    pub fn set(&self, state: EditorState, data: AgencyData) {
        if self.data.with_untracked(|d| *d == data) {
            return;
        }
        set_directory(Directory::new(data.agencies.clone()));
        self.renames.set(Arc::new(RenameTable::from_data(&data)));
        let stored = (data != AgencyData::builtin())
            .then(|| serde_json::to_value(&data).expect("agency data serialises"));
        if let Err(error) = self.plans.set_setting(SETTINGS_KEY, stored) {
            state.say(error, true);
        }
        self.data.set(data);
    }

    /// Changes the agency data in place, then as [`AgencyState::set`].
    pub fn update(&self, state: EditorState, change: impl FnOnce(&mut AgencyData)) {
        let mut data = self.data.get_untracked();
        change(&mut data);
        self.set(state, data);
    }
}
