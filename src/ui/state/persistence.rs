//! Keeping the drafter's work: autosave to localStorage, the list of plans, the trash, and
//! what to say when storage fails. The rules live in [`crate::domain::storage`] (autosave's
//! in [`crate::domain::storage::autosave`]); this module holds the signals, the timer and the
//! page's events, and calls them. The components are in `ui/plans.rs`.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use crate::domain::file_format;
use crate::domain::library::TemplateSet;
use crate::domain::plan::Plan;
use crate::domain::storage::autosave::{save_delay, templates_not_stored, OVERTAKEN_NOTICE};
use crate::domain::storage::blob::plan_id_of;
use crate::domain::storage::reminder::{FileSaves, FILE_SAVES_SETTING};
use crate::domain::storage::{
    BackupInfo, Damaged, FlushFault, PlanShelf, PlanSummary, Reaction, SaveStatus, ShelfError,
    StartupProblem, TEMPLATES_KEY,
};
use crate::platform::indexed::Overtaken;
use crate::platform::{self, BrowserStore};
use crate::ui::{new_plan_id, next_year, EditorState};

/// A message about stored data, with the raw text's backup key when there is one.
#[derive(Clone, Debug, PartialEq)]
pub struct StorageNotice {
    pub id: u64,
    pub text: String,
    pub backup_key: Option<String>,
}

/// Handles to the stored plans; `Copy`, shared through [`EditorState::plans`].
#[derive(Clone, Copy)]
pub struct Persistence {
    shelf: StoredValue<PlanShelf<BrowserStore>, LocalStorage>,
    pub list: RwSignal<Vec<PlanSummary>>,
    pub trash: RwSignal<Vec<PlanSummary>>,
    /// The revision the open plan was last loaded or saved at.
    revision: StoredValue<u64>,
    /// The open plan as last written (rows are shared, so keeping it is cheap).
    saved: StoredValue<Option<Plan>>,
    pub status: RwSignal<SaveStatus>,
    pub notices: RwSignal<Vec<StorageNotice>>,
    /// The waiting save, and when the first change it waits to save was made
    /// (`performance_now`).
    timer: StoredValue<Option<(TimeoutHandle, f64)>, LocalStorage>,
    /// The drafter's own templates (saved from plans or imported from files). This in-memory
    /// copy is the one the app uses, even when storing it failed.
    pub user_templates: RwSignal<TemplateSet>,
    /// Whether to offer saving the open plan to a file (see [`FileSaves::due`]).
    pub file_reminder: RwSignal<bool>,
    /// "Tự động lưu vào tệp": the plan kept in a file the drafter picked, and the file's name.
    auto_file: StoredValue<Option<(String, wasm_bindgen::JsValue)>, LocalStorage>,
    pub auto_file_name: RwSignal<Option<String>>,
}

fn notice_text(problem: &StartupProblem) -> (String, Option<String>) {
    let backup = |d: &Damaged| d.backup_key.clone();
    match problem {
        StartupProblem::Unavailable(_) => (problem.to_string(), None),
        StartupProblem::IndexUnreadable { damaged, .. } => (problem.to_string(), backup(damaged)),
        StartupProblem::PlanUnreadable(damaged) | StartupProblem::SettingsUnreadable(damaged) => {
            (problem.to_string(), backup(damaged))
        }
    }
}

