//! IndexedDB as the durable store under the domain's [`MirrorStore`]: read once at start
//! ([`IndexedStore::open`], before the app mounts), then written behind the mirror, one
//! transaction per flush, and the keys written told to the other tabs over a
//! `BroadcastChannel` (IndexedDB has no `storage` event).
//!
//! Leaving the page with writes outstanding, [`IndexedStore::leave`] keeps them in a
//! localStorage journal too (see [`crate::domain::storage::journal`]): a synchronous copy no
//! engine can drop, removed once the writes are durable and replayed at the next start by
//! [`super::storage::prepare_store`].
//!
//! It decides nothing: the write-behind rules are the mirror's, what to say the UI's.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use idb::{DatabaseEvent, Factory, ObjectStoreParams, TransactionMode, TransactionResult};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{IdbDatabase, IdbTransaction};

use super::describe;
use super::storage::LocalStore;
use crate::domain::storage::journal::JOURNAL_PREFIX;
use crate::domain::storage::mirror::Guard;
use crate::domain::storage::{Batch, FlushFault, KeyValueStore, MirrorStore, StoreError};

/// The database, its one object store (string keys to string values, as localStorage) and
/// the channel the tabs tell each other about writes on.
pub const DB_NAME: &str = "cchc";
const STORE: &str = "kv";
const CHANNEL: &str = "cchc.storage";

/// What a tab hears: a key another tab made durable, with its text (`None`: removed).
pub type ExternalWrite = (String, Option<String>);

/// A plan this tab wrote that another tab had saved since (see [`Guard`]): the key, the newer
/// text the database keeps (`None`: removed), and the backup key holding this tab's text.
#[derive(Clone, Debug)]
pub struct Overtaken {
    pub key: String,
    pub held: Option<String>,
    pub backup: Option<String>,
}

type FaultListener = Rc<dyn Fn(Option<FlushFault>)>;
type ExternalListener = Rc<dyn Fn(ExternalWrite)>;
type OvertakenListener = Rc<dyn Fn(Overtaken)>;

/// The guarded writes a transaction refused, with what the database held under each key.
type Refused = Rc<RefCell<Vec<(String, Option<String>)>>>;

/// A transaction under way, with the request callbacks that must live until it ends.
struct Issued {
    tx: IdbTransaction,
    refused: Refused,
    _callbacks: Vec<Closure<dyn FnMut()>>,
}

struct Shared {
    mirror: Rc<RefCell<MirrorStore>>,
    db: RefCell<Option<IdbDatabase>>,
    /// Why the database can no longer be written (closed for a newer version).
    closed: RefCell<Option<FlushFault>>,
    channel: Option<web_sys::BroadcastChannel>,
    scheduled: RefCell<bool>,
    on_fault: RefCell<Option<FaultListener>>,
    on_external: RefCell<Option<ExternalListener>>,
    on_overtaken: RefCell<Option<OvertakenListener>>,
    /// A fault to simulate on the next flushes (test hooks only).
    injected: RefCell<Option<FlushFault>>,
    /// Resolved when the next flush ends (see [`IndexedStore::settled`]).
    waiting: RefCell<Vec<js_sys::Function>>,
    /// This tab's journal key in localStorage, and whether a journal is there now.
    journal_key: String,
    journaled: Cell<bool>,
}

/// The plans, trash, templates and backups in IndexedDB, as a [`KeyValueStore`]. Cheap to
/// clone: clones share the mirror and the database.
#[derive(Clone)]
pub struct IndexedStore {
    shared: Rc<Shared>,
}

/// The fault a DOM exception or an `idb` error stands for.
fn fault_of(value: &JsValue) -> FlushFault {
    match value.dyn_ref::<web_sys::DomException>() {
        Some(e) if e.name() == "QuotaExceededError" || e.code() == 22 => FlushFault::Quota,
        Some(e) if e.name() == "AbortError" => FlushFault::Aborted(e.message()),
        Some(e) if e.name() == "InvalidStateError" || e.name() == "SecurityError" => {
            FlushFault::Unavailable
        }
        Some(e) => FlushFault::Other(format!("{}: {}", e.name(), e.message())),
        None => FlushFault::Other(describe(value.clone())),
    }
}

