//! Sharing files between provinces: saving the open plan as a file, exporting templates,
//! opening a plan file or a template file (picked with "Mở tệp" or dropped anywhere on the
//! page), and saving a task of the plan into the drafter's own library.
//!
//! Opening never changes anything at once: the file is read and checked
//! ([`file_format::read_file`]), then a preview ("Xem trước tệp") says what it holds and what
//! would happen; only the drafter's confirmation opens the plan (as a new stored plan) or
//! merges the templates. A file that cannot be read gets its precise message in an alert.
//! Office files (.docx, .xlsx, .ods) go to the documents worker and their own preview
//! (`ui/import.rs`); other formats are refused with how to get one that works.

use leptos::ev;
use leptos::prelude::*;

use super::import::{ImportPreview, ImportUi};
use super::update_form::{FormUi, UpdateForms};
use super::user_library::UserLibrary;
use super::{new_plan_id, EditorState};
use crate::documents::{route_file, FileRoute};
use crate::domain::file_format::{self, FileError, OpenedFile, MAX_FILE_BYTES};
use crate::domain::import::ImportError;
use crate::domain::library::TemplateSet;
use crate::domain::money::group_thousands;
use crate::domain::plan::{Plan, RowKind};
use crate::domain::sharing::MergePreview;
use crate::domain::user_library;
use crate::platform;

/// What a file read for opening holds, until the drafter confirms or cancels.
enum Incoming {
    Plan(Plan),
    Templates(TemplateSet),
}

/// What the preview shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub file_name: String,
    pub heading: String,
    /// Label and value, one line each.
    pub lines: Vec<(String, String)>,
    pub confirm: &'static str,
    pub note: String,
}

/// The file actions' state; `Copy`, shared through context.
#[derive(Clone, Copy)]
pub struct Files {
    state: EditorState,
    pub user: UserLibrary,
    pending: RwSignal<Option<Summary>>,
    content: StoredValue<Option<Incoming>>,
    /// The last file that could not be opened, with why.
    error: RwSignal<Option<String>>,
    /// The preview of an office file being imported.
    pub import: ImportUi,
    /// A "phiếu cập nhật tiến độ" being filled, or a reply being reviewed.
    pub forms: FormUi,
}

/// The number as Vietnamese write it: "25.000".
fn count(n: usize) -> String {
    group_thousands(n as u64)
}

impl Files {
    pub fn new(state: EditorState, user: UserLibrary) -> Files {
        Files {
            state,
            user,
            pending: RwSignal::new(None),
            content: StoredValue::new(None),
            error: RwSignal::new(None),
            import: ImportUi::new(state),
            forms: FormUi::new(),
        }
    }

    /// The editor state the file actions work on.
    pub fn state(&self) -> EditorState {
        self.state
    }

    /// Opens a file the drafter picked or dropped: its size is checked before reading it.
    pub fn open_file(&self, file: web_sys::File) {
        let name = file.name();
        let size = file.size();
        if size > MAX_FILE_BYTES as f64 {
            self.refuse(
                &name,
                FileError::TooLarge {
                    bytes: size as usize,
                },
            );
            return;
        }
        let this = *self;
        leptos::task::spawn_local(async move {
            let bytes = match platform::read_file_buffer(file).await {
                Ok(bytes) => bytes,
                Err(error) => {
                    return this.refuse_text(&name, format!("Không đọc được tệp ({error})."))
                }
            };
            let start = bytes.subarray(0, 8).to_vec();
            match route_file(&name, &start) {
                FileRoute::AppFile => {
                    let _ = this.open_bytes(&name, &bytes.to_vec());
                }
                // Read by the worker: the buffer is transferred to it, never copied here.
                FileRoute::Office => this.import.read(this, name, bytes),
                FileRoute::Unsupported(format) => {
                    this.refuse_text(&name, ImportError::UnsupportedFormat(format).to_string())
                }
            }
        });
    }

