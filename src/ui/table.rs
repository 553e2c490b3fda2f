//! The appendix table: one row per plan row, keyed by row id, and the totals.
//!
//! Rows are CSS grid rows with ARIA table roles rather than `<tr>`: a grid row can skip
//! rendering while off screen (`content-visibility`), which keeps a 1.000-task plan fluid.

use std::sync::Arc;

use leptos::prelude::*;

use super::fields::{AgencyField, BudgetField, DeadlineField, Which};
use super::{EditorState, RowKey};
use crate::domain::history::Field;
use crate::domain::plan::{Row, RowId, RowKind, Task};
use crate::domain::words::amount_in_words;

#[component]
pub fn PlanTable() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let empty = move || state.outline.with(Vec::is_empty);
    let grand = move || state.totals.with(|t| t.grand.to_string());
    // What the last paste of rows did, shown just above the table.
    let paste_note = RwSignal::new(None::<(String, bool)>);
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(data) = ev.clipboard_data() else {
            return;
        };
        let html = data.get_data("text/html").unwrap_or_default();
        let text = data.get_data("text/plain").unwrap_or_default();
        // One cell or plain text: the field's own paste.
        let Some(table) = super::import::pasted_rows(&html, &text) else {
            return;
        };
        ev.prevent_default();
        paste_note.set(Some(match super::import::paste_into_plan(state, &table) {
            Ok(message) => (message, false),
            Err(message) => (message, true),
        }));
    };
    let head = NodeRef::<leptos::html::Div>::new();
    super::track_height(head, "--thead-height");
    let words = move || {
        let style = state.words_style.get();
        state
            .totals
            .with(|t| format!("Bằng chữ: {}", amount_in_words(t.grand, style)))
    };
    view! {
        <p class="paste-note" role="status" aria-label="Kết quả dán"
            class:error=move || paste_note.with(|n| n.as_ref().is_some_and(|n| n.1))>
            {move || paste_note.with(|n| n.as_ref().map(|n| n.0.clone()).unwrap_or_default())}
        </p>
        <div class="table-wrap" on:paste=on_paste on:keydown=super::row_keys::on_keydown>
            <div class="plan-table" role="table" aria-label="Phụ lục nhiệm vụ">
                <div role="rowgroup" class="thead" node_ref=head>
                    <div role="row" class="row head">
                        <div role="columnheader">"TT"</div>
                        <div role="columnheader">"Nội dung, nhiệm vụ"</div>
                        <div role="columnheader">"Sản phẩm"</div>
                        <div role="columnheader">"Cơ quan chủ trì"</div>
                        <div role="columnheader">"Cơ quan phối hợp"</div>
                        <div role="columnheader">"Thời gian thực hiện"</div>
                        <div role="columnheader">"Kinh phí (triệu đồng)"</div>
                        <div role="columnheader">"Ghi chú"</div>
                    </div>
                </div>
                <div role="rowgroup" class="tbody">
                    <Show when=empty>
                        <div role="row" class="row empty"><div role="cell" class="span-all">
                            "Bảng đang trống. Có ba cách bắt đầu: mở “Thư viện mẫu” để thêm nhiệm vụ mẫu hoặc “Tạo kế hoạch từ văn bản mẫu” của một tỉnh; “Mở tệp” kế hoạch năm trước (tệp .json của ứng dụng, phụ lục Word .docx hay Excel .xlsx), hoặc kéo thả tệp vào trang; hoặc bấm “Thêm lĩnh vực” rồi “Thêm nhiệm vụ”."
                        </div></div>
                    </Show>
                    <For each=move || state.row_keys() key=|key| *key let(RowKey { id, kind, .. })>
                        <RowView id kind/>
                    </For>
                </div>
                <div role="rowgroup" class="tfoot">
                    <div role="row" class="row total">
                        <div role="cell"></div>
                        <div role="rowheader" class="span-5">"Tổng cộng"</div>
                        <div role="cell" class="money"><output aria-label="Tổng kinh phí">{grand}</output></div>
                        <div role="cell"></div>
                    </div>
                    <div role="row" class="row words">
                        <div role="cell" class="span-all">
                            <p class="amount-words">{words}</p>
                            <div class="words-settings"><super::header::WordsSettings/></div>
                        </div>
                    </div>
                </div>
            </div>
        </div>
    }
}