fn idb_fault(error: &idb::Error) -> FlushFault {
    match error {
        idb::Error::DomException(e) => fault_of(e.as_ref()),
        other => FlushFault::Other(other.to_string()),
    }
}

impl IndexedStore {
    /// Opens (creating on first use) the database and reads all of it into the mirror.
    ///
    /// # Errors
    /// [`FlushFault::Unavailable`] when the browser has no usable IndexedDB (private mode,
    /// blocked), or the fault met while reading; the caller keeps the old store then.
    pub async fn open() -> Result<IndexedStore, FlushFault> {
        let factory = Factory::new().map_err(|_| FlushFault::Unavailable)?;
        let mut request = factory
            .open(DB_NAME, Some(1))
            .map_err(|_| FlushFault::Unavailable)?;
        request.on_upgrade_needed(|event| {
            if let Ok(db) = event.database() {
                if !db.store_names().iter().any(|n| n == STORE) {
                    let _ = db.create_object_store(STORE, ObjectStoreParams::new());
                }
            }
        });
        let database = request.await.map_err(|e| match idb_fault(&e) {
            FlushFault::Other(_) => FlushFault::Unavailable,
            fault => fault,
        })?;
        let entries = read_all(&database).await?;
        let raw: IdbDatabase = database.into();
        let channel = web_sys::BroadcastChannel::new(CHANNEL).ok();
        let store = IndexedStore {
            shared: Rc::new(Shared {
                mirror: Rc::new(RefCell::new(MirrorStore::loaded(entries))),
                db: RefCell::new(Some(raw.clone())),
                closed: RefCell::new(None),
                channel,
                scheduled: RefCell::new(false),
                on_fault: RefCell::new(None),
                on_external: RefCell::new(None),
                on_overtaken: RefCell::new(None),
                injected: RefCell::new(None),
                waiting: RefCell::new(Vec::new()),
                journal_key: format!(
                    "{JOURNAL_PREFIX}{:.0}-{:06}",
                    super::now(),
                    js_sys::Math::random() * 1e6
                ),
                journaled: Cell::new(false),
            }),
        };
        store.listen(&raw);
        Ok(store)
    }

