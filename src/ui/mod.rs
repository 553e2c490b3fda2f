//! The Leptos components: a thin layer over [`crate::domain`].
//!
//! State is one [`RwSignal`] holding the [`Editor`] (plan plus undo history), shared through
//! [`EditorState`] in context. Rows are rendered with `<For>` keyed by [`RowKey`] (the plan
//! on screen, the row id and the row's kind), so a row component never outlives the row it
//! was made for: opening another plan, or an id that comes back as another kind after an
//! undo, makes new components. Each row reads its own signal, which is set only when that
//! row's data changes (rows are `Arc`s, so a pointer comparison tells). Typing in one cell
//! thus touches that row, the outline and the totals, and no other row of the table.

mod agencies;
pub mod export;
mod fields;
pub mod files;
mod header;
mod import;
mod library_panel;
mod par_index;
mod plan_document;
mod plans;
mod print;
mod print_report;
mod progress;
mod report;
mod review;
mod row_keys;
pub mod state;
mod suggest;
mod table;
mod timeline;
mod toolbar;
mod update;
mod update_form;
pub use state::user_library;

use std::collections::HashMap;
use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;

use crate::domain::history::{EditKey, Editor, Field};
use crate::domain::numbering::number_rows;
use crate::domain::plan::{BudgetTotals, Plan, Row, RowId, RowKind};
use crate::domain::words::WordsStyle;

/// A message for the drafter, shown in the status line.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// What a row component is made for: one row of one opened plan, of one kind.
///
/// Row ids are only unique within a plan (every plan counts from 1), and an id freed by an
/// undo can come back as another kind; the key holds all three so that `<For>` never hands
/// a component made for one row the data of another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RowKey {
    /// Which opened plan: [`EditorState::open`] counts up.
    pub opened: u64,
    pub id: RowId,
    pub kind: RowKind,
}

/// Everything components share, all `Copy` handles.
#[derive(Clone, Copy)]
///
/// The editor itself (plan and history) is private: components read narrow memos (the plan's
/// id and year, whether undo is possible, a row through [`EditorState::row_signal`]), or the
/// whole plan through [`EditorState::read_plan`] (untracked: event handlers) and
/// [`EditorState::track_plan`] (for views derived from all of it: the check, the print view);
/// they change it only through [`EditorState::edit`], [`EditorState::edit_row`],
/// [`EditorState::open`], undo and redo.
pub struct EditorState {
    editor: RwSignal<Editor>,
    /// The open plan's id.
    pub plan_id: Memo<String>,
    /// The open plan's year.
    pub plan_year: Memo<i32>,
    pub can_undo: Memo<bool>,
    pub can_redo: Memo<bool>,
    /// The row the toolbar acts on: the last row focused or added.
    pub current: RwSignal<Option<RowId>>,
    pub current_selector: StoredValue<Selector<Option<RowId>>>,
    pub notice: RwSignal<Option<Notice>>,
    /// Bumped on undo, redo and opening a plan: fields drop what they were drafting.
    pub epoch: RwSignal<u64>,
    /// Counts the plans opened in this page: part of every row component's [`RowKey`].
    opened: RwSignal<u64>,
    pub words_style: RwSignal<WordsStyle>,
    pub outline: Memo<Vec<(RowId, u8, RowKind)>>,
    pub numbers: Memo<HashMap<RowId, String>>,
    pub totals: Memo<BudgetTotals>,
    /// The stored plans: autosave, the list, the trash.
    pub plans: plans::Persistence,
    /// One signal per row on screen, kept in step with the plan by [`sync_rows`].
    rows: StoredValue<RowSignals>,
    /// How many rows the table renders: the first [`FIRST_ROWS`] right after a plan opens,
    /// then [`ROWS_PER_SLICE`] more per timer task, then all (`usize::MAX`). A 1.000-task plan
    /// shows its first screens at once and fills in without a long task.
    shown: RwSignal<usize>,
}

