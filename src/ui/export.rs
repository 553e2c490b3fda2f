//! The "Xuất Excel", "Xuất Word" and "Xuất dự thảo kế hoạch" buttons, the export options
//! ("Tùy chọn xuất", which serve them all) and the session's export settings.
//!
//! The files are written by the documents worker (`platform::worker`), off the main
//! thread: while it works the button reads "Đang xuất…" and the rest of the app stays
//! usable; a worker that cannot load or fails leaves the plan as it was and says why.
//!
//! The settings live in [`ExportUi::settings`], one `RwSignal<ExportSettings>` provided in
//! context by [`provide`] (called by `App`); read it anywhere with [`export_ui`]. They are
//! kept for the session only. The `words` field of the stored settings is not used: every
//! output reads the amount in words as the editor does ([`EditorState::words_style`]), see
//! [`effective_settings`].

use leptos::prelude::*;

use super::review::ReviewState;
use super::EditorState;
use crate::documents::{Job, Outcome};
use crate::domain::plan::Plan;
use crate::domain::progress::{Day, ReportPeriod, ReportingRules};
use crate::domain::review::Severity;
use crate::domain::workbook::{Column, ExportSettings, LabelStyle};
use crate::platform::{download_array, worker};

/// What the export and print components share, all `Copy` handles.
#[derive(Clone, Copy)]
pub struct ExportUi {
    /// The drafter's export choices: columns, headers, appendix label.
    pub settings: RwSignal<ExportSettings>,
    /// Whether the print view ("Xem bản in") is shown.
    pub printing: RwSignal<bool>,
    /// The progress report the print view shows instead of the appendix ("Xem bản in báo
    /// cáo"), laid out when asked for; none: the appendix.
    pub printing_report: RwSignal<Option<crate::domain::workbook::ReportLayout>>,
    /// Whether the documents worker is writing a workbook ("Đang xuất…").
    pub exporting: RwSignal<bool>,
    /// Which file is being written (its button reads "Đang xuất…").
    pub exporting_format: RwSignal<ExportFormat>,
    /// Whether the plan document view ("Văn bản kế hoạch") is shown in the table's place.
    pub document_view: RwSignal<bool>,
}

/// Provides [`ExportUi`] with the default settings; call once in `App`.
pub fn provide() -> ExportUi {
    let ui = ExportUi {
        settings: RwSignal::new(ExportSettings::default()),
        printing: RwSignal::new(false),
        printing_report: RwSignal::new(None),
        exporting: RwSignal::new(false),
        exporting_format: RwSignal::new(ExportFormat::Excel),
        document_view: RwSignal::new(false),
    };
    provide_context(ui);
    ui
}

/// The export state in context.
pub fn export_ui() -> ExportUi {
    expect_context::<ExportUi>()
}

/// The settings an output uses: the drafter's choices, with the amount in words read as the
/// editor reads it. Tracks both signals when called in a reactive context.
pub fn effective_settings(ui: ExportUi, state: EditorState) -> ExportSettings {
    let mut settings = ui.settings.get();
    settings.words = state.words_style.get();
    settings
}

/// The file an export button writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Excel,
    Word,
    /// The whole plan document (Dự thảo kế hoạch): its body, then the appendices.
    PlanDocument,
    /// The progress report of a period ("Báo cáo tiến độ"), as a workbook.
    ReportExcel,
    /// The same report in Word.
    ReportWord,
    /// "Khắc phục Chỉ số CCHC" (PAR INDEX) as a workbook.
    ParIndex,
    /// The same table in Word.
    ParIndexWord,
}