    /// Closes the connection when another tab opens a newer version, and hears other tabs.
    fn listen(&self, raw: &IdbDatabase) {
        let weak = Rc::downgrade(&self.shared);
        let on_version_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if let Some(shared) = weak.upgrade() {
                if let Some(db) = shared.db.borrow_mut().take() {
                    db.close();
                }
                *shared.closed.borrow_mut() = Some(FlushFault::VersionChange);
                report(&shared, Some(FlushFault::VersionChange));
            }
        });
        raw.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget();
        if let Some(channel) = &self.shared.channel {
            let weak = Rc::downgrade(&self.shared);
            let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |event: web_sys::MessageEvent| {
                    let Some(shared) = weak.upgrade() else { return };
                    for (key, value) in decode_message(&event.data()) {
                        shared
                            .mirror
                            .borrow_mut()
                            .apply_external(&key, value.clone());
                        let listener = shared.on_external.borrow().clone();
                        if let Some(listener) = listener {
                            listener((key, value));
                        }
                    }
                },
            );
            channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            on_message.forget();
        }
    }

    /// Calls `listener` with the fault of each failed flush, and `None` once a flush succeeds
    /// after one failed.
    pub fn on_fault(&self, listener: impl Fn(Option<FlushFault>) + 'static) {
        *self.shared.on_fault.borrow_mut() = Some(Rc::new(listener));
    }

    /// Calls `listener` for every key another tab made durable (after the mirror shows it).
    pub fn on_external(&self, listener: impl Fn(ExternalWrite) + 'static) {
        *self.shared.on_external.borrow_mut() = Some(Rc::new(listener));
    }

    /// Calls `listener` for every plan this tab wrote that another tab had saved since: the
    /// newer save stays, this tab's text is in a backup (after the mirror shows both).
    pub fn on_overtaken(&self, listener: impl Fn(Overtaken) + 'static) {
        *self.shared.on_overtaken.borrow_mut() = Some(Rc::new(listener));
    }

    /// Starts writing what is queued now, in this task (leaving the page: the transaction
    /// is then issued before the page goes).
    pub fn flush_now(&self) {
        flush(&self.shared);
    }

    /// The page is going (hidden, closed, reloaded): issues what is queued, and keeps every
    /// write not yet durable in this tab's localStorage journal, synchronously, since the
    /// engine may drop the transaction with the page (WebKit does on a reload). A journal
    /// that cannot be written (localStorage full or blocked) leaves IndexedDB's write as the
    /// only one, as before.
    pub fn leave(&self) {
        flush(&self.shared);
        let journal = self.shared.mirror.borrow().journal(super::now());
        let mut local = LocalStore::new();
        let key = &self.shared.journal_key;
        match journal {
            Some(journal) => {
                let kept = local.set(key, &journal.encode()).is_ok();
                self.shared.journaled.set(kept);
            }
            None => forget_journal(&self.shared),
        }
    }

    /// Whether every write has been made durable.
    pub fn is_settled(&self) -> bool {
        self.shared.mirror.borrow().is_settled()
    }

    /// The fault of the last flush while none has succeeded since.
    pub fn fault(&self) -> Option<FlushFault> {
        self.shared.mirror.borrow().fault().cloned()
    }

    /// Test hooks only: makes the next flushes fail with `fault` (or stop failing).
    pub fn inject_fault(&self, fault: Option<FlushFault>) {
        *self.shared.injected.borrow_mut() = fault;
        if self.shared.injected.borrow().is_none() {
            self.flush_now();
        }
    }

    /// The mirror, for moving old data in at start.
    pub fn mirror(&self) -> Rc<RefCell<MirrorStore>> {
        Rc::clone(&self.shared.mirror)
    }

    /// Reads `keys` back from the database itself (not the mirror).
    ///
    /// # Errors
    /// The fault of the read.
    pub async fn read_back(&self, keys: &[String]) -> Result<Vec<Option<String>>, FlushFault> {
        let db = self
            .shared
            .db
            .borrow()
            .clone()
            .ok_or(FlushFault::Unavailable)?;
        let tx = db.transaction_with_str(STORE).map_err(|e| fault_of(&e))?;
        let store = tx.object_store(STORE).map_err(|e| fault_of(&e))?;
        let mut requests = Vec::with_capacity(keys.len());
        for key in keys {
            requests.push(
                store
                    .get(&JsValue::from_str(key))
                    .map_err(|e| fault_of(&e))?,
            );
        }
        settle(tx).await?;
        Ok(requests
            .iter()
            .map(|r| r.result().ok().and_then(|v| v.as_string()))
            .collect())
    }

    /// Waits until every write queued so far is durable, or the first fault.
    ///
    /// # Errors
    /// The fault of a failed flush (the writes stay queued).
    pub async fn settled(&self) -> Result<(), FlushFault> {
        loop {
            flush(&self.shared);
            if self.is_settled() {
                return Ok(());
            }
            if !self.shared.mirror.borrow().is_flushing() {
                return Err(self.fault().unwrap_or(FlushFault::Unavailable));
            }
            let shared = Rc::clone(&self.shared);
            let ended = js_sys::Promise::new(&mut |resolve, _| {
                shared.waiting.borrow_mut().push(resolve);
            });
            let _ = wasm_bindgen_futures::JsFuture::from(ended).await;
        }
    }

    fn schedule(&self) {
        if self.shared.scheduled.replace(true) {
            return;
        }
        let shared = Rc::clone(&self.shared);
        // A microtask: every write of this task (a plan and its index) goes in one batch.
        wasm_bindgen_futures::spawn_local(async move {
            shared.scheduled.replace(false);
            flush(&shared);
        });
    }
}

/// Waits for a transaction to end; an abort is a fault with the transaction's error.
async fn settle(tx: IdbTransaction) -> Result<(), FlushFault> {
    let outcome = idb::Transaction::from(tx.clone()).await;
    match outcome {
        Ok(TransactionResult::Committed) => Ok(()),
        Ok(TransactionResult::Aborted) | Err(_) => Err(match tx.error() {
            Some(e) => fault_of(e.as_ref()),
            None => match outcome {
                Err(e) => idb_fault(&e),
                Ok(_) => FlushFault::Aborted("AbortError".into()),
            },
        }),
    }
}

