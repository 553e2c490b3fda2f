//! Bringing last year's plan in: an office file (.docx, .xlsx, .ods) picked with "Mở tệp" or
//! dropped on the page is read by the documents worker (the app never links the codecs),
//! analysed here ([`ImportDraft::analyse`]) and previewed ("Xem trước tệp") with its column
//! mapping, first rows, counts, warnings and unknown agencies; only "Mở kế hoạch" makes a
//! new plan of it. Rows copied from Excel, Word or a browser and pasted into the table
//! ([`paste_into_plan`]) are inserted after the current row as one undo step.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;

use super::agencies::{guess_kind, AgencyState};
use super::files::Files;
use super::{new_plan_id, EditorState};
use crate::documents::{Job, Outcome};
use crate::domain::agency::Agency;
use crate::domain::import::{self, clipboard, Field, ImportDraft, SourceDocument, SourceTable};
use crate::domain::money::group_thousands;
use crate::domain::plan::RowId;
use crate::domain::text::fold;
use crate::platform::{self, worker};

/// The import preview's state; `Copy`, held by [`Files`].
#[derive(Clone, Copy)]
pub struct ImportUi {
    state: EditorState,
    /// The file being previewed.
    file_name: RwSignal<String>,
    /// What the worker read, kept to re-analyse another table of it.
    document: StoredValue<Option<Arc<SourceDocument>>>,
    /// The analysis shown, changed by the drafter's choices; `None` when no preview is open.
    draft: RwSignal<Option<ImportDraft>>,
    /// Why the table the drafter chose cannot be imported (shown in the preview).
    table_error: RwSignal<Option<String>>,
    /// The unknown agencies added to the directory from this preview.
    added: RwSignal<Vec<String>>,
}

impl ImportUi {
    pub fn new(state: EditorState) -> ImportUi {
        ImportUi {
            state,
            file_name: RwSignal::new(String::new()),
            document: StoredValue::new(None),
            draft: RwSignal::new(None),
            table_error: RwSignal::new(None),
            added: RwSignal::new(Vec::new()),
        }
    }

    /// Whether a preview is open (tracked).
    pub fn is_open(&self) -> bool {
        self.draft.with(Option::is_some)
    }

    /// Has the worker read an office file (its buffer is transferred to it), then shows the
    /// preview, or the reason it cannot be imported through `files`.
    pub fn read(&self, files: Files, name: String, bytes: js_sys::Uint8Array) {
        let this = *self;
        leptos::task::spawn_local(async move {
            let answer = worker::request_with_file(Job::ReadOffice { name: name.clone() }, bytes)
                .await
                .map(|a| a.response.outcome);
            match answer {
                Ok(Outcome::Source { document }) => match ImportDraft::analyse(&document, None) {
                    Ok(draft) => this.show(files, &name, document, draft),
                    Err(error) => files.refuse_text(&name, error.to_string()),
                },
                Ok(Outcome::Failed { message, .. }) => files.refuse_text(&name, message),
                Ok(other) => files.refuse_text(
                    &name,
                    format!("Bộ xử lý tệp trả lời không đúng yêu cầu ({other:?})."),
                ),
                Err(error) => files.refuse_text(&name, error.to_string()),
            }
        });
    }

    fn show(&self, files: Files, name: &str, document: SourceDocument, draft: ImportDraft) {
        files.clear_error_and_preview();
        self.file_name.set(name.to_string());
        self.document.set_value(Some(Arc::new(document)));
        self.table_error.set(None);
        self.added.set(Vec::new());
        self.draft.set(Some(draft));
        platform::focus_soon(
            ".import-preview select, .import-preview button".into(),
            platform::Placement::Nearest,
        );
    }

    /// Closes the preview; nothing changes.
    pub fn cancel(&self) {
        let was_open = self.draft.with_untracked(Option::is_some);
        self.draft.set(None);
        self.document.set_value(None);
        if was_open {
            platform::focus_soon(".file-open input".into(), platform::Placement::Nearest);
        }
    }