/// Rows rendered in the first frame after a plan opens: more than a screen shows (about 15
/// task rows at 1366×768, 25 at 1920×1080).
const FIRST_ROWS: usize = 40;
/// Rows added to the table per timer task while a big plan fills in (each task well under
/// 50 ms in the release build: `scripts/bench`).
const ROWS_PER_SLICE: usize = 20;

/// The signals of the rows on screen, all of the plan opened `opened`-th.
#[derive(Default)]
struct RowSignals {
    opened: u64,
    by_id: HashMap<RowId, ArcRwSignal<Option<Arc<Row>>>>,
}

/// Sets the signal of every row whose data changed; drops those of deleted rows, and all of
/// them when another plan was opened (their components are being dropped too).
fn sync_rows(plan: &Plan, opened: u64, rows: &mut RowSignals) {
    if rows.opened != opened {
        rows.by_id.clear();
        rows.opened = opened;
    }
    rows.by_id.retain(|id, signal| {
        let now = plan.row(*id);
        let same = signal.with_untracked(|old| match (old, now) {
            (Some(old), Some(now)) => Arc::ptr_eq(old, now),
            (None, None) => true,
            _ => false,
        });
        if !same {
            signal.set(now.cloned());
        }
        now.is_some()
    });
}

impl EditorState {
    fn new(plan: Plan, plans: plans::Persistence) -> EditorState {
        let editor = RwSignal::new(Editor::new(plan));
        let current = RwSignal::new(None);
        let outline = Memo::new(move |_| editor.with(|e| e.plan().outline()));
        let numbers = Memo::new(move |_| {
            outline.with(|rows| {
                let numbers = number_rows(rows.iter().map(|r| r.1));
                rows.iter()
                    .map(|r| r.0)
                    .zip(numbers)
                    .collect::<HashMap<_, _>>()
            })
        });
        let rows = StoredValue::new(RowSignals::default());
        let opened = RwSignal::new(0);
        let shown = RwSignal::new(FIRST_ROWS);
        Effect::new(move |_| {
            let opened = opened.get();
            editor.with(|e| rows.update_value(|rows| sync_rows(e.plan(), opened, rows)));
        });
        EditorState {
            plan_id: Memo::new(move |_| editor.with(|e| e.plan().id.clone())),
            plan_year: Memo::new(move |_| editor.with(|e| e.plan().year)),
            can_undo: Memo::new(move |_| editor.with(Editor::can_undo)),
            can_redo: Memo::new(move |_| editor.with(Editor::can_redo)),
            opened,
            plans,
            rows,
            shown,
            editor,
            current,
            current_selector: StoredValue::new(Selector::new(move || current.get())),
            notice: RwSignal::new(None),
            epoch: RwSignal::new(0),
            words_style: RwSignal::new(WordsStyle::default()),
            outline,
            numbers,
            totals: Memo::new(move |_| editor.with(|e| e.plan().budget_totals())),
        }
    }

    /// Reads the open plan without tracking it: for event handlers and one-off reads.
    pub fn read_plan<T>(&self, read: impl FnOnce(&Plan) -> T) -> T {
        self.editor.with_untracked(|e| read(e.plan()))
    }

    /// Reads the open plan and tracks all of it: only for what is derived from the whole
    /// plan (the plan check, the print view, autosave). A component that needs one field
    /// makes a [`EditorState::plan_memo`] instead.
    pub fn track_plan<T>(&self, read: impl FnOnce(&Plan) -> T) -> T {
        self.editor.with(|e| read(e.plan()))
    }

    /// A memo of one thing of the open plan: its readers re-run only when that changes.
    pub fn plan_memo<T>(&self, read: fn(&Plan) -> T) -> Memo<T>
    where
        T: PartialEq + Send + Sync + 'static,
    {
        let editor = self.editor;
        Memo::new(move |_| editor.with(|e| read(e.plan())))
    }

    /// How many plans this page has opened (tracked): changes whenever the plan on screen is
    /// replaced, even by a newer version of itself.
    pub fn opened(&self) -> u64 {
        self.opened.get()
    }