    /// Reads a file's bytes and shows the preview, or the reason it cannot be opened.
    /// Returns the merge preview of a template file (for the test hooks).
    ///
    /// # Errors
    ///
    /// The Vietnamese reason the file cannot be opened (also shown in the alert).
    pub fn open_bytes(&self, name: &str, bytes: &[u8]) -> Result<Option<MergePreview>, String> {
        match file_format::read_file(bytes) {
            Ok(opened) => Ok(self.show(name, opened)),
            Err(error) => {
                let text = error.to_string();
                self.refuse(name, error);
                Err(text)
            }
        }
    }

    fn refuse(&self, name: &str, error: FileError) {
        self.refuse_text(name, error.to_string());
    }

    /// Says why a file cannot be opened (in the alert); any preview is closed.
    pub(super) fn refuse_text(&self, name: &str, why: String) {
        self.cancel();
        self.error.set(Some(format!(
            "Không mở được tệp “{name}”: {why} Không có gì thay đổi."
        )));
    }

    /// Shows the preview of a file that was read.
    fn show(&self, name: &str, opened: OpenedFile) -> Option<MergePreview> {
        self.error.set(None);
        self.import.cancel();
        let (summary, incoming, merge) = match opened {
            // A form is shown for filling, a reply beside the plan: no preview first.
            OpenedFile::UpdateForm(form) => {
                if let Err(why) = self.forms.open(self.state, form) {
                    self.refuse_text(name, why);
                } else {
                    self.cancel();
                    platform::focus_soon(".update-form h2".into(), platform::Placement::Nearest);
                }
                return None;
            }
            OpenedFile::Plan(plan) => (plan_summary(name, &plan), Incoming::Plan(plan), None),
            OpenedFile::Templates(set) => {
                let merge = self
                    .user
                    .plans
                    .user_templates
                    .with_untracked(|user| user_library::preview(user, &set));
                (
                    templates_summary(name, &set, &merge),
                    Incoming::Templates(set),
                    Some(merge),
                )
            }
        };
        self.content.set_value(Some(incoming));
        self.pending.set(Some(summary));
        platform::focus_soon(
            ".file-preview .file-confirm".into(),
            platform::Placement::Nearest,
        );
        merge
    }

    /// Drops the file being previewed; nothing changes.
    pub fn cancel(&self) {
        self.content.set_value(None);
        self.pending.set(None);
        self.import.cancel();
    }

    /// Before an office file's preview opens: no other preview, no old alert.
    pub(super) fn clear_error_and_preview(&self) {
        self.error.set(None);
        self.content.set_value(None);
        self.pending.set(None);
    }

    /// Does what the preview announced.
    pub fn confirm(&self) {
        let name = self
            .pending
            .with_untracked(|p| p.as_ref().map(|p| p.file_name.clone()))
            .unwrap_or_default();
        let incoming = self.content.try_update_value(Option::take).flatten();
        self.pending.set(None);
        match incoming {
            Some(Incoming::Plan(plan)) => self.open_plan(&name, plan),
            Some(Incoming::Templates(set)) => {
                self.merge(&name, set);
            }
            None => {}
        }
    }

    /// Opens a plan from a file as a new stored plan; the plan on screen stays in the list.
    fn open_plan(&self, name: &str, mut plan: Plan) {
        let state = self.state;
        let open_id = state.read_plan(|e| e.id.clone());
        if plan.id.trim().is_empty() || plan.id == open_id || state.plans.has_plan(&plan.id) {
            plan.id = new_plan_id();
        }
        let tasks = plan.task_count();
        state.start_new_plan(plan);
        state.say(
            format!(
                "Đã mở kế hoạch từ tệp “{name}” ({} nhiệm vụ). Kế hoạch trước vẫn ở trong Danh sách kế hoạch.",
                count(tasks)
            ),
            false,
        );
    }

    /// Merges a template set into the drafter's library and stores it; says what was done.
    /// Returns what the merge did and whether the library was stored.
    pub fn merge(&self, name: &str, set: TemplateSet) -> (MergePreview, bool) {
        let mut done = MergePreview::default();
        let state = self.state;
        // The message is said first: a storage error, said after it, replaces it.
        let stored = self.user.plans.update_user_templates(state, |user| {
            done = user_library::merge_into(user, set);
            state.say(merge_message(name, &done), false);
        });
        (done, stored)
    }