impl ExportFormat {
    /// "Excel" or "Word", as the messages name the file.
    fn name(self) -> &'static str {
        match self {
            ExportFormat::Excel => "Excel",
            ExportFormat::Word => "Word",
            ExportFormat::PlanDocument => "dự thảo kế hoạch",
            ExportFormat::ReportExcel => "báo cáo Excel",
            ExportFormat::ReportWord => "báo cáo Word",
            ExportFormat::ParIndex => "Khắc phục Chỉ số CCHC",
            ExportFormat::ParIndexWord => "Word Khắc phục Chỉ số CCHC",
        }
    }

    /// The worker's job for the plan's appendices (the reports: see [`export_report`]).
    fn job(self, plan: Plan, settings: ExportSettings) -> Option<Job> {
        match self {
            ExportFormat::Excel => Some(Job::ExportXlsx { plan, settings }),
            ExportFormat::Word => Some(Job::ExportDocx { plan, settings }),
            ExportFormat::PlanDocument => Some(Job::ExportPlanDocument { plan, settings }),
            ExportFormat::ReportExcel
            | ExportFormat::ReportWord
            | ExportFormat::ParIndex
            | ExportFormat::ParIndexWord => None,
        }
    }
}

/// What the plan check still counts as errors, said with an export: "Kế hoạch còn 2 lỗi
/// trong “Kiểm tra kế hoạch” (dòng I.2: Chưa có cơ quan chủ trì)." None when there is none.
/// The export goes on: a drafter may need a draft file before every error is settled.
fn open_errors_note(review: Option<ReviewState>) -> Option<String> {
    let review = review?;
    let (count, first) = review.review.with_untracked(|r| {
        let first = r
            .findings()
            .iter()
            .find(|f| f.kind.severity() == Severity::Error)
            .map(|f| (f.row, f.message.clone()));
        (r.counts().0, first)
    });
    let (row, message) = first?;
    let number = untrack(|| review.number(row));
    Some(format!(
        "Kế hoạch còn {count} lỗi trong “Kiểm tra kế hoạch” (dòng {number}: {message})."
    ))
}

/// Has the documents worker build the workbook of the open plan, then offers it as a
/// download; says how it went. Does nothing while an export runs.
pub fn export_workbook(ui: ExportUi, state: EditorState, review: Option<ReviewState>) {
    export_file(ui, state, review, ExportFormat::Excel);
}

/// Has the documents worker write the open plan's appendices in `format`, then offers the
/// file as a download; says how it went, and what errors the plan check still counts (the
/// file is written all the same). Does nothing while an export runs.
pub fn export_file(
    ui: ExportUi,
    state: EditorState,
    review: Option<ReviewState>,
    format: ExportFormat,
) {
    if ui.exporting.get_untracked() {
        return;
    }
    let settings = untrack(|| effective_settings(ui, state));
    let kind = format.name();
    let job = state.read_plan(|plan| {
        if plan.is_empty() {
            return Err(format!(
                "Bảng đang trống: hãy thêm lĩnh vực và nhiệm vụ trước khi xuất {kind}."
            ));
        }
        format
            .job(plan.clone(), settings)
            .ok_or_else(|| format!("Không xuất được {kind} từ đây."))
    });
    let note = open_errors_note(review);
    match job {
        Ok(job) => run_export(ui, format, job, move |text, error| match (&note, error) {
            (Some(note), false) => state.say(format!("{text} {note}"), false),
            _ => state.say(text, error),
        }),
        Err(message) => state.say(message, true),
    }
}

/// Has the documents worker write the progress report of `period` (statuses read on
/// `as_of`, by default the period's cut-off) as a workbook or a Word file, then offers it as
/// a download; `say` tells how it went (beside the report's buttons).
pub fn export_report(
    ui: ExportUi,
    state: EditorState,
    word: bool,
    rules: ReportingRules,
    period: ReportPeriod,
    as_of: Option<Day>,
    say: impl Fn(String, bool) + 'static,
) {
    if ui.exporting.get_untracked() {
        return;
    }
    // Copied for the worker only when there is something to report.
    let Some(plan) = state.read_plan(|p| (p.task_count() > 0).then(|| p.clone())) else {
        return say(
            "Kế hoạch chưa có nhiệm vụ nào để báo cáo.".to_string(),
            true,
        );
    };
    let (format, job) = if word {
        let job = Job::ExportReportDocx {
            plan,
            rules,
            period,
            as_of,
        };
        (ExportFormat::ReportWord, job)
    } else {
        let job = Job::ExportReportXlsx {
            plan,
            rules,
            period,
            as_of,
        };
        (ExportFormat::ReportExcel, job)
    };
    run_export(ui, format, job, say);
}