    /// The keys of the rows on screen, in table order: what `<For>` renders (while a big plan
    /// fills in, only its first rows).
    pub fn row_keys(&self) -> Vec<RowKey> {
        let opened = self.opened.get();
        let shown = self.shown.get();
        self.outline.with(|rows| {
            rows.iter()
                .take(shown)
                .map(|&(id, _, kind)| RowKey { opened, id, kind })
                .collect()
        })
    }

    /// Renders the plan's first rows now and the rest in timer slices (stopped when another
    /// plan opens meanwhile): the first frame never waits for a thousand rows.
    fn fill_in(&self) {
        self.shown.set(FIRST_ROWS);
        let (shown, outline, opened) = (self.shown, self.outline, self.opened);
        let plan = opened.get_untracked();
        // One slice; schedules the next while rows are left (and this plan is still open).
        fn slice(
            shown: RwSignal<usize>,
            outline: Memo<Vec<(RowId, u8, RowKind)>>,
            opened: RwSignal<u64>,
            plan: u64,
        ) {
            if opened.try_get_untracked() != Some(plan) || shown.get_untracked() == usize::MAX {
                return;
            }
            let next = shown.get_untracked() + ROWS_PER_SLICE;
            if next >= outline.with_untracked(Vec::len) {
                shown.set(usize::MAX);
            } else {
                shown.set(next);
                set_timeout(
                    move || slice(shown, outline, opened, plan),
                    std::time::Duration::ZERO,
                );
            }
        }
        // The first screen is painted before the first slice.
        crate::platform::after_next_frame(move || slice(shown, outline, opened, plan));
    }

    /// Renders every row at once (before focusing one that may not be rendered yet).
    pub fn show_all_rows(&self) {
        if self.shown.get_untracked() != usize::MAX {
            self.shown.set(usize::MAX);
        }
    }

    /// The signal of one row's data (`None` once the row is deleted).
    pub fn row_signal(&self, id: RowId) -> ArcRwSignal<Option<Arc<Row>>> {
        let editor = self.editor;
        let opened = self.opened.get_untracked();
        self.rows
            .try_update_value(|rows| {
                if rows.opened != opened {
                    rows.by_id.clear();
                    rows.opened = opened;
                }
                rows.by_id
                    .entry(id)
                    .or_insert_with(|| {
                        ArcRwSignal::new(editor.with_untracked(|e| e.plan().row(id).cloned()))
                    })
                    .clone()
            })
            .expect("the editor state lives as long as the app")
    }

    /// Opens another plan: a fresh history, nothing selected, no drafts.
    pub fn open(&self, plan: Plan) {
        // A new key for every row first: no component of the plan on screen may receive a
        // row of the next one (ids repeat across plans).
        self.opened.update(|n| *n += 1);
        self.fill_in();
        self.editor.update(|e| e.replace(plan));
        self.current.set(None);
        self.epoch.update(|n| *n += 1);
    }

    /// Starts working on a newly made plan (a blank one, or one recreated from a source): it
    /// is stored as a new plan, and the plan it replaces on screen stays in the list.
    pub fn start_new_plan(&self, plan: Plan) {
        self.plans.create_and_open(*self, plan);
    }

    /// Applies a change to the plan as one undo step (or part of the current typing step).
    pub fn edit(&self, key: Option<EditKey>, change: impl FnOnce(&mut Plan) -> bool) -> bool {
        let mut changed = false;
        self.editor.maybe_update(|e| {
            changed = e.edit(key, change);
            changed
        });
        changed
    }

    /// Applies a keystroke in one field of one row. An edit that the plan on screen cannot
    /// take (no such row, or a row of another kind) is never dropped silently: the drafter
    /// is told at once and the page logs an error, which fails any browser test.
    pub fn edit_row(&self, id: RowId, field: Field, change: impl FnOnce(&mut Plan) -> bool) {
        let fits = self
            .editor
            .with_untracked(|e| e.plan().row(id).is_some_and(|row| field.fits(row.kind())));
        if fits {
            self.edit(Some(EditKey::Row(id, field)), change);
            return;
        }
        web_sys::console::error_1(
            &format!("edit of {field:?} in row {id} has no matching row in the open plan").into(),
        );
        self.say(
            "Không ghi được nội dung vừa gõ: dòng này không còn trong kế hoạch đang mở. \
             Hãy tải lại trang rồi nhập lại.",
            true,
        );
    }