#[component]
fn RowView(id: RowId, kind: RowKind) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let row: Signal<Option<Arc<Row>>> = state.row_signal(id).into();
    let depth = move || row.with(|r| r.as_ref().map_or(0, |r| r.depth));
    let number = move || {
        state
            .numbers
            .with(|n| n.get(&id).cloned().unwrap_or_default())
    };
    let class = move || {
        let kind = match kind {
            RowKind::Area => "area",
            RowKind::Group => "group",
            RowKind::Task => "task",
        };
        format!("row {kind} depth-{}", depth())
    };
    let cells = match kind {
        RowKind::Area => heading_cells(row, id, "Tên lĩnh vực", "Cộng lĩnh vực").into_any(),
        RowKind::Group => heading_cells(row, id, "Tên nhóm", "Cộng nhóm").into_any(),
        RowKind::Task => task_cells(row, id).into_any(),
    };
    let findings = super::review::row_findings(id);
    view! {
        <div role="row" data-row=id.to_string() class=class class:current=move || state.current_selector.with_value(|s| s.selected(&Some(id)))
            aria-describedby=super::review::findings_text_id(id)
            on:focusin=move |_| state.current.set(Some(id))
            // (Also a click on a field that already had the focus, where no focus event
            // comes: seen in Firefox.)
            on:click=move |_| if state.current.get_untracked() != Some(id) { state.current.set(Some(id)) }
            on:focusout=move |_| state.seal()>
            <div role="cell" class="tt">{number}<super::review::RowMarker findings id/></div>
            {cells}
            <super::review::RowFindingsText findings id/>
        </div>
    }
}

/// The cells of an area or group row: its title across the text columns, its subtotal.
fn heading_cells(
    row: Signal<Option<Arc<Row>>>,
    id: RowId,
    label: &'static str,
    total_label: &'static str,
) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let title = move || row.with(|r| r.as_ref().map(|r| r.text().to_string()).unwrap_or_default());
    let subtotal = move || {
        state
            .totals
            .with(|t| t.by_row.get(&id).map(|m| m.to_string()).unwrap_or_default())
    };
    view! {
        <div role="cell" class="span-5">
            <input type="text" class="primary heading" aria-label=label placeholder=label prop:value=title
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    state.edit_row(id, Field::Title, |p| p.set_title(id, &value));
                }/>
        </div>
        <div role="cell" class="money"><output aria-label=total_label>{subtotal}</output></div>
        <div role="cell"></div>
    }
}

/// A free-text cell of a task, bound to one field.
fn text_cell(
    row: Signal<Option<Arc<Row>>>,
    id: RowId,
    field: Field,
    label: &'static str,
    get: fn(&Task) -> &str,
    set: fn(&mut Task, String),
    class: &'static str,
) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let value = move || {
        row.with(|r| {
            r.as_ref()
                .and_then(|r| r.task())
                .map(|t| get(t).to_string())
                .unwrap_or_default()
        })
    };
    view! {
        <div role="cell">
            <textarea class=class aria-label=label rows="1" prop:value=value
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    state.edit_row(id, field, |p| p.update_task(id, |t| set(t, text)));
                }></textarea>
        </div>
    }
}

fn task_cells(row: Signal<Option<Arc<Row>>>, id: RowId) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let has_children_total = move || {
        let own = row
            .with(|r| r.as_ref().and_then(|r| r.task()).and_then(|t| t.budget))
            .unwrap_or_default();
        state
            .totals
            .with(|t| t.by_row.get(&id).copied())
            .filter(|total| *total != own)
    };
    view! {
        {text_cell(row, id, Field::Content, "Nội dung, nhiệm vụ", |t| &t.content, |t, v| t.content = v, "primary content")}
        {text_cell(row, id, Field::Product, "Sản phẩm", |t| &t.product, |t, v| t.product = v, "product")}
        <div role="cell"><AgencyField row id which=Which::Lead/></div>
        <div role="cell"><AgencyField row id which=Which::Partners/></div>
        <div role="cell"><DeadlineField row id/></div>
        <div role="cell" class="money">
            <BudgetField row id/>
            {move || has_children_total().map(|total| view! {
                <span class="children-total">"Cộng: " <output aria-label="Cộng nhiệm vụ">{total.to_string()}</output></span>
            })}
        </div>
        {text_cell(row, id, Field::Note, "Ghi chú", |t| &t.note, |t, v| t.note = v, "note")}
    }
}
