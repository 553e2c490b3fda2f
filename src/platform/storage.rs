//! `window.localStorage` as the domain's [`KeyValueStore`].

use wasm_bindgen::{JsCast, JsValue};

use super::{describe, window};
use crate::domain::storage::{KeyValueStore, StoreError};

/// `window.localStorage` as the domain's [`KeyValueStore`]. A browser that blocks storage
/// (policy, sandbox) gives `Unavailable`; a full store gives `QuotaExceeded`.
pub struct LocalStore {
    storage: Option<web_sys::Storage>,
}

impl LocalStore {
    /// The page's localStorage, or a store that answers `Unavailable` when the browser
    /// refuses it.
    #[must_use]
    pub fn new() -> LocalStore {
        LocalStore {
            storage: window().local_storage().ok().flatten(),
        }
    }

    fn storage(&self) -> Result<&web_sys::Storage, StoreError> {
        self.storage.as_ref().ok_or(StoreError::Unavailable)
    }
}

impl Default for LocalStore {
    fn default() -> LocalStore {
        LocalStore::new()
    }
}

fn store_error(value: JsValue) -> StoreError {
    match value.dyn_ref::<web_sys::DomException>() {
        Some(e) if e.name() == "QuotaExceededError" || e.code() == 22 => StoreError::QuotaExceeded,
        Some(e) if e.name() == "SecurityError" => StoreError::Unavailable,
        _ => StoreError::Other(describe(value)),
    }
}

impl KeyValueStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage()?.get_item(key).map_err(store_error)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage()?.set_item(key, value).map_err(store_error)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.storage()?.remove_item(key).map_err(store_error)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let storage = self.storage()?;
        let count = storage.length().map_err(store_error)?;
        Ok((0..count)
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect())
    }
}