impl Persistence {
    /// Opens the stored plans and picks the plan to show: the last open one, else the most
    /// recent, else a new blank plan for next year.
    pub fn open() -> (Persistence, Plan) {
        let now = platform::now();
        let (store, prepared) = platform::take_prepared_store();
        let (mut shelf, problems) = PlanShelf::open(store, now);
        let mut notices: Vec<StorageNotice> = Vec::new();
        let mut say = |text: String, backup_key: Option<String>| {
            let id = notices.len() as u64 + 1;
            notices.push(StorageNotice {
                id,
                text,
                backup_key,
            });
        };
        for text in prepared {
            say(text, None);
        }
        for problem in &problems {
            let (text, backup) = notice_text(problem);
            say(text, backup);
        }
        let (user_templates, damaged) = shelf.user_templates();
        if let Some(damaged) = damaged {
            say(damaged.to_string(), damaged.backup_key.clone());
        }
        let mut candidates: Vec<String> =
            shelf.last_open().map(str::to_string).into_iter().collect();
        candidates.extend(shelf.list().iter().map(|s| s.id.clone()));
        let mut loaded = None;
        for id in candidates {
            match shelf.load(&id) {
                Ok(plan) => {
                    loaded = Some(plan);
                    break;
                }
                Err(ShelfError::Unreadable(damaged)) => {
                    say(damaged.to_string(), damaged.backup_key.clone())
                }
                Err(error) => say(error.to_string(), None),
            }
        }
        let mut status = SaveStatus::at_start(shelf.is_persistent());
        let (plan, revision, saved) = match loaded {
            Some(loaded) => {
                let plan = loaded.plan;
                (plan.clone(), loaded.revision, Some(plan))
            }
            None => {
                let plan = Plan::new(new_plan_id(), "", next_year());
                match shelf.create(&plan, now) {
                    Ok(revision) => (plan.clone(), revision, Some(plan)),
                    Err(ShelfError::Quota) => {
                        status = SaveStatus::Full;
                        (plan, 0, None)
                    }
                    Err(error) => {
                        say(error.to_string(), None);
                        (plan, 0, None)
                    }
                }
            }
        };
        let _ = shelf.set_last_open(Some(&plan.id));
        let persistence = Persistence {
            list: RwSignal::new(shelf.list().to_vec()),
            trash: RwSignal::new(shelf.trash().to_vec()),
            shelf: StoredValue::new_local(shelf),
            revision: StoredValue::new(revision),
            saved: StoredValue::new(saved),
            status: RwSignal::new(status),
            notices: RwSignal::new(notices),
            timer: StoredValue::new_local(None),
            user_templates: RwSignal::new(user_templates),
            file_reminder: RwSignal::new(false),
            auto_file: StoredValue::new_local(None),
            auto_file_name: RwSignal::new(None),
        };
        (persistence, plan)
    }

    /// Replaces the drafter's own templates and stores them (see
    /// [`Persistence::update_user_templates`]).
    pub fn set_user_templates(&self, state: EditorState, set: TemplateSet) -> bool {
        self.update_user_templates(state, move |old| *old = set)
    }

    /// Changes the drafter's own templates in place, then stores them. The in-memory copy
    /// changes whatever happens; on a storage error the drafter is told and `false` returned.
    pub fn update_user_templates(
        &self,
        state: EditorState,
        change: impl FnOnce(&mut TemplateSet),
    ) -> bool {
        self.user_templates.update(change);
        let stored = self
            .user_templates
            .with_untracked(|set| self.with_shelf(|shelf| shelf.set_user_templates(set)));
        match stored {
            Ok(()) => true,
            Err(error) => {
                state.say(templates_not_stored(&error), true);
                false
            }
        }
    }

    /// Reads the drafter's own templates again from storage (another tab changed them).
    fn reload_user_templates(&self) {
        let (set, damaged) = self.with_shelf(|shelf| shelf.user_templates());
        if let Some(damaged) = damaged {
            self.add_notice(damaged.to_string(), damaged.backup_key.clone());
        }
        self.user_templates.set(set);
    }

    /// Whether a stored plan (listed or in the trash) has this id.
    pub fn has_plan(&self, id: &str) -> bool {
        self.list.with_untracked(|l| l.iter().any(|s| s.id == id))
            || self.trash.with_untracked(|t| t.iter().any(|s| s.id == id))
    }