/// Sends a job to the documents worker, marks the button busy, offers the file it writes;
/// `say` tells how it went. Does nothing while an export runs.
pub(super) fn run_export(
    ui: ExportUi,
    format: ExportFormat,
    job: Job,
    say: impl Fn(String, bool) + 'static,
) {
    let kind = format.name();
    ui.exporting_format.set(format);
    ui.exporting.set(true);
    leptos::task::spawn_local(async move {
        let answer = worker::request(job).await;
        ui.exporting.set(false);
        match answer.map(|a| (a.response.outcome, a.bytes)) {
            Ok((
                Outcome::File {
                    name,
                    mime,
                    warnings,
                },
                bytes,
            )) => match download_array(&name, &mime, &bytes) {
                Ok(()) if warnings.is_empty() => {
                    say(format!("Đã xuất tệp {kind} {name}."), false)
                }
                Ok(()) => say(
                    format!("Đã xuất tệp {kind} {name}. Lưu ý: {}", warnings.join(" ")),
                    false,
                ),
                Err(e) => say(format!("Không tải được tệp {kind} xuống: {e}."), true),
            },
            Ok((Outcome::Failed { message, .. }, _)) => say(message, true),
            Ok((other, _)) => say(
                format!("Bộ xử lý tệp trả lời không đúng yêu cầu ({other:?}). Kế hoạch không bị thay đổi."),
                true,
            ),
            Err(error) => say(error.to_string(), true),
        }
    });
}

/// Whether any row of the plan has something in this column (TT and the task text count
/// as always filled).
fn has_data(plan: &Plan, column: Column) -> bool {
    plan.rows()
        .iter()
        .filter_map(|r| r.task())
        .any(|t| match column {
            Column::Number | Column::Content => true,
            Column::Product => !t.product.trim().is_empty(),
            Column::Lead => t.lead.iter().any(|a| !a.trim().is_empty()),
            Column::Partners => t.partners.iter().any(|a| !a.trim().is_empty()),
            Column::Deadline => !t.deadline.trim().is_empty(),
            Column::Budget => t.budget.is_some(),
            Column::Note => !t.note.trim().is_empty(),
        })
}

/// The toolbar group: "Xuất Excel", "Xuất Word", "Xem bản in" and the "Tùy chọn xuất" panel.
#[component]
pub fn ExportTools() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let ui = export_ui();
    // The worker is fetched when the browser is idle after the first render, so the first
    // click does not wait for its download.
    Effect::new(|_| worker::prefetch_when_idle());
    let review = use_context::<ReviewState>();
    let exporting = ui.exporting;
    let busy = move |format: ExportFormat| exporting.get() && ui.exporting_format.get() == format;
    view! {
        <div class="tool-group export-tools" role="group" aria-label="Xuất và in">
            <button type="button" title="Tải về tệp Excel các phụ lục của kế hoạch"
                aria-busy=move || busy(ExportFormat::Excel).then_some("true")
                disabled=move || exporting.get()
                on:click=move |_| export_workbook(ui, state, review)>
                {move || if busy(ExportFormat::Excel) { "Đang xuất…" } else { "Xuất Excel" }}
            </button>
            <button type="button" title="Tải về tệp Word các phụ lục của kế hoạch (A4 ngang)"
                aria-busy=move || busy(ExportFormat::Word).then_some("true")
                disabled=move || exporting.get()
                on:click=move |_| export_file(ui, state, review, ExportFormat::Word)>
                {move || if busy(ExportFormat::Word) { "Đang xuất…" } else { "Xuất Word" }}
            </button>
            <button type="button" title="Tải về tệp Word dự thảo văn bản kế hoạch (nội dung khổ A4 đứng và các phụ lục)"
                aria-busy=move || busy(ExportFormat::PlanDocument).then_some("true")
                disabled=move || exporting.get()
                on:click=move |_| export_file(ui, state, review, ExportFormat::PlanDocument)>
                {move || if busy(ExportFormat::PlanDocument) { "Đang xuất…" } else { "Xuất dự thảo kế hoạch" }}
            </button>
            <button type="button" data-action="print-view" title="Xem phụ lục nhiệm vụ như khi in (A4 ngang)"
                on:click=move |_| ui.printing.set(true)>"Xem bản in"</button>
            <ExportOptions/>
        </div>
    }
}