async fn read_all(database: &idb::Database) -> Result<Vec<(String, String)>, FlushFault> {
    let tx = database
        .transaction(&[STORE], TransactionMode::ReadOnly)
        .map_err(|e| idb_fault(&e))?;
    let store = tx.object_store(STORE).map_err(|e| idb_fault(&e))?;
    let keys = store
        .get_all_keys(None, None)
        .map_err(|e| idb_fault(&e))?
        .await
        .map_err(|e| idb_fault(&e))?;
    let values = store
        .get_all(None, None)
        .map_err(|e| idb_fault(&e))?
        .await
        .map_err(|e| idb_fault(&e))?;
    Ok(keys
        .into_iter()
        .zip(values)
        .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
        .collect())
}

fn report(shared: &Shared, fault: Option<FlushFault>) {
    let listener = shared.on_fault.borrow().clone();
    if let Some(listener) = listener {
        listener(fault);
    }
}

/// Issues the queued changes as one transaction now, and handles its end later.
fn flush(shared: &Rc<Shared>) {
    let batch = shared.mirror.borrow_mut().take_batch(super::now());
    let Some(batch) = batch else {
        return;
    };
    let had_fault = shared.mirror.borrow().fault().is_some();
    match issue(shared, &batch) {
        Err(fault) => {
            shared.mirror.borrow_mut().flushed(Err(fault.clone()));
            report(shared, Some(fault));
        }
        Ok(issued) => {
            let shared = Rc::clone(shared);
            wasm_bindgen_futures::spawn_local(async move {
                let result = settle(issued.tx.clone()).await;
                let refused = issued.refused.take();
                drop(issued);
                let mut overtaken = Vec::new();
                if result.is_ok() {
                    let mut mirror = shared.mirror.borrow_mut();
                    for (key, held) in refused {
                        let backup = mirror.overtaken(&key, held.clone());
                        overtaken.push(Overtaken { key, held, backup });
                    }
                }
                shared.mirror.borrow_mut().flushed(result.clone());
                for resolve in shared.waiting.take() {
                    let _ = resolve.call0(&JsValue::NULL);
                }
                match result {
                    Ok(()) => {
                        if shared.mirror.borrow().is_settled() {
                            forget_journal(&shared);
                        }
                        broadcast(&shared, &batch, &overtaken);
                        if had_fault {
                            report(&shared, None);
                        }
                        let listener = shared.on_overtaken.borrow().clone();
                        if let Some(listener) = listener {
                            for each in overtaken {
                                listener(each);
                            }
                        }
                        flush(&shared);
                    }
                    Err(fault) => report(&shared, Some(fault)),
                }
            });
        }
    }
}

/// Issues `batch` as one read-write transaction. A guarded write first reads what the
/// database holds under its key, in the same transaction, and is made there only if its guard
/// admits that text; else its text goes to the guard's backup key and the key is listed in
/// [`Issued::refused`].
fn issue(shared: &Shared, batch: &Batch) -> Result<Issued, FlushFault> {
    if let Some(fault) = shared.injected.borrow().clone() {
        return Err(fault);
    }
    if let Some(fault) = shared.closed.borrow().clone() {
        return Err(fault);
    }
    let db = shared.db.borrow().clone().ok_or(FlushFault::Unavailable)?;
    let tx = db
        .transaction_with_str_and_mode(STORE, web_sys::IdbTransactionMode::Readwrite)
        .map_err(|e| fault_of(&e))?;
    let store = tx.object_store(STORE).map_err(|e| fault_of(&e))?;
    let refused: Refused = Rc::default();
    let mut callbacks = Vec::new();
    for (key, value) in &batch.changes {
        let issued = match batch.guard(key) {
            Some(guard) => store.get(&JsValue::from_str(key)).map(|request| {
                let callback = write_if_admitted(&tx, &store, &request, guard, value, &refused);
                request.set_onsuccess(Some(callback.as_ref().unchecked_ref()));
                callbacks.push(callback);
            }),
            None => write(&store, key, value.as_deref()),
        };
        if let Err(error) = issued {
            let _ = tx.abort();
            return Err(fault_of(&error));
        }
    }
    // Sent now: the browser commits without waiting for this page's next task. Not while a
    // guarded write waits for its read: nothing more could be asked of the transaction.
    if callbacks.is_empty() {
        let _ = idb::Transaction::from(tx.clone()).commit();
    }
    Ok(Issued {
        tx,
        refused,
        _callbacks: callbacks,
    })
}