    /// Ends the current typing step (a field lost focus).
    pub fn seal(&self) {
        self.editor.update_untracked(|e| e.seal());
    }

    pub fn undo(&self) {
        self.step_history(
            Editor::undo,
            "Đã hoàn tác.",
            "Không còn thao tác nào để hoàn tác.",
        );
    }

    pub fn redo(&self) {
        self.step_history(
            Editor::redo,
            "Đã làm lại.",
            "Không còn thao tác nào để làm lại.",
        );
    }

    /// Undoes or redoes one step; fields drop their drafts when it moved.
    /// After a step that added, removed, moved or indented rows, the focus goes to the row
    /// it affected (`history::focus_after_step`).
    fn step_history(&self, step: fn(&mut Editor) -> bool, done_text: &str, none_text: &str) {
        let mut done = false;
        let mut focus = None;
        let current = self.current.get_untracked();
        self.editor.maybe_update(|e| {
            let before = e.plan().clone();
            done = step(e);
            if done {
                focus = crate::domain::history::focus_after_step(&before, e.plan(), current);
            }
            done
        });
        if done {
            self.epoch.update(|n| *n += 1);
        }
        if let Some(row) = focus {
            self.focus_row(row);
        }
        self.say(if done { done_text } else { none_text }, false);
    }

    pub fn say(&self, text: impl Into<String>, error: bool) {
        self.notice.set(Some(Notice {
            text: text.into(),
            error,
        }));
    }

    /// Moves keyboard focus to the first field of a row once it is on screen.
    pub fn focus_row(&self, id: RowId) {
        self.focus_row_at(id, crate::platform::Placement::Nearest);
    }

    /// Like [`EditorState::focus_row`], scrolling the row to `placement`.
    pub fn focus_row_at(&self, id: RowId, placement: crate::platform::Placement) {
        self.show_all_rows();
        self.current.set(Some(id));
        crate::platform::focus_soon(format!("[data-row=\"{id}\"] .primary"), placement);
    }
}

/// The year a new plan is drafted for: next year.
pub fn next_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32 + 1
}

/// A fresh id for a plan.
pub fn new_plan_id() -> String {
    format!(
        "kh-{}-{:06}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e6) as u32
    )
}

#[component]
pub fn App() -> impl IntoView {
    let (plans, plan) = plans::Persistence::open();
    let state = EditorState::new(plan, plans);
    state.fill_in();
    provide_context(state);
    let agencies = agencies::AgencyState::new(plans);
    provide_context(agencies);
    let progress = state::progress::ProgressState::new(state);
    provide_context(progress);
    provide_context(review::ReviewState::new(state, agencies, progress));
    provide_context(par_index::ParIndexState::new(state));
    plans.start(state);
    export::provide();
    plans.keep_setting(state, "export", export::export_ui().settings);
    install_shortcuts(state);
    let files = files::Files::new(state, user_library::UserLibrary::new(plans));
    provide_context(files.user);
    provide_context(files);
    state::started(state, files);

    view! {
        <main class="app">
            // Room for the table: the plan list and the file actions share one line, the
            // toolbar and the messages stay at the top, the panels share one line while closed.
            <div class="top-row">
                <header class="app-header">
                    <h1>"Kế hoạch cải cách hành chính"</h1>
                    <p class="tagline">"Lập phụ lục nhiệm vụ cải cách hành chính hằng năm của tỉnh"</p>
                </header>
                <plans::PlanList/>
                <files::FileBar/>
                <plans::StorageStatus/>
            </div>
            <toolbar::Toolbar/>
            <update::UpdateBanner/>
            <header::PlanHeader/>
            <header::ProvinceList/>
            <div class="panels">
                <library_panel::LibraryPanel/>
                <review::ReviewTools/>
                <plan_document::DocumentToggle/>
            </div>
            <plan_document::DocumentView/>
            <table::PlanTable/>
            <print::PrintView/>
        </main>
    }
}

