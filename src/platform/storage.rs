//! `window.localStorage` as the domain's [`KeyValueStore`], and the store the app opens
//! its shelf on ([`BrowserStore`]: localStorage, or IndexedDB with the settings left in
//! localStorage), prepared before the app mounts.

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};

use super::indexed::IndexedStore;
use super::{describe, window};
use crate::domain::storage::{
    journal, relocate, FlushFault, KeyValueStore, StoreError, SETTINGS_KEY,
};

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

/// Where this browser keeps the plans: IndexedDB unless this key of localStorage says
/// `"localStorage"` (the store the app falls back to where IndexedDB cannot be opened; kept
/// by choice for the tests of that store's own faults).
pub const BACKEND_KEY: &str = "cchc.backend";

/// The store the shelf is opened on: localStorage alone, or IndexedDB for the plans, the
/// trash, the templates and the backups with the small settings left in localStorage.
pub enum BrowserStore {
    Local(LocalStore),
    Indexed {
        durable: IndexedStore,
        settings: LocalStore,
    },
}

impl BrowserStore {
    /// The IndexedDB store under this one, if it is one.
    #[must_use]
    pub fn indexed(&self) -> Option<&IndexedStore> {
        match self {
            BrowserStore::Local(_) => None,
            BrowserStore::Indexed { durable, .. } => Some(durable),
        }
    }

    fn route(&self, key: &str) -> &dyn KeyValueStore {
        match self {
            BrowserStore::Indexed { settings, .. } if key == SETTINGS_KEY || key == BACKEND_KEY => {
                settings
            }
            BrowserStore::Indexed { durable, .. } => durable,
            BrowserStore::Local(local) => local,
        }
    }

    fn route_mut(&mut self, key: &str) -> &mut dyn KeyValueStore {
        match self {
            BrowserStore::Indexed { settings, .. } if key == SETTINGS_KEY || key == BACKEND_KEY => {
                settings
            }
            BrowserStore::Indexed { durable, .. } => durable,
            BrowserStore::Local(local) => local,
        }
    }
}

impl KeyValueStore for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.route(key).get(key)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.route_mut(key).set(key, value)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.route_mut(key).remove(key)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        match self {
            BrowserStore::Local(local) => local.keys(),
            BrowserStore::Indexed { durable, settings } => {
                let mut keys = durable.keys()?;
                // Blocked settings do not hide the plans.
                if settings.get(SETTINGS_KEY).ok().flatten().is_some() {
                    keys.push(SETTINGS_KEY.to_string());
                }
                Ok(keys)
            }
        }
    }
}

thread_local! {
    static PREPARED: RefCell<Option<(BrowserStore, Vec<String>)>> = const { RefCell::new(None) };
}

/// Prepares the store before the app mounts: opens IndexedDB, reads it into memory and moves
/// what localStorage still holds of the app's data into it (see
/// [`crate::domain::storage::relocate`]); old keys are removed only once read back equal.
/// When IndexedDB cannot be opened (private mode, blocked), or [`BACKEND_KEY`] asks for it,
/// the app keeps localStorage.
pub async fn prepare_store() {
    let local = LocalStore::new();
    let wanted = local.get(BACKEND_KEY).ok().flatten().as_deref() != Some("localStorage");
    let mut notices = Vec::new();
    let store = if wanted {
        match IndexedStore::open().await {
            Ok(durable) => {
                if let Err(text) = move_old_data(&durable).await {
                    notices.push(text);
                }
                notices.extend(replay_journals(&durable).await);
                BrowserStore::Indexed {
                    durable,
                    settings: LocalStore::new(),
                }
            }
            Err(fault) => {
                let why = match fault {
                    FlushFault::Unavailable => {
                        "Trình duyệt không cho dùng bộ nhớ IndexedDB (chế độ riêng tư hoặc bị chặn)"
                            .to_string()
                    }
                    other => format!("Không mở được bộ nhớ IndexedDB ({})", other.store_error()),
                };
                notices.push(format!(
                    "{why} nên ứng dụng tiếp tục dùng bộ nhớ cục bộ (localStorage) như trước."
                ));
                BrowserStore::Local(local)
            }
        }
    } else {
        BrowserStore::Local(local)
    };
    PREPARED.with(|p| *p.borrow_mut() = Some((store, notices)));
}

/// Writes into IndexedDB what the tabs that left kept in their localStorage journals (see
/// [`journal`]), then removes the journals once that is durable; says when a journal was
/// overtaken by a newer save (its text is then a backup).
async fn replay_journals(durable: &IndexedStore) -> Option<String> {
    let mut local = LocalStore::new();
    let journals: Vec<(String, String)> = local
        .keys()
        .ok()?
        .into_iter()
        .filter(|key| key.starts_with(journal::JOURNAL_PREFIX))
        .filter_map(|key| {
            let text = local.get(&key).ok()??;
            Some((key, text))
        })
        .collect();
    if journals.is_empty() {
        return None;
    }
    let replayed = {
        let mirror = durable.mirror();
        let mut mirror = mirror.borrow_mut();
        journal::replay(&mut mirror, &journals, super::now())
    };
    if durable.settled().await.is_ok() {
        for (key, _) in &journals {
            let _ = local.remove(key);
        }
    }
    replayed.told()
}

/// What localStorage holds of the app's data moves into IndexedDB.
async fn move_old_data(durable: &IndexedStore) -> Result<(), String> {
    let mut old = LocalStore::new();
    let moved = {
        let mirror = durable.mirror();
        let mut mirror = mirror.borrow_mut();
        relocate::copy_into(&old, &mut mirror, super::now())
    };
    let moved = match moved {
        Ok(moved) if moved.is_empty() => return Ok(()),
        Ok(moved) => moved,
        // Nothing to move from a blocked localStorage.
        Err(_) => return Ok(()),
    };
    durable.flush_now();
    let keep = |fault: FlushFault| {
        format!(
            "Chưa chuyển được dữ liệu cũ sang IndexedDB ({fault}). Dữ liệu cũ vẫn nằm nguyên trong \
             localStorage và sẽ được chuyển lại ở lần mở sau."
        )
    };
    durable.settled().await.map_err(keep)?;
    let keys: Vec<String> = moved.iter().map(|m| m.new_key.clone()).collect();
    let read = durable.read_back(&keys).await.map_err(keep)?;
    let back: std::collections::HashMap<&str, Option<String>> =
        keys.iter().map(String::as_str).zip(read).collect();
    for key in relocate::confirmed(&moved, |k| back.get(k).cloned().flatten()) {
        let _ = old.remove(&key);
    }
    Ok(())
}

/// The store [`prepare_store`] made, with what the drafter must be told about it; a plain
/// localStorage store when it was not called.
#[must_use]
pub fn take_prepared_store() -> (BrowserStore, Vec<String>) {
    PREPARED
        .with(|p| p.borrow_mut().take())
        .unwrap_or_else(|| (BrowserStore::Local(LocalStore::new()), Vec::new()))
}
