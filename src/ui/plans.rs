//! Keeping the drafter's work: autosave to localStorage, the list of plans, the trash, and
//! what to say when storage fails. The rules live in [`crate::domain::storage`]; this module
//! decides *when* to call them and shows their messages.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use super::{new_plan_id, next_year, EditorState};
use crate::browser::{self, LocalStore};
use crate::domain::file_format;
use crate::domain::library::TemplateSet;
use crate::domain::plan::Plan;
use crate::domain::storage::{
    Damaged, ExternalChange, PlanShelf, PlanSummary, ShelfError, StartupProblem, TEMPLATES_KEY,
    TRASH_KEEP_MS,
};

/// Autosave waits this long after the last change (the issue allows at most 500 ms).
const SAVE_DELAY: Duration = Duration::from_millis(300);

/// Where the open plan stands with respect to storage.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Saved,
    Pending,
    /// The store is full: edits stay in memory; the next change tries again.
    Full,
    /// Another tab saved a newer revision; saving waits for the drafter's choice.
    Conflict {
        stored_revision: u64,
    },
    /// The open plan was moved to the trash in another tab.
    Trashed,
    Failed(String),
    /// No storage at all: nothing outlives the page.
    SessionOnly,
}

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
    shelf: StoredValue<PlanShelf<LocalStore>, LocalStorage>,
    pub list: RwSignal<Vec<PlanSummary>>,
    pub trash: RwSignal<Vec<PlanSummary>>,
    /// The revision the open plan was last loaded or saved at.
    revision: StoredValue<u64>,
    /// The open plan as last written (rows are shared, so keeping it is cheap).
    saved: StoredValue<Option<Plan>>,
    pub status: RwSignal<SaveStatus>,
    pub notices: RwSignal<Vec<StorageNotice>>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    /// The drafter's own templates (saved from plans or imported from files). This in-memory
    /// copy is the one the app uses, even when storing it failed.
    pub user_templates: RwSignal<TemplateSet>,
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
        let now = browser::now();
        let (mut shelf, problems) = PlanShelf::open(LocalStore::new(), now);
        let mut notices: Vec<StorageNotice> = Vec::new();
        let mut say = |text: String, backup_key: Option<String>| {
            let id = notices.len() as u64 + 1;
            notices.push(StorageNotice {
                id,
                text,
                backup_key,
            });
        };
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
        let mut status = if shelf.is_persistent() {
            SaveStatus::Saved
        } else {
            SaveStatus::SessionOnly
        };
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
                let why = match error {
                    ShelfError::Quota => "bộ nhớ của trình duyệt đã đầy".to_string(),
                    other => other.to_string(),
                };
                state.say(
                    format!(
                        "Chưa lưu được thư viện mẫu của bạn vào trình duyệt ({why}). Các mẫu vẫn dùng được đến khi đóng trang: hãy bấm “Xuất thư viện” để giữ chúng trong một tệp."
                    ),
                    true,
                );
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
            let changed = state.editor.with(|e| {
                self.saved
                    .with_value(|saved| saved.as_ref() != Some(e.plan()))
            });
            if changed {
                self.schedule(state);
            }
        });
        let flush = move || {
            if self.status.get_untracked() == SaveStatus::Pending {
                self.save_now(state, false);
            }
        };
        let hidden = window_event_listener(ev::visibilitychange, move |_| {
            if browser::page_hidden() {
                flush();
            }
        });
        let closing = window_event_listener(ev::pagehide, move |_| flush());
        let other_tab = window_event_listener(ev::storage, move |event| {
            self.on_storage_event(state, &event)
        });
        // The app lives as long as the page: these listeners are never removed.
        std::mem::forget((hidden, closing, other_tab));
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

    fn with_shelf<R>(&self, f: impl FnOnce(&mut PlanShelf<LocalStore>) -> R) -> R {
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

    fn cancel_timer(&self) {
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }

    fn schedule(&self, state: EditorState) {
        self.cancel_timer();
        match self.status.get_untracked() {
            SaveStatus::Conflict { .. } | SaveStatus::Trashed | SaveStatus::SessionOnly => return,
            SaveStatus::Pending => {}
            _ => self.status.set(SaveStatus::Pending),
        }
        let this = *self;
        let handle = set_timeout_with_handle(move || this.save_now(state, false), SAVE_DELAY).ok();
        self.timer.set_value(handle);
    }

    /// Writes the open plan now. `force` overwrites a newer save from another tab.
    pub fn save_now(&self, state: EditorState, force: bool) {
        self.cancel_timer();
        let status = self.status.get_untracked();
        if status == SaveStatus::SessionOnly
            || (!force && matches!(status, SaveStatus::Conflict { .. } | SaveStatus::Trashed))
        {
            return;
        }
        let plan = state.editor.with_untracked(|e| e.plan().clone());
        let base = self.revision.get_value();
        let now = browser::now();
        let result = self.with_shelf(|shelf| match shelf.save(&plan, base, now, force) {
            Err(ShelfError::NotFound { .. }) => shelf.create(&plan, now),
            other => other,
        });
        match result {
            Ok(revision) => {
                self.revision.set_value(revision);
                self.saved.set_value(Some(plan));
                self.status.set(SaveStatus::Saved);
                self.refresh_list();
            }
            Err(ShelfError::Quota) => self.status.set(SaveStatus::Full),
            Err(ShelfError::Conflict {
                stored_revision, ..
            }) => self.status.set(SaveStatus::Conflict { stored_revision }),
            Err(ShelfError::InTrash { .. }) => self.status.set(SaveStatus::Trashed),
            Err(error) => self.status.set(SaveStatus::Failed(error.to_string())),
        }
    }

    fn on_storage_event(&self, state: EditorState, event: &web_sys::StorageEvent) {
        if event.key().as_deref() == Some(TEMPLATES_KEY) {
            self.reload_user_templates();
            return;
        }
        let open_id = state.editor.with_untracked(|e| e.plan().id.clone());
        let revision = self.revision.get_value();
        let change = self.with_shelf(|shelf| {
            shelf.on_external_change(
                event.key().as_deref(),
                event.new_value().as_deref(),
                Some((&open_id, revision)),
            )
        });
        match change {
            ExternalChange::OpenPlanChanged {
                revision: stored_revision,
                ..
            } if stored_revision > revision => {
                self.cancel_timer();
                self.status.set(SaveStatus::Conflict { stored_revision });
            }
            ExternalChange::OpenPlanUnreadable { problem, .. } => {
                self.cancel_timer();
                self.status.set(SaveStatus::Failed(format!(
                    "Kế hoạch đang mở vừa được lưu ở thẻ khác nhưng {problem}."
                )));
            }
            ExternalChange::OpenPlanTrashed { .. } => {
                self.cancel_timer();
                self.status.set(SaveStatus::Trashed);
            }
            ExternalChange::OpenPlanRemoved { .. } | ExternalChange::Cleared => {
                // Nothing of this plan is stored any more: keep it by saving it again.
                self.status.set(SaveStatus::Pending);
                self.save_now(state, true);
            }
            _ => {}
        }
        self.refresh_list();
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
        let created = self.with_shelf(|shelf| shelf.create(&plan, browser::now()));
        match created {
            Ok(revision) => {
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

    fn add_notice(&self, text: String, backup_key: Option<String>) {
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
    fn take_theirs(&self, state: EditorState) {
        let id = state.editor.with_untracked(|e| e.plan().id.clone());
        self.status.set(SaveStatus::Saved);
        self.open_plan(state, &id);
    }

    fn delete(&self, state: EditorState, id: &str) {
        let now = browser::now();
        if let Err(error) = self.with_shelf(|shelf| shelf.delete(id, now)) {
            state.say(error.to_string(), true);
            return;
        }
        self.refresh_list();
        let open_id = state.editor.with_untracked(|e| e.plan().id.clone());
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

    fn restore(&self, state: EditorState, id: &str) {
        match self.with_shelf(|shelf| shelf.restore(id)) {
            Ok(()) => state.say("Đã khôi phục kế hoạch.", false),
            Err(error) => state.say(error.to_string(), true),
        }
        self.refresh_list();
    }

    fn duplicate(&self, state: EditorState, id: &str) {
        if self.status.get_untracked() == SaveStatus::Pending {
            self.save_now(state, false);
        }
        match self.with_shelf(|shelf| shelf.duplicate(id, &new_plan_id(), browser::now())) {
            Ok(_) => state.say("Đã nhân bản kế hoạch.", false),
            Err(error) => state.say(error.to_string(), true),
        }
        self.refresh_list();
    }

    fn rename(&self, state: EditorState, id: &str, title: String) {
        let open_id = state.editor.with_untracked(|e| e.plan().id.clone());
        if open_id == id {
            state.edit(None, move |p| {
                let changed = p.title != title;
                p.title = title;
                changed
            });
            return;
        }
        if let Err(error) = self.with_shelf(|shelf| shelf.rename(id, &title, browser::now())) {
            state.say(error.to_string(), true);
        }
        self.refresh_list();
    }

    fn empty_trash(&self, state: EditorState) {
        match self.with_shelf(|shelf| shelf.empty_trash()) {
            Ok(count) => state.say(
                format!("Đã xóa vĩnh viễn {count} kế hoạch trong thùng rác."),
                false,
            ),
            Err(error) => state.say(error.to_string(), true),
        }
        self.refresh_list();
    }

    fn download_backup(&self, key: &str) -> Result<(), String> {
        let text = self
            .shelf
            .with_value(|shelf| shelf.backup_text(key))
            .map_err(|e| e.to_string())?;
        let text = text.ok_or("Không còn bản sao lưu này trong trình duyệt.")?;
        let name = format!("{}.json", key.replace(['.', ':', '/'], "-"));
        browser::download_text(&name, "application/json", &text)
    }
}

/// Downloads the plan on screen as a plan file: the way out when storage fails.
fn download_open_plan(state: EditorState) {
    let (name, text) = state.editor.with_untracked(|e| {
        (
            file_format::plan_file_name(e.plan()),
            file_format::write_plan(e.plan()),
        )
    });
    if let Err(error) = browser::download_text(&name, "application/json", &text) {
        state.say(format!("Không tải được tệp: {error}"), true);
    }
}

/// The save status line and the storage warnings, with what the drafter can do about them.
#[component]
pub fn StorageStatus() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let plans = state.plans;
    let status_text = move || {
        match plans.status.get() {
        SaveStatus::Saved => "Đã lưu trong trình duyệt.".to_string(),
        SaveStatus::Pending => "Đang lưu…".to_string(),
        SaveStatus::SessionOnly => "Không lưu được: trình duyệt chặn bộ nhớ cục bộ. Hãy tải kế hoạch về máy trước khi đóng trang.".to_string(),
        _ => String::new(),
    }
    };
    let problem = move || {
        let text = match plans.status.get() {
            SaveStatus::Full => "Bộ nhớ của trình duyệt đã đầy: thay đổi mới nhất CHƯA được lưu, nhưng vẫn còn trên màn hình và bạn có thể tiếp tục sửa. Hãy tải kế hoạch về máy ngay; ứng dụng sẽ thử lưu lại sau thay đổi tiếp theo. Xóa bớt kế hoạch cũ trong thùng rác để có thêm chỗ.".to_string(),
            SaveStatus::Conflict { stored_revision } => format!("Kế hoạch này vừa được lưu ở một thẻ hoặc cửa sổ khác (phiên bản {stored_revision}), mới hơn bản trên màn hình. Để không ghi đè mất bản đó, việc tự động lưu ở đây đã dừng."),
            SaveStatus::Trashed => "Kế hoạch đang mở vừa bị chuyển vào thùng rác ở một thẻ khác. Việc tự động lưu ở đây đã dừng.".to_string(),
            SaveStatus::Failed(text) => format!("Chưa lưu được: {text}"),
            _ => return None,
        };
        Some(text)
    };
    let conflict = move || matches!(plans.status.get(), SaveStatus::Conflict { .. });
    let trashed = move || plans.status.get() == SaveStatus::Trashed;
    view! {
        <p class="save-status" role="status" aria-live="polite">{status_text}</p>
        {move || problem().map(|text| view! {
            <div class="storage-problem" role="alert">
                <p>{text}</p>
                <div class="actions">
                    <button type="button" on:click=move |_| download_open_plan(state)>"Tải kế hoạch về máy"</button>
                    <Show when=conflict>
                        <button type="button" on:click=move |_| plans.take_theirs(state)>"Mở bản mới hơn"</button>
                        <button type="button" on:click=move |_| plans.save_now(state, true)>"Ghi đè bằng bản trên màn hình"</button>
                    </Show>
                    <Show when=trashed>
                        <button type="button" on:click=move |_| {
                            let id = state.editor.with_untracked(|e| e.plan().id.clone());
                            plans.restore(state, &id);
                            plans.status.set(SaveStatus::Pending);
                            plans.save_now(state, false);
                        }>"Khôi phục và tiếp tục lưu"</button>
                    </Show>
                </div>
            </div>
        })}
        <For each=move || plans.notices.get() key=|n| n.id let(notice)>
            <div class="storage-problem" role="alert">
                <p>{notice.text.clone()}</p>
                <div class="actions">
                    {notice.backup_key.clone().map(|key| view! {
                        <button type="button" on:click=move |_| {
                            if let Err(error) = plans.download_backup(&key) {
                                state.say(error, true);
                            }
                        }>"Tải bản gốc về máy"</button>
                    })}
                    <button type="button" on:click=move |_| plans.notices.update(|list| list.retain(|n| n.id != notice.id))>"Đã hiểu"</button>
                </div>
            </div>
        </For>
    }
}

/// "Danh sách kế hoạch": every stored plan, and the trash.
#[component]
pub fn PlanList() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let plans = state.plans;
    let shown = RwSignal::new(false);
    let open_id = move || state.editor.with(|e| e.plan().id.clone());
    view! {
        <section class="plan-list" aria-label="Danh sách kế hoạch">
            <button type="button" class="toggle" aria-expanded=move || shown.get().to_string()
                on:click=move |_| shown.update(|s| *s = !*s)>
                {move || format!("Danh sách kế hoạch ({})", plans.list.with(Vec::len))}
            </button>
            <Show when=move || shown.get()>
                <table class="plans">
                    <thead><tr>
                        <th scope="col">"Tên kế hoạch"</th><th scope="col">"Tỉnh, thành phố"</th>
                        <th scope="col">"Năm"</th><th scope="col">"Sửa lần cuối"</th><th scope="col">"Thao tác"</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || plans.list.get() key=|s| (s.id.clone(), s.title.clone(), s.changed_at.to_bits()) let(summary)>
                            <PlanRow is_open=Signal::derive({
                                let id = summary.id.clone();
                                move || open_id() == id
                            }) summary/>
                        </For>
                    </tbody>
                </table>
                <TrashList/>
            </Show>
        </section>
    }
}

#[component]
fn PlanRow(summary: PlanSummary, is_open: Signal<bool>) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let plans = state.plans;
    let renaming = RwSignal::new(None::<String>);
    let id = StoredValue::new(summary.id.clone());
    let title = summary.title.clone();
    view! {
        <tr class:open=is_open>
            <td>
                {move || match renaming.get() {
                    Some(text) => view! {
                        <input type="text" aria-label="Tên mới" prop:value=text
                            on:input=move |ev| renaming.set(Some(event_target_value(&ev)))
                            on:keydown=move |ev| if ev.key() == "Enter" {
                                if let Some(text) = renaming.get_untracked() {
                                    plans.rename(state, &id.get_value(), text);
                                }
                                renaming.set(None);
                            }/>
                    }.into_any(),
                    None => view! { <span>{title.clone()}</span> }.into_any(),
                }}
            </td>
            <td>{summary.province.clone()}</td>
            <td>{summary.year}</td>
            <td>{browser::format_time(summary.changed_at)}</td>
            <td class="actions">
                <Show when=move || !is_open.get() fallback=|| view! { <span class="badge">"Đang mở"</span> }>
                    <button type="button" on:click=move |_| plans.open_plan(state, &id.get_value())>"Mở"</button>
                </Show>
                {
                    let title = summary.title.clone();
                    move || match renaming.get() {
                        Some(_) => view! {
                            <button type="button" on:click=move |_| {
                                if let Some(text) = renaming.get_untracked() {
                                    plans.rename(state, &id.get_value(), text);
                                }
                                renaming.set(None);
                            }>"Lưu tên"</button>
                        }.into_any(),
                        None => {
                            let title = title.clone();
                            view! { <button type="button" on:click=move |_| renaming.set(Some(title.clone()))>"Đổi tên"</button> }.into_any()
                        }
                    }
                }
                <button type="button" on:click=move |_| plans.duplicate(state, &id.get_value())>"Nhân bản"</button>
                <button type="button" on:click=move |_| plans.delete(state, &id.get_value())>"Xóa"</button>
            </td>
        </tr>
    }
}

#[component]
fn TrashList() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let plans = state.plans;
    let confirming = RwSignal::new(false);
    view! {
        <section class="trash" aria-label="Thùng rác">
            <h3>{move || format!("Thùng rác ({})", plans.trash.with(Vec::len))}</h3>
            <Show when=move || plans.trash.with(|t| !t.is_empty()) fallback=|| view! { <p class="muted">"Thùng rác trống."</p> }>
                <ul>
                    <For each=move || plans.trash.get() key=|s| s.id.clone() let(summary)>
                        <li>
                            <span>{format!("{} — {} {}", summary.title, summary.province, summary.year)}</span>
                            <span class="muted">{summary.deleted_at.map(|at| format!(" (tự xóa sau {})", browser::format_time(at + TRASH_KEEP_MS)))}</span>
                            <button type="button" on:click={
                                let id = summary.id.clone();
                                move |_| plans.restore(state, &id)
                            }>"Khôi phục"</button>
                        </li>
                    </For>
                </ul>
                <Show when=move || confirming.get()
                    fallback=move || view! { <button type="button" on:click=move |_| confirming.set(true)>"Dọn sạch thùng rác"</button> }>
                    <div class="confirm" role="alertdialog" aria-label="Xác nhận dọn thùng rác">
                        <p>{move || format!("Xóa vĩnh viễn {} kế hoạch trong thùng rác? Không thể hoàn tác.", plans.trash.with(Vec::len))}</p>
                        <button type="button" on:click=move |_| {
                            plans.empty_trash(state);
                            confirming.set(false);
                        }>"Xóa vĩnh viễn"</button>
                        <button type="button" on:click=move |_| confirming.set(false)>"Hủy"</button>
                    </div>
                </Show>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {}