/// "Tùy chọn xuất": which columns, their headers and the appendix label.
#[component]
fn ExportOptions() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let ui = export_ui();
    let settings = ui.settings;
    let open = RwSignal::new(false);
    // Which optional columns the plan leaves empty: worked out only while the panel is open.
    let empty_columns = Memo::new(move |_| {
        if !open.get() {
            return Vec::new();
        }
        state.track_plan(|e| {
            Column::ALL
                .into_iter()
                .filter(|c| c.optional() && !has_data(e, *c))
                .collect::<Vec<_>>()
        })
    });
    let label = move |style: LabelStyle| {
        view! {
            <label class="choice">
                <input type="radio" name="export-label"
                    prop:checked=move || settings.with(|s| s.label == style)
                    on:change=move |_| settings.update(|s| s.label = style)/>
                {style.label("I")}
            </label>
        }
    };
    view! {
        <details class="export-options"
            on:toggle=move |ev| open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))>
            <summary>"Tùy chọn xuất"</summary>
            <div class="export-panel">
                <table class="export-columns">
                    <caption>"Các cột của Phụ lục I (dùng cho tệp Excel, tệp Word và bản in)"</caption>
                    <thead>
                        <tr><th scope="col">"Xuất"</th><th scope="col">"Cột"</th><th scope="col">"Tên cột khi xuất"</th></tr>
                    </thead>
                    <tbody>
                        {Column::ALL.into_iter().map(|column| {
                            let name = column.default_header();
                            let empty = move || empty_columns.with(|e| e.contains(&column));
                            view! {
                                <tr class:excluded=move || !settings.with(|s| s.includes(column))>
                                    <td class="include">
                                        <input type="checkbox" aria-label=format!("Xuất cột {name}")
                                            disabled=!column.optional()
                                            title=if column.optional() { "" } else { "Cột này luôn được xuất" }
                                            prop:checked=move || settings.with(|s| s.includes(column))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                settings.update(|s| s.set_included(column, on));
                                            }/>
                                    </td>
                                    <td class="column-name">
                                        {name}
                                        <Show when=empty>
                                            <span class="column-empty">" (kế hoạch chưa có dữ liệu)"</span>
                                        </Show>
                                    </td>
                                    <td>
                                        <input type="text" aria-label=format!("Tên cột {name}") placeholder=name
                                            prop:value=move || settings.with(|s| s.headers.get(&column).cloned().unwrap_or_default())
                                            on:input=move |ev| {
                                                let text = event_target_value(&ev);
                                                settings.update(|s| s.set_header(column, &text));
                                            }/>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <fieldset class="export-label">
                    <legend>"Nhãn phụ lục"</legend>
                    {label(LabelStyle::Numbered)}
                    {label(LabelStyle::Capitals)}
                </fieldset>
                <p class="export-note">"Cách đọc số tiền bằng chữ theo phần thông tin kế hoạch (linh/lẻ, tư/bốn)."</p>
                <button type="button" on:click=move |_| settings.set(ExportSettings::default())>"Khôi phục mặc định"</button>
            </div>
        </details>
    }
}