    /// Downloads the open plan as a plan file.
    pub fn save_plan(&self) {
        let state = self.state;
        let (name, text) =
            state.read_plan(|e| (file_format::plan_file_name(e), file_format::write_plan(e)));
        match platform::download_text(&name, "application/json", &text) {
            Ok(()) => {
                state.plans.file_saved(state);
                state.say(
                    format!("Đã lưu tệp kế hoạch “{name}” vào thư mục tải về."),
                    false,
                )
            }
            Err(error) => state.say(format!("Không lưu được tệp: {error}"), true),
        }
    }

    /// Downloads the templates ticked in the library panel, or else the drafter's own.
    pub fn export_templates(&self) {
        let state = self.state;
        let library = self.user.get_untracked();
        let selected = self.user.selected.get_untracked();
        let set = if selected.is_empty() {
            // From the drafter's set itself: all of it, even what the library could not show.
            self.user
                .plans
                .user_templates
                .with_untracked(|user| user_library::export_set(&library, &user.templates))
        } else {
            user_library::export_set(
                &library,
                library
                    .templates()
                    .iter()
                    .filter(|t| selected.contains(&t.id)),
            )
        };
        if set.templates.is_empty() {
            state.say(
                "Thư viện của bạn chưa có mẫu nào. Hãy “Lưu vào thư viện” một nhiệm vụ, hoặc đánh dấu “Chọn” ở các mẫu trong Thư viện mẫu rồi bấm “Xuất thư viện”.",
                true,
            );
            return;
        }
        let (province, year) = state.read_plan(|e| (e.province.clone(), e.year));
        let name = user_library::templates_file_name(&province, year);
        let text = file_format::write_templates(&set);
        let what = if selected.is_empty() {
            "mẫu của bạn"
        } else {
            "mẫu đã chọn"
        };
        match platform::download_text(&name, "application/json", &text) {
            Ok(()) => state.say(
                format!(
                    "Đã xuất {} {what} ra tệp “{name}” (thư mục tải về).",
                    count(set.templates.len())
                ),
                false,
            ),
            Err(error) => state.say(format!("Không lưu được tệp: {error}"), true),
        }
    }

    /// Saves the current task of the plan as one of the drafter's own templates.
    pub fn save_task_as_template(&self) {
        let state = self.state;
        let Some(row) = state.current.get_untracked() else {
            state.say(
                "Hãy chọn một dòng nhiệm vụ trong bảng trước, rồi bấm “Lưu vào thư viện”.",
                true,
            );
            return;
        };
        let library = self.user.get_untracked();
        let made = state.read_plan(|e| {
            let source = user_library::own_source(e);
            user_library::template_from_task(e, row, &library, &source)
                .map(|template| (source, template))
        });
        let (source, template) = match made {
            Ok(made) => made,
            Err(why) => {
                state.say(why, true);
                return;
            }
        };
        let single = TemplateSet {
            sources: vec![source.clone()],
            templates: vec![template.clone()],
        };
        let verdict = self
            .user
            .plans
            .user_templates
            .with_untracked(|user| user_library::preview(user, &single));
        if verdict.identical > 0 {
            state.say(
                "Thư viện đã có một mẫu giống hệt nhiệm vụ này: không lưu thêm.",
                false,
            );
            return;
        }
        let content = template.content.clone();
        state.say(
            format!(
                "Đã lưu nhiệm vụ “{}” vào thư viện của bạn (nguồn: {}). Tìm nó trong Thư viện mẫu; có thể sửa hoặc xóa ở đó.",
                short(&content),
                source.provenance()
            ),
            false,
        );
        self.user.plans.update_user_templates(state, move |user| {
            match user.sources.iter_mut().find(|s| s.id == source.id) {
                Some(existing) => *existing = source,
                None => user.sources.push(source),
            }
            user.templates.push(template);
        });
    }
}

/// The start of a text for messages.
fn short(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        out.push('…');
    }
    out
}