    /// Saves after every change (debounced) and at once when the page is hidden or closed;
    /// listens to other tabs; keeps the drafter's settings.
    pub fn start(self, state: EditorState) {
        state
            .words_style
            .set(self.shelf.with_value(|shelf| shelf.settings().words_style));
        Effect::new(move |_| {
            let style = state.words_style.get();
            let mut settings = self.shelf.with_value(|shelf| shelf.settings().clone());
            if settings.words_style != style {
                settings.words_style = style;
                if let Err(error) = self.with_shelf(|shelf| shelf.set_settings(settings)) {
                    state.say(error.to_string(), true);
                }
            }
        });
        Effect::new(move |_| {
            let changed =
                state.track_plan(|e| self.saved.with_value(|saved| saved.as_ref() != Some(e)));
            if changed {
                self.schedule(state);
            }
        });
        let flush = move || self.flush(state);
        let hidden = window_event_listener(ev::visibilitychange, move |_| {
            if platform::page_hidden() {
                flush();
            }
        });
        let closing = window_event_listener(ev::pagehide, move |_| flush());
        let other_tab = window_event_listener(ev::storage, move |event| {
            self.on_external_write(state, event.key(), event.new_value())
        });
        self.listen_to_durable_store(state);
        self.check_file_reminder(state);
        // The app lives as long as the page: these listeners are never removed.
        std::mem::forget((hidden, closing, other_tab));
    }

    /// Saves a pending change at once and issues the IndexedDB write before the page goes
    /// (hidden, closed, or reloaded for a new version), with a synchronous journal of it
    /// ([`crate::platform::indexed::IndexedStore::leave`]).
    pub fn flush(self, state: EditorState) {
        if self.status.get_untracked() == SaveStatus::Pending {
            self.save_now(state, false);
        }
        self.with_shelf(|shelf| {
            if let Some(durable) = shelf.backing_store().and_then(BrowserStore::indexed) {
                durable.leave();
            }
        });
    }

    /// Whether every saved change is durable (always, where IndexedDB is not the store).
    pub fn is_settled(&self) -> bool {
        self.with_shelf(|shelf| {
            shelf
                .backing_store()
                .and_then(BrowserStore::indexed)
                .is_none_or(|durable| durable.is_settled())
        })
    }

