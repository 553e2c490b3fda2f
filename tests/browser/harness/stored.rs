//! What the app stored, read as another program would: IndexedDB (the app's store) or
//! localStorage (the fallback), and the switch that keeps a page on localStorage.

use serde_json::{json, Value};

use super::page::Page;
use super::{bail, Result};

/// The text under `arguments[0]` in the app's IndexedDB store, else in localStorage, else
/// null (a page whose IndexedDB does not exist yet is not given one).
const STORED_TEXT: &str = r#"
const key = arguments[0];
const local = () => { try { return localStorage.getItem(key); } catch (e) { return null; } };
return new Promise((resolve) => {
  let created = false;
  const open = indexedDB.open('cchc');
  open.onupgradeneeded = () => { created = true; };
  open.onerror = () => resolve(local());
  open.onsuccess = () => {
    const db = open.result;
    if (created || !db.objectStoreNames.contains('kv')) {
      db.close();
      if (created) indexedDB.deleteDatabase('cchc');
      resolve(local());
      return;
    }
    const get = db.transaction('kv').objectStore('kv').get(key);
    get.onsuccess = () => { db.close(); resolve(get.result === undefined ? local() : get.result); };
    get.onerror = () => { db.close(); resolve(local()); };
  };
});
"#;

impl Page {
    /// Keeps this browser's plans in localStorage (`cchc.backend = "localStorage"`, the
    /// fallback the app uses where IndexedDB cannot be opened) and reloads: for the tests of
    /// that store's own faults (a full localStorage, a key edited by hand).
    pub async fn use_local_storage(&self) -> Result {
        self.js("localStorage.setItem('cchc.backend', 'localStorage');")
            .await?;
        self.reload().await?;
        let backend = self.js("return window.cchcApp.storageBackend();").await?;
        if backend != json!("localStorage") {
            bail!("the app still stores in {backend} after choosing localStorage");
        }
        Ok(())
    }

    /// The text the app stored under `key` (IndexedDB first, then localStorage), if any.
    pub async fn stored_text(&self, key: &str) -> Result<Option<String>> {
        let value = self.js_with(STORED_TEXT, vec![json!(key)]).await?;
        Ok(match value {
            Value::String(text) => Some(text),
            _ => None,
        })
    }
}