fn merge_message(name: &str, done: &MergePreview) -> String {
    let mut text = if done.new + done.similar == 0 {
        format!("Tệp “{name}” không có mẫu nào mới: thư viện giữ nguyên.")
    } else {
        format!(
            "Đã thêm {} mẫu từ tệp “{name}” vào thư viện của bạn.",
            count(done.new + done.similar)
        )
    };
    if done.identical > 0 {
        text.push_str(&format!(
            " Bỏ qua {} mẫu trùng với mẫu đã có.",
            count(done.identical)
        ));
    }
    if done.similar > 0 {
        text.push_str(&format!(
            " {} mẫu gần giống mẫu đã có được đánh dấu “Gần giống mẫu có sẵn”.",
            count(done.similar)
        ));
    }
    text
}

fn plan_summary(name: &str, plan: &Plan) -> Summary {
    let (mut areas, mut groups, mut tasks) = (0, 0, 0);
    for row in plan.rows() {
        match row.kind() {
            RowKind::Area => areas += 1,
            RowKind::Group => groups += 1,
            RowKind::Task => tasks += 1,
        }
    }
    let total = match plan.try_budget_totals() {
        Ok(totals) => format!("{} triệu đồng", totals.grand),
        Err(error) => error.to_string(),
    };
    let line = |label: &str, value: String| (label.to_string(), value);
    Summary {
        file_name: name.to_string(),
        heading: "Tệp kế hoạch".into(),
        lines: vec![
            line("Loại tệp", "Kế hoạch cải cách hành chính".into()),
            line(
                "Tỉnh, thành phố",
                Some(plan.province.clone())
                    .filter(|p| !p.trim().is_empty())
                    .unwrap_or_else(|| "(chưa ghi)".into()),
            ),
            line("Năm kế hoạch", plan.year.to_string()),
            line("Tên kế hoạch", plan.title.clone()),
            line(
                "Số dòng",
                format!(
                    "{} ({} lĩnh vực, {} nhóm, {} nhiệm vụ)",
                    count(plan.len()),
                    count(areas),
                    count(groups),
                    count(tasks)
                ),
            ),
            line("Số nhiệm vụ", count(tasks)),
            line("Tổng kinh phí", total),
        ],
        confirm: "Mở kế hoạch",
        note: "Kế hoạch sẽ được mở thành một kế hoạch mới; kế hoạch đang mở vẫn ở trong Danh sách kế hoạch.".into(),
    }
}

fn templates_summary(name: &str, set: &TemplateSet, merge: &MergePreview) -> Summary {
    let mut provinces: Vec<String> = Vec::new();
    let mut years: Vec<i32> = Vec::new();
    for source in &set.sources {
        let province = source.province.trim().to_string();
        if !province.is_empty() && !provinces.contains(&province) {
            provinces.push(province);
        }
        if let Some(year) = source.year {
            if !years.contains(&year) {
                years.push(year);
            }
        }
    }
    years.sort_unstable();
    let or_none = |list: Vec<String>| {
        if list.is_empty() {
            "(không ghi)".to_string()
        } else {
            list.join(", ")
        }
    };
    let line = |label: &str, value: String| (label.to_string(), value);
    Summary {
        file_name: name.to_string(),
        heading: "Tệp thư viện nhiệm vụ mẫu".into(),
        lines: vec![
            line("Loại tệp", "Thư viện nhiệm vụ mẫu".into()),
            line("Tỉnh, thành phố", or_none(provinces)),
            line(
                "Năm",
                or_none(years.iter().map(|y| y.to_string()).collect()),
            ),
            line("Số mẫu", count(set.templates.len())),
            line("Số văn bản nguồn", count(set.sources.len())),
            line("Mẫu mới (sẽ thêm)", count(merge.new)),
            line("Trùng với mẫu đã có (bỏ qua)", count(merge.identical)),
            line(
                "Gần giống mẫu đã có (vẫn thêm, có đánh dấu)",
                count(merge.similar),
            ),
        ],
        confirm: "Thêm vào thư viện",
        note: "Các mẫu được thêm vào thư viện của bạn, giữ nguyên tỉnh và năm của chúng; không mẫu nào bị ghi đè.".into(),
    }
}