/// Keeps the CSS variable `name` equal to the height of the element behind `node` while the
/// calling component lives (`platform::HeightTracker`).
fn track_height(node: NodeRef<leptos::html::Div>, name: &'static str) {
    let tracker = StoredValue::new_local(None::<crate::platform::HeightTracker>);
    Effect::new(move || {
        if let Some(element) = node.get() {
            tracker.set_value(crate::platform::HeightTracker::new(&element, name));
        }
    });
}

/// What an action did, said beside its buttons (read out by screen readers): a message and
/// whether it is an error.
pub type Said = RwSignal<Option<(String, bool)>>;

/// Shows a [`Said`] message where the drafter looks: next to the action.
#[component]
pub fn SaidHere(message: Said) -> impl IntoView {
    view! {
        <p class="form-message" role="status" class:error=move || message.with(|m| m.as_ref().is_some_and(|m| m.1))>
            {move || message.with(|m| m.as_ref().map(|m| m.0.clone()).unwrap_or_default())}
        </p>
    }
}

/// The status line: the last notice, read out by screen readers.
#[component]
fn StatusLine() -> impl IntoView {
    let state = expect_context::<EditorState>();
    view! {
        <p class="status" role="status" aria-live="polite"
            class:error=move || state.notice.with(|n| n.as_ref().is_some_and(|n| n.error))>
            {move || state.notice.with(|n| n.as_ref().map(|n| n.text.clone()).unwrap_or_default())}
        </p>
    }
}

/// Whether a key went to an element outside the plan's own fields: the library's search, a
/// dialog or a file preview.
fn outside_the_plan(event: &ev::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| {
            e.closest("[role=search], dialog, .file-preview")
                .ok()
                .flatten()
        })
        .is_some()
}

/// Keyboard shortcuts for the whole page.
fn install_shortcuts(state: EditorState) {
    let handle = window_event_listener(ev::keydown, move |event| {
        let key = event.key();
        let ctrl = event.ctrl_key() || event.meta_key();
        // Undo and redo in a text box outside the plan (the library's search, a dialog) are
        // that box's own.
        let own_undo = ctrl && matches!(key.as_str(), "z" | "Z" | "y") && outside_the_plan(&event);
        let handled = match (ctrl, event.alt_key(), key.as_str()) {
            _ if own_undo => false,
            (true, false, "z") if !event.shift_key() => {
                state.undo();
                true
            }
            (true, false, "y") | (true, false, "Z") => {
                state.redo();
                true
            }
            (true, false, "z") => {
                state.redo();
                true
            }
            (false, true, "ArrowUp") => toolbar::row_action(state, toolbar::RowAction::MoveUp),
            (false, true, "ArrowDown") => toolbar::row_action(state, toolbar::RowAction::MoveDown),
            // Alt+← / Alt+→ (history) and Ctrl+D (bookmark) never reach the browser while the
            // app has focus, row or no row.
            (false, true, "ArrowRight") => {
                toolbar::row_action(state, toolbar::RowAction::Indent);
                true
            }
            (false, true, "ArrowLeft") => {
                toolbar::row_action(state, toolbar::RowAction::Outdent);
                true
            }
            (true, false, "d") => {
                toolbar::row_action(state, toolbar::RowAction::Duplicate);
                true
            }
            (false, true, "Delete") => toolbar::row_action(state, toolbar::RowAction::Delete),
            // A task below the current row, from anywhere in the plan (the button's title says so).
            (true, false, "Enter") if !outside_the_plan(&event) => {
                toolbar::add_row(state, crate::domain::plan::Plan::add_task);
                true
            }
            _ => false,
        };
        if handled {
            event.prevent_default();
        }
    });
    // The app lives as long as the page: the listener is never removed.
    std::mem::forget(handle);
}