    /// Analyses another table of the document.
    fn choose_table(&self, table: usize) {
        let Some(document) = self.document.get_value() else {
            return;
        };
        match ImportDraft::analyse(&document, Some(table)) {
            Ok(draft) => {
                self.table_error.set(None);
                self.draft.set(Some(draft));
            }
            Err(error) => self.table_error.set(Some(error.to_string())),
        }
    }

    /// Opens the previewed plan as a new stored plan; the plan on screen stays in the list.
    fn confirm(&self) {
        let Some(draft) = self.draft.get_untracked() else {
            return;
        };
        let name = self.file_name.get_untracked();
        let plan = draft.to_plan(&new_plan_id());
        let tasks = plan.task_count();
        self.draft.set(None);
        self.document.set_value(None);
        self.state.start_new_plan(plan);
        self.state.say(
            format!(
                "Đã mở kế hoạch từ tệp “{name}” ({} nhiệm vụ). Kế hoạch trước vẫn ở trong Danh sách kế hoạch.",
                group_thousands(tasks as u64)
            ),
            false,
        );
        platform::focus_soon(".plan-table .primary".into(), platform::Placement::Nearest);
    }
}

/// The number as Vietnamese write it: "1.000".
fn count(n: usize) -> String {
    group_thousands(n as u64)
}