/// The file buttons, the preview and the alert; also opens files dropped on the page.
#[component]
pub fn FileBar() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let files = expect_context::<Files>();
    install_drop(files);
    let has_current = move || state.current.with(|c| c.is_some());
    let picked = move |ev: ev::Event| {
        if let Some(file) = platform::take_picked_file(&ev) {
            files.open_file(file);
        }
    };
    view! {
        <div class="file-bar" role="group" aria-label="Tệp">
            <button type="button" on:click=move |_| files.save_plan()
                title="Tải kế hoạch đang mở về máy thành một tệp, để gửi hoặc lưu trữ">"Lưu tệp kế hoạch"</button>
            <label class="file-open" title="Mở tệp kế hoạch hoặc thư viện mẫu (.json), phụ lục kế hoạch từ Word (.docx), Excel (.xlsx) hoặc LibreOffice (.ods)">
                <input type="file" class="visually-hidden" accept=".json,application/json,.docx,.xlsx,.ods" on:change=picked/>
                "Mở tệp"
            </label>
            <button type="button" on:click=move |_| files.export_templates()
                title="Tải về các mẫu đã chọn trong Thư viện mẫu, hoặc mọi mẫu của bạn">"Xuất thư viện"</button>
            <button type="button" disabled=move || !has_current() on:click=move |_| files.save_task_as_template()
                title="Lưu nhiệm vụ đang chọn thành một mẫu trong thư viện của bạn">"Lưu vào thư viện"</button>
            <span class="file-hint">".json, .docx, .xlsx, .ods; hoặc kéo thả tệp vào trang"</span>
        </div>
        {move || files.error.get().map(|text| view! {
            <div class="file-error" role="alert">
                <p>{text}</p>
                <button type="button" on:click=move |_| files.error.set(None)>"Đã hiểu"</button>
            </div>
        })}
        {move || files.pending.get().map(|summary| view! { <Preview summary files/> })}
        <UpdateForms forms=files.forms/>
        <Show when=move || files.import.is_open()>
            <ImportPreview import=files.import/>
        </Show>
    }
}

#[component]
fn Preview(summary: Summary, files: Files) -> impl IntoView {
    let confirm = summary.confirm;
    view! {
        <div class="file-preview" role="dialog" aria-label="Xem trước tệp"
            on:keydown=move |ev: ev::KeyboardEvent| if ev.key() == "Escape" {
                ev.prevent_default();
                files.cancel();
            }>
            <h2>{format!("{}: {}", summary.heading, summary.file_name)}</h2>
            <div class="file-facts">
                {summary.lines.into_iter().map(|(label, value)| view! {
                    <p><span class="fact-label">{label}": "</span><strong>{value}</strong></p>
                }).collect_view()}
            </div>
            <p class="muted">{summary.note}" Chưa có gì thay đổi cho đến khi bạn bấm “"{confirm}"”."</p>
            <div class="actions">
                <button type="button" class="file-confirm" on:click=move |_| files.confirm()>{confirm}</button>
                <button type="button" on:click=move |_| files.cancel()>"Hủy"</button>
            </div>
        </div>
    }
}

/// Files dropped anywhere on the page are opened like picked ones; dragging text between
/// fields is left alone.
fn install_drop(files: Files) {
    fn carries_files(event: &web_sys::DragEvent) -> bool {
        event.data_transfer().is_some_and(|d| {
            d.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
    }
    let over = window_event_listener(ev::dragover, move |event| {
        if carries_files(&event) {
            event.prevent_default();
            if let Some(data) = event.data_transfer() {
                data.set_drop_effect("copy");
            }
        }
    });
    let dropped = window_event_listener(ev::drop, move |event| {
        let file = event
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|list| list.get(0));
        if let Some(file) = file {
            event.prevent_default();
            files.open_file(file);
        }
    });
    // The bar lives as long as the page: the listeners are never removed.
    std::mem::forget((over, dropped));
}