/// Puts `value` under `key`, or deletes the key for `None`.
fn write(store: &web_sys::IdbObjectStore, key: &str, value: Option<&str>) -> Result<(), JsValue> {
    let key = JsValue::from_str(key);
    match value {
        Some(text) => store.put_with_key(&JsValue::from_str(text), &key).map(drop),
        None => store.delete(&key).map(drop),
    }
}

/// The success callback of a guarded write's read: writes `value` under the key if `guard`
/// admits what `request` read, else under the backup key (a removal is then dropped), and
/// lists the key in `refused`. A write the store refuses aborts the transaction.
fn write_if_admitted(
    tx: &IdbTransaction,
    store: &web_sys::IdbObjectStore,
    request: &web_sys::IdbRequest,
    guard: &Guard,
    value: &Option<String>,
    refused: &Refused,
) -> Closure<dyn FnMut()> {
    let (tx, store, request) = (tx.clone(), store.clone(), request.clone());
    let (guard, value, refused) = (guard.clone(), value.clone(), Rc::clone(refused));
    Closure::new(move || {
        let held = request.result().ok().and_then(|text| text.as_string());
        let written = if guard.admits(held.as_deref()) {
            write(&store, &guard.key, value.as_deref())
        } else {
            refused.borrow_mut().push((guard.key.clone(), held));
            match &value {
                Some(text) => write(&store, &guard.backup, Some(text)),
                None => Ok(()),
            }
        };
        if written.is_err() {
            let _ = tx.abort();
        }
    })
}

/// Removes this tab's journal: every write it held is durable.
fn forget_journal(shared: &Shared) {
    if shared.journaled.replace(false) {
        let _ = LocalStore::new().remove(&shared.journal_key);
    }
}

/// Tells the other tabs which keys this batch made durable, with their text: a write a guard
/// refused went under its backup key, if anywhere.
fn broadcast(shared: &Shared, batch: &Batch, overtaken: &[Overtaken]) {
    let Some(channel) = &shared.channel else {
        return;
    };
    let message = js_sys::Array::new();
    for (key, value) in &batch.changes {
        let key = match overtaken.iter().find(|o| o.key == *key) {
            None => key,
            Some(refused) => match (&refused.backup, value) {
                (Some(backup), Some(_)) => backup,
                _ => continue,
            },
        };
        let pair = js_sys::Array::new();
        pair.push(&JsValue::from_str(key));
        pair.push(&value.as_deref().map_or(JsValue::NULL, JsValue::from_str));
        message.push(&pair);
    }
    let _ = channel.post_message(&message);
}

fn decode_message(data: &JsValue) -> Vec<ExternalWrite> {
    let Some(array) = data.dyn_ref::<js_sys::Array>() else {
        return Vec::new();
    };
    array
        .iter()
        .filter_map(|pair| {
            let pair = pair.dyn_into::<js_sys::Array>().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()))
        })
        .collect()
}

impl KeyValueStore for IndexedStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.shared.mirror.borrow().get(key)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.shared.mirror.borrow_mut().set(key, value)?;
        self.schedule();
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.shared.mirror.borrow_mut().remove(key)?;
        self.schedule();
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.shared.mirror.borrow().keys()
    }
}

/// Asks the browser once per page to keep this site's data under storage pressure
/// (`navigator.storage.persist()`); the answer is the browser's to give.
pub fn request_persistence() {
    thread_local! {
        static ASKED: RefCell<bool> = const { RefCell::new(false) };
    }
    if ASKED.with(|a| a.replace(true)) {
        return;
    }
    let Some(manager) = web_sys::window().map(|w| w.navigator().storage()) else {
        return;
    };
    if let Ok(promise) = manager.persist() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// Bytes this site uses and may use in all (`navigator.storage.estimate()`), when known.
pub async fn storage_estimate() -> Option<(f64, f64)> {
    let manager = web_sys::window()?.navigator().storage();
    let estimate = wasm_bindgen_futures::JsFuture::from(manager.estimate().ok()?)
        .await
        .ok()?;
    let number = |name: &str| {
        js_sys::Reflect::get(&estimate, &JsValue::from_str(name))
            .ok()?
            .as_f64()
    };
    Some((number("usage")?, number("quota")?))
}