    /// Keeps a setting of the drafter's in the stored settings under `key`: loads it now,
    /// saves it whenever it changes.
    pub fn keep_setting<T>(self, state: EditorState, key: &'static str, signal: RwSignal<T>)
    where
        T: serde::Serialize
            + serde::de::DeserializeOwned
            + PartialEq
            + Clone
            + Send
            + Sync
            + 'static,
    {
        if let Some(value) = self
            .setting(key)
            .and_then(|v| serde_json::from_value::<T>(v).ok())
        {
            signal.set(value);
        }
        Effect::new(move |_| {
            let Ok(value) = serde_json::to_value(signal.get()) else {
                return;
            };
            if let Err(error) = self.set_setting(key, Some(value)) {
                state.say(error, true);
            }
        });
    }

    /// A stored setting of another part of the app (kept in `Settings::other`).
    pub fn setting(&self, key: &str) -> Option<serde_json::Value> {
        self.shelf
            .with_value(|shelf| shelf.settings().other.get(key).cloned())
    }

    /// Stores (or with `None` removes) a setting kept in `Settings::other`.
    ///
    /// # Errors
    ///
    /// The Vietnamese message of the storage error when the settings cannot be written.
    pub fn set_setting(&self, key: &str, value: Option<serde_json::Value>) -> Result<(), String> {
        let mut settings = self.shelf.with_value(|shelf| shelf.settings().clone());
        let changed = match value {
            Some(value) => settings.other.insert(key.to_string(), value.clone()) != Some(value),
            None => settings.other.remove(key).is_some(),
        };
        if !changed {
            return Ok(());
        }
        self.with_shelf(|shelf| shelf.set_settings(settings))
            .map_err(|e| e.to_string())
    }

    fn with_shelf<R>(&self, f: impl FnOnce(&mut PlanShelf<BrowserStore>) -> R) -> R {
        self.shelf
            .try_update_value(f)
            .expect("the shelf lives as long as the app")
    }

    fn refresh_list(&self) {
        let (list, trash) = self
            .shelf
            .with_value(|s| (s.list().to_vec(), s.trash().to_vec()));
        self.list.set(list);
        self.trash.set(trash);
    }

    /// Cancels the waiting save; returns since when it was waiting.
    fn cancel_timer(&self) -> Option<f64> {
        let (handle, since) = self.timer.try_update_value(Option::take).flatten()?;
        handle.clear();
        Some(since)
    }

    fn schedule(&self, state: EditorState) {
        let now = platform::performance_now();
        let since = self.cancel_timer().unwrap_or(now);
        let Some(waiting) = self.status.with_untracked(SaveStatus::after_change) else {
            return;
        };
        if self.status.get_untracked() != waiting {
            self.status.set(waiting);
        }
        let this = *self;
        let delay = Duration::from_millis(save_delay(since, now));
        let handle = set_timeout_with_handle(move || this.save_now(state, false), delay).ok();
        self.timer.set_value(handle.map(|handle| (handle, since)));
    }

    /// Writes the open plan now. `force` overwrites a newer save from another tab.
    pub fn save_now(&self, state: EditorState, force: bool) {
        self.cancel_timer();
        if !self.status.with_untracked(|status| status.may_save(force)) {
            return;
        }
        let plan = state.read_plan(|e| e.clone());
        let base = self.revision.get_value();
        let now = platform::now();
        let result = self.with_shelf(|shelf| match shelf.save(&plan, base, now, force) {
            Err(ShelfError::NotFound { .. }) => shelf.create(&plan, now),
            other => other,
        });
        let (status, revision) = SaveStatus::after_save(result);
        if revision.is_some() {
            platform::request_persistence();
        }
        if let Some(revision) = revision {
            self.write_auto_file(state, &plan);
            self.revision.set_value(revision);
            self.saved.set_value(Some(plan));
        }
        self.status.set(status);
        if revision.is_some() {
            self.refresh_list();
            self.check_file_reminder(state);
        }
    }

    /// "Tự động lưu vào tệp": asks for a file, writes the open plan to it now and after each
    /// autosave from then on (while this plan stays open).
    pub fn start_auto_file(&self, state: EditorState) {
        let this = *self;
        let (id, name, text) = state.read_plan(|e| {
            (
                e.id.clone(),
                file_format::plan_file_name(e),
                file_format::write_plan(e),
            )
        });
        leptos::task::spawn_local(async move {
            let (handle, file_name) = match platform::file_access::pick_file(&name).await {
                Ok(picked) => picked,
                Err(error) => {
                    state.say(format!("Chưa chọn được tệp để tự động lưu: {error}"), true);
                    return;
                }
            };
            match platform::file_access::write_file(&handle, &text).await {
                Ok(()) => {
                    this.auto_file.set_value(Some((id, handle)));
                    this.auto_file_name.set(Some(file_name.clone()));
                    this.file_saved(state);
                    state.say(
                        format!("Kế hoạch sẽ được tự động lưu vào tệp “{file_name}”."),
                        false,
                    );
                }
                Err(error) => state.say(format!("Không ghi được vào tệp: {error}"), true),
            }
        });
    }

    /// Stops writing the picked file.
    pub fn stop_auto_file(&self) {
        self.auto_file.set_value(None);
        self.auto_file_name.set(None);
    }

    fn write_auto_file(&self, state: EditorState, plan: &Plan) {
        let handle = self.auto_file.with_value(|file| match file {
            Some((id, handle)) if *id == plan.id => Some(handle.clone()),
            _ => None,
        });
        let Some(handle) = handle else {
            if self.auto_file_name.get_untracked().is_some() {
                // Another plan is open now: its file is not this one's.
                self.stop_auto_file();
            }
            return;
        };
        let text = file_format::write_plan(plan);
        let this = *self;
        leptos::task::spawn_local(async move {
            match platform::file_access::write_file(&handle, &text).await {
                Ok(()) => this.file_saved(state),
                Err(error) => {
                    this.stop_auto_file();
                    state.say(format!("Đã ngừng tự động lưu vào tệp: {error}"), true);
                }
            }
        });
    }

    fn file_saves(&self) -> FileSaves {
        self.setting(FILE_SAVES_SETTING)
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default()
    }

    fn store_file_saves(&self, saves: &FileSaves) {
        if let Ok(value) = serde_json::to_value(saves) {
            // Best effort: without it the reminder counts from the next start.
            let _ = self.set_setting(FILE_SAVES_SETTING, Some(value));
        }
    }

    /// Decides whether to remind the drafter to save the open plan to a file.
    pub fn check_file_reminder(&self, state: EditorState) {
        let id = state.read_plan(|e| e.id.clone());
        let Some(changed_at) = self
            .list
            .with_untracked(|list| list.iter().find(|s| s.id == id).map(|s| s.changed_at))
        else {
            return;
        };
        let now = platform::now();
        let mut saves = self.file_saves();
        let mut changed = saves.seen(&id, now);
        changed |= self.list.with_untracked(|list| {
            self.trash.with_untracked(|trash| {
                saves.keep_only(list.iter().chain(trash).map(|s| s.id.as_str()))
            })
        });
        if changed {
            self.store_file_saves(&saves);
        }
        let due = saves.due(&id, changed_at, now);
        if self.file_reminder.get_untracked() != due {
            self.file_reminder.set(due);
        }
    }

    /// The open plan was saved to a file ("Lưu tệp kế hoạch"): the reminder rests a week.
    pub fn file_saved(&self, state: EditorState) {
        let id = state.read_plan(|e| e.id.clone());
        let mut saves = self.file_saves();
        saves.saved(&id, platform::now());
        self.store_file_saves(&saves);
        self.file_reminder.set(false);
    }

    /// IndexedDB: a failed flush is said (the data stays in the page and is written again
    /// on the next change); other tabs' writes arrive as `storage` events do.
    fn listen_to_durable_store(self, state: EditorState) {
        let Some(durable) = self.shelf.with_value(|shelf| {
            shelf
                .backing_store()
                .and_then(BrowserStore::indexed)
                .cloned()
        }) else {
            return;
        };
        durable.on_fault(move |fault| match fault {
            Some(fault) => self.status.set(SaveStatus::Failed(fault.to_string())),
            None => {
                if matches!(self.status.get_untracked(), SaveStatus::Failed(_)) {
                    self.status.set(SaveStatus::Saved);
                }
            }
        });
        durable.on_external(move |(key, value)| self.on_external_write(state, Some(key), value));
        durable.on_overtaken(move |overtaken| self.on_overtaken(state, overtaken));
    }

    /// This tab's write of a plan was refused for another tab's newer save: the open plan stops
    /// autosaving as for any newer save, and the drafter is told where this tab's text is.
    fn on_overtaken(&self, state: EditorState, overtaken: Overtaken) {
        let open_id = state.read_plan(|e| e.id.clone());
        if plan_id_of(&overtaken.key) == Some(open_id.as_str()) {
            self.react(state, SaveStatus::overtaken(overtaken.held.as_deref()));
        }
        if let Some(backup) = overtaken.backup {
            self.add_notice(OVERTAKEN_NOTICE.to_string(), Some(backup));
        }
        self.refresh_list();
    }

    fn on_external_write(&self, state: EditorState, key: Option<String>, value: Option<String>) {
        if key.as_deref() == Some(TEMPLATES_KEY) {
            self.reload_user_templates();
            return;
        }
        let open_id = state.read_plan(|e| e.id.clone());
        let revision = self.revision.get_value();
        let change = self.with_shelf(|shelf| {
            shelf.on_external_change(key.as_deref(), value.as_deref(), Some((&open_id, revision)))
        });
        self.react(state, SaveStatus::react(&change, revision));
        self.refresh_list();
    }

    /// Does what another tab's write asks of the open plan.
    fn react(&self, state: EditorState, reaction: Reaction) {
        match reaction {
            Reaction::Stop(status) => {
                self.cancel_timer();
                self.status.set(status);
            }
            Reaction::SaveAgain => {
                self.status.set(SaveStatus::Pending);
                self.save_now(state, true);
            }
            Reaction::Nothing => {}
        }
    }

    /// Shows a stored plan in the editor (after saving the one on screen).
    pub fn open_plan(&self, state: EditorState, id: &str) {
        if self.status.get_untracked() == SaveStatus::Pending {
            self.save_now(state, false);
        }
        match self.with_shelf(|shelf| shelf.load(id)) {
            Ok(loaded) => {
                self.revision.set_value(loaded.revision);
                self.saved.set_value(Some(loaded.plan.clone()));
                let _ = self.with_shelf(|shelf| shelf.set_last_open(Some(id)));
                if self.status.get_untracked() != SaveStatus::SessionOnly {
                    self.status.set(SaveStatus::Saved);
                }
                state.open(loaded.plan);
                self.check_file_reminder(state);
                state.say("Đã mở kế hoạch.", false);
            }
            Err(ShelfError::Unreadable(damaged)) => {
                self.add_notice(damaged.to_string(), damaged.backup_key.clone());
                self.refresh_list();
            }
            Err(error) => state.say(error.to_string(), true),
        }
    }

    /// Stores a new plan and opens it; the plan on screen stays in the list.
    pub fn create_and_open(&self, state: EditorState, plan: Plan) {
        if self.status.get_untracked() == SaveStatus::Pending {
            self.save_now(state, false);
        }
        let created = self.with_shelf(|shelf| shelf.create(&plan, platform::now()));
        match created {
            Ok(revision) => {
                platform::request_persistence();
                self.revision.set_value(revision);
                self.saved.set_value(Some(plan.clone()));
                let _ = self.with_shelf(|shelf| shelf.set_last_open(Some(&plan.id)));
                if self.status.get_untracked() != SaveStatus::SessionOnly {
                    self.status.set(SaveStatus::Saved);
                }
            }
            Err(ShelfError::Quota) => {
                self.revision.set_value(0);
                self.saved.set_value(None);
                self.status.set(SaveStatus::Full);
            }
            Err(error) => {
                self.saved.set_value(None);
                state.say(error.to_string(), true);
            }
        }
        self.refresh_list();
        state.open(plan);
    }

    /// Adds a notice unless the same text is already shown (a problem found again on every
    /// rebuild is said once).
    pub fn add_notice_once(&self, text: String) {
        if !self
            .notices
            .with_untracked(|list| list.iter().any(|n| n.text == text))
        {
            self.add_notice(text, None);
        }
    }

    pub fn add_notice(&self, text: String, backup_key: Option<String>) {
        self.notices.update(|list| {
            let id = list.iter().map(|n| n.id).max().unwrap_or(0) + 1;
            list.push(StorageNotice {
                id,
                text,
                backup_key,
            });
        });
    }

    /// The newer version saved by another tab replaces what is on screen.
    pub fn take_theirs(&self, state: EditorState) {
        let id = state.read_plan(|e| e.id.clone());
        self.status.set(SaveStatus::Saved);
        self.open_plan(state, &id);
    }

    pub fn delete(&self, state: EditorState, id: &str) {
        let now = platform::now();
        if let Err(error) = self.with_shelf(|shelf| shelf.delete(id, now)) {
            state.say(error.to_string(), true);
            return;
        }
        self.refresh_list();
        let open_id = state.read_plan(|e| e.id.clone());
        if open_id == id {
            let next = self
                .list
                .with_untracked(|list| list.first().map(|s| s.id.clone()));
            self.saved.set_value(None);
            self.status.set(SaveStatus::Saved);
            match next {
                Some(next) => self.open_plan(state, &next),
                None => self.create_and_open(state, Plan::new(new_plan_id(), "", next_year())),
            }
        }
        state.say(
            "Đã chuyển kế hoạch vào thùng rác (khôi phục được trong 30 ngày).",
            false,
        );
    }

    pub fn restore(&self, state: EditorState, id: &str) {
        match self.with_shelf(|shelf| shelf.restore(id)) {
            Ok(()) => state.say("Đã khôi phục kế hoạch.", false),
            Err(error) => state.say(error.to_string(), true),
        }
        self.refresh_list();
    }

    pub fn duplicate(&self, state: EditorState, id: &str) {
        if self.status.get_untracked() == SaveStatus::Pending {
            self.save_now(state, false);
        }
        match self.with_shelf(|shelf| shelf.duplicate(id, &new_plan_id(), platform::now())) {
            Ok(_) => state.say("Đã nhân bản kế hoạch.", false),
            Err(error) => state.say(error.to_string(), true),
        }
        self.refresh_list();
    }

    pub fn rename(&self, state: EditorState, id: &str, title: String) {
        let open_id = state.read_plan(|e| e.id.clone());
        if open_id == id {
            state.edit(None, move |p| {
                let changed = p.title != title;
                p.title = title;
                changed
            });
            return;
        }
        if let Err(error) = self.with_shelf(|shelf| shelf.rename(id, &title, platform::now())) {
            state.say(error.to_string(), true);
        }
        self.refresh_list();
    }

    pub fn empty_trash(&self, state: EditorState) {
        match self.with_shelf(|shelf| shelf.empty_trash()) {
            Ok(count) => state.say(
                format!("Đã xóa vĩnh viễn {count} kế hoạch trong thùng rác."),
                false,
            ),
            Err(error) => state.say(error.to_string(), true),
        }
        self.refresh_list();
    }

    /// The backups of unreadable data ("Bản sao lưu"), newest first, with their size in bytes
    /// (UTF-8).
    ///
    /// # Errors
    ///
    /// The Vietnamese message of the storage error when the store cannot be read.
    pub fn backups(&self) -> Result<Vec<(BackupInfo, usize)>, String> {
        self.shelf.with_value(|shelf| {
            let list = shelf.backups().map_err(|e| e.to_string())?;
            Ok(list
                .into_iter()
                .map(|info| {
                    let size = shelf
                        .backup_text(&info.key)
                        .ok()
                        .flatten()
                        .map_or(0, |t| t.len());
                    (info, size)
                })
                .collect())
        })
    }

    /// Deletes a backup for good (the drafter confirmed).
    ///
    /// # Errors
    ///
    /// The Vietnamese message of the storage error.
    pub fn remove_backup(&self, key: &str) -> Result<(), String> {
        self.with_shelf(|shelf| shelf.remove_backup(key))
            .map_err(|e| e.to_string())
    }

    /// Whether the plans are kept in IndexedDB (else in localStorage).
    pub fn in_indexed_db(&self) -> bool {
        self.shelf.with_value(|shelf| {
            shelf
                .backing_store()
                .and_then(BrowserStore::indexed)
                .is_some()
        })
    }

    /// Test hooks only: makes the IndexedDB writes fail with `fault` (`None`: stop); false
    /// when the plans are not in IndexedDB.
    pub fn inject_storage_fault(&self, fault: Option<FlushFault>) -> bool {
        self.shelf.with_value(
            |shelf| match shelf.backing_store().and_then(BrowserStore::indexed) {
                Some(durable) => {
                    durable.inject_fault(fault);
                    true
                }
                None => false,
            },
        )
    }

    /// Offers the raw text kept under a backup key as a downloaded file.
    ///
    /// # Errors
    ///
    /// A Vietnamese message when the backup cannot be read, is gone, or the download fails.
    pub fn download_backup(&self, key: &str) -> Result<(), String> {
        let text = self
            .shelf
            .with_value(|shelf| shelf.backup_text(key))
            .map_err(|e| e.to_string())?;
        let text = text.ok_or("Không còn bản sao lưu này trong trình duyệt.")?;
        let name = format!("{}.json", key.replace(['.', ':', '/'], "-"));
        platform::download_text(&name, "application/json", &text)
    }
}