/// The import preview ("Xem trước tệp"), while one is open.
#[component]
pub fn ImportPreview(import: ImportUi) -> impl IntoView {
    let draft = import.draft;
    let agencies = expect_context::<AgencyState>();
    let state = import.state;
    // The choices and the column headers change only with the table: the selects stay
    // (and keep the focus) while the drafter changes a mapping.
    let choices = Memo::new(move |_| {
        draft.with(|d| d.as_ref().map(|d| d.tables.clone()).unwrap_or_default())
    });
    let chosen = Memo::new(move |_| draft.with(|d| d.as_ref().map_or(0, |d| d.table)));
    let headers = Memo::new(move |_| {
        draft.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.columns
                        .iter()
                        .map(|c| (c.index, c.header.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let field_of = move |index: usize| {
        draft.with(|d| {
            d.as_ref()
                .and_then(|d| d.columns.iter().find(|c| c.index == index))
                .map(|c| c.field)
        })
    };
    let counts = move || draft.with(|d| d.as_ref().map(ImportDraft::counts));
    let rows = move || {
        draft.with(|d| {
            d.as_ref()
                .map(|d| d.preview_rows(PREVIEW_ROWS))
                .unwrap_or_default()
        })
    };
    let warnings =
        move || draft.with(|d| d.as_ref().map(|d| d.warnings.clone()).unwrap_or_default());
    let unknown = move || {
        draft.with(|d| {
            d.as_ref()
                .map(|d| d.unknown_agencies.clone())
                .unwrap_or_default()
        })
    };
    let meta_text = move |read: fn(&import::PlanMeta) -> String| {
        move || draft.with(|d| d.as_ref().map(|d| read(&d.meta)).unwrap_or_default())
    };
    let set_meta = move |write: fn(&mut import::PlanMeta, String)| {
        move |ev: ev::Event| {
            let value = event_target_value(&ev);
            draft.update(|d| {
                if let Some(d) = d {
                    write(&mut d.meta, value);
                }
            });
        }
    };
    let add_agencies = move |_| {
        let names = unknown();
        let added = import.added.get_untracked();
        let fresh: Vec<String> = agencies.data.with_untracked(|d| {
            names
                .into_iter()
                .filter(|n| !added.contains(n))
                .filter(|n| !d.agencies.iter().any(|a| fold(&a.name) == fold(n)))
                .collect()
        });
        if fresh.is_empty() {
            return;
        }
        agencies.update(state, |d| {
            d.agencies.extend(fresh.iter().map(|name| Agency {
                kind: guess_kind(name),
                name: name.clone(),
                current: true,
                some_provinces: false,
                aliases: Vec::new(),
                note: String::new(),
            }))
        });
        import.added.update(|a| a.extend(fresh));
    };
    let all_added = move || {
        let added = import.added.get();
        unknown().iter().all(|n| added.contains(n))
    };
    view! {
        <div class="file-preview import-preview" role="dialog" aria-label="Xem trước tệp"
            on:keydown=move |ev: ev::KeyboardEvent| if ev.key() == "Escape" {
                ev.prevent_default();
                import.cancel();
            }>
            <h2>{move || format!("Nhập kế hoạch từ tệp: {}", import.file_name.get())}</h2>
            {move || {
                let choices = choices.get();
                (choices.len() > 1).then(|| view! {
                    <label class="import-table">"Bảng cần nhập: "
                        <select aria-label="Bảng cần nhập"
                            on:change=move |ev| {
                                if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                    import.choose_table(i);
                                }
                            }>
                            {choices.into_iter().map(|t| {
                                let label = format!(
                                    "{} ({} dòng){}",
                                    t.title,
                                    count(t.rows),
                                    if t.recognised { "" } else { ", không nhận ra tiêu đề cột" }
                                );
                                let index = t.index;
                                view! { <option value=index.to_string() prop:selected=move || chosen.get() == index>{label}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                })
            }}
            {move || import.table_error.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
            <fieldset class="import-meta">
                <legend>"Thông tin kế hoạch"</legend>
                <label>"Tỉnh, thành phố"
                    <input type="text" prop:value=meta_text(|m| m.province.clone().unwrap_or_default())
                        on:input=set_meta(|m, v| m.province = Some(v).filter(|v| !v.trim().is_empty()))/>
                </label>
                <label>"Năm kế hoạch"
                    <input type="number" min="2000" max="2100"
                        prop:value=meta_text(|m| m.year.map(|y| y.to_string()).unwrap_or_default())
                        on:input=set_meta(|m, v| m.year = v.trim().parse().ok())/>
                </label>
                <label>"Số kế hoạch"
                    <input type="text" prop:value=meta_text(|m| m.number.clone().unwrap_or_default())
                        on:input=set_meta(|m, v| m.number = Some(v).filter(|v| !v.trim().is_empty()))/>
                </label>
                <label>"Ngày ban hành"
                    <input type="text" prop:value=meta_text(|m| m.date.clone().unwrap_or_default())
                        on:input=set_meta(|m, v| m.date = Some(v).filter(|v| !v.trim().is_empty()))/>
                </label>
            </fieldset>
            <fieldset class="import-columns">
                <legend>"Cột của bảng trong tệp"</legend>
                {move || headers.get().into_iter().enumerate().map(|(n, (index, header))| {
                    let label = format!("Cột {}: {header}", n + 1);
                    view! {
                        <label class="import-column">{label.clone()}
                            <select aria-label=label on:change=move |ev| {
                                let chosen = event_target_value(&ev).parse::<usize>().ok()
                                    .and_then(|i| Field::ALL.get(i).copied());
                                if let Some(field) = chosen {
                                    draft.update(|d| if let Some(d) = d { d.set_field(index, field) });
                                }
                            }>
                                {Field::ALL.iter().enumerate().map(|(i, field)| {
                                    let field = *field;
                                    view! {
                                        <option value=i.to_string()
                                            prop:selected=move || field_of(index) == Some(field)>{field.label()}</option>
                                    }
                                }).collect_view()}
                            </select>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            {move || counts().map(|c| view! {
                <p class="import-counts">
                    {format!(
                        "Sẽ nhập: {} lĩnh vực, {} nhóm, {} nhiệm vụ, {} khoản kinh phí. Tổng kinh phí: {} triệu đồng.",
                        count(c.areas), count(c.groups), count(c.tasks), count(c.budgets), c.total
                    )}
                </p>
            })}
            <table class="import-rows" aria-label="Các dòng đầu">
                <thead><tr>
                    <th scope="col">"TT"</th><th scope="col">"Cấp"</th><th scope="col">"Nội dung"</th>
                    <th scope="col">"Chủ trì"</th><th scope="col">"Thời gian"</th><th scope="col">"Kinh phí"</th>
                </tr></thead>
                <tbody>
                    {move || rows().into_iter().map(|row| view! {
                        <tr>
                            <td>{row.number}</td><td>{row.level.to_string()}</td><td>{row.content}</td>
                            <td>{row.lead}</td><td>{row.deadline}</td><td class="money">{row.budget}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {move || {
                let list = warnings();
                (!list.is_empty()).then(|| view! {
                    <div class="import-warnings">
                        <h3>{format!("Cảnh báo ({})", count(list.len()))}</h3>
                        <ul aria-label="Cảnh báo">
                            {list.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                        </ul>
                    </div>
                })
            }}
            {move || {
                let names = unknown();
                (!names.is_empty()).then(|| view! {
                    <div class="import-agencies">
                        <h3>"Cơ quan chưa có trong danh mục"</h3>
                        <ul>{names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                        <button type="button" disabled=all_added on:click=add_agencies>
                            {move || if all_added() { "Đã thêm vào danh mục cơ quan" } else { "Thêm tất cả vào danh mục cơ quan" }}
                        </button>
                    </div>
                })
            }}
            <p class="muted">"Kế hoạch sẽ được mở thành một kế hoạch mới; kế hoạch đang mở vẫn ở trong Danh sách kế hoạch. Chưa có gì thay đổi cho đến khi bạn bấm “Mở kế hoạch”."</p>
            <div class="actions">
                <button type="button" class="file-confirm" on:click=move |_| import.confirm()>"Mở kế hoạch"</button>
                <button type="button" on:click=move |_| import.cancel()>"Hủy"</button>
            </div>
        </div>
    }
}

/// How many rows the preview shows.
const PREVIEW_ROWS: usize = 12;

/// The rows a paste holds, when it holds more than one cell: a `<table>` in its
/// `text/html` (Word, Excel, LibreOffice, browsers), else tab- or line-separated
/// `text/plain`. `None` for one cell or plain text: an ordinary text paste.
pub fn pasted_rows(html: &str, text: &str) -> Option<SourceTable> {
    let several = |table: &SourceTable| {
        table.rows.len() > 1 || table.rows.first().is_some_and(|r| r.len() > 1)
    };
    if html.to_ascii_lowercase().contains("<table") {
        if let Some(table) = clipboard::from_html(html) {
            return several(&table).then_some(table);
        }
    }
    if text.contains('\t') {
        let table = clipboard::from_tsv(text);
        return several(&table).then_some(table);
    }
    None
}

/// Inserts pasted rows after the current row as one undo step. Returns the Vietnamese
/// message for the drafter, an error when the rows could not be read.
///
/// # Errors
///
/// The Vietnamese reason the rows were not inserted.
pub fn paste_into_plan(state: EditorState, table: &SourceTable) -> Result<String, String> {
    // The table shows the fields in `Field::ALL`'s order (all but "Không nhập").
    let visible: Vec<Field> = Field::ALL
        .into_iter()
        .filter(|f| *f != Field::Ignore)
        .collect();
    let draft = import::paste_rows(table, &visible).map_err(|e| e.to_string())?;
    let anchor = state.current.get_untracked();
    let mut inserted: Vec<RowId> = Vec::new();
    state.edit(None, |plan| {
        inserted = plan.insert_imported_after(anchor, &draft);
        !inserted.is_empty()
    });
    let Some(&first) = inserted.first() else {
        return Err("Không có dòng nào để dán.".into());
    };
    state.focus_row(first);
    let mut message = format!(
        "Đã dán {} dòng sau dòng đang chọn (hoàn tác bằng Ctrl+Z).",
        count(inserted.len())
    );
    if !draft.warnings.is_empty() {
        message.push_str(" Lưu ý: ");
        message.push_str(&draft.warnings.join(" "));
    }
    Ok(message)
}
