//! The appendix table: one `<tr>` per row, keyed by row id, and the totals.

use std::sync::Arc;

use leptos::prelude::*;

use super::fields::{AgencyField, BudgetField, Which};
use super::EditorState;
use crate::domain::history::{EditKey, Field};
use crate::domain::plan::{Row, RowId, RowKind, Task};
use crate::domain::words::amount_in_words;

#[component]
pub fn PlanTable() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let empty = move || state.outline.with(Vec::is_empty);
    let grand = move || state.totals.with(|t| t.grand.to_string());
    let words = move || {
        let style = state.words_style.get();
        state
            .totals
            .with(|t| format!("Bằng chữ: {}", amount_in_words(t.grand, style)))
    };
    view! {
        <div class="table-wrap">
            <table class="plan-table" aria-label="Phụ lục nhiệm vụ">
                <colgroup>
                    <col class="c-tt"/><col class="c-content"/><col class="c-product"/><col class="c-lead"/>
                    <col class="c-partners"/><col class="c-deadline"/><col class="c-budget"/><col class="c-note"/>
                </colgroup>
                <thead>
                    <tr>
                        <th scope="col">"TT"</th>
                        <th scope="col">"Nội dung, nhiệm vụ"</th>
                        <th scope="col">"Sản phẩm"</th>
                        <th scope="col">"Cơ quan chủ trì"</th>
                        <th scope="col">"Cơ quan phối hợp"</th>
                        <th scope="col">"Thời gian thực hiện"</th>
                        <th scope="col">"Kinh phí (triệu đồng)"</th>
                        <th scope="col">"Ghi chú"</th>
                    </tr>
                </thead>
                <tbody>
                    <Show when=empty>
                        <tr class="empty"><td colspan="8">
                            "Bảng đang trống. Bấm “Thêm lĩnh vực” rồi “Thêm nhiệm vụ” để bắt đầu."
                        </td></tr>
                    </Show>
                    <For each=move || state.outline.get() key=|row| row.0 let((id, _, kind))>
                        <RowView id kind/>
                    </For>
                </tbody>
                <tfoot>
                    <tr class="total">
                        <td></td>
                        <th scope="row" colspan="5">"Tổng cộng"</th>
                        <td class="money"><output aria-label="Tổng kinh phí">{grand}</output></td>
                        <td></td>
                    </tr>
                    <tr class="words">
                        <td colspan="8"><p class="amount-words">{words}</p></td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

#[component]
fn RowView(id: RowId, kind: RowKind) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let row: Memo<Option<Arc<Row>>> =
        Memo::new(move |_| state.editor.with(|e| e.plan().row(id).cloned()));
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
    view! {
        <tr data-row=id.to_string() class=class class:current=move || state.current_selector.with_value(|s| s.selected(&Some(id)))
            on:focusin=move |_| state.current.set(Some(id))
            on:focusout=move |_| state.seal()>
            <td class="tt">{number}</td>
            {cells}
        </tr>
    }
}

/// The cells of an area or group row: its title across the text columns, its subtotal.
fn heading_cells(
    row: Memo<Option<Arc<Row>>>,
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
        <td colspan="5">
            <input type="text" class="primary heading" aria-label=label placeholder=label prop:value=title
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    state.edit(Some(EditKey::Row(id, Field::Title)), |p| p.set_title(id, &value));
                }/>
        </td>
        <td class="money"><output aria-label=total_label>{subtotal}</output></td>
        <td></td>
    }
}

/// A free-text cell of a task, bound to one field.
fn text_cell(
    row: Memo<Option<Arc<Row>>>,
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
        <td>
            <textarea class=class aria-label=label rows="1" prop:value=value
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    state.edit(Some(EditKey::Row(id, field)), |p| p.update_task(id, |t| set(t, text)));
                }></textarea>
        </td>
    }
}

fn task_cells(row: Memo<Option<Arc<Row>>>, id: RowId) -> impl IntoView {
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
        <td><AgencyField row id which=Which::Lead/></td>
        <td><AgencyField row id which=Which::Partners/></td>
        {text_cell(row, id, Field::Deadline, "Thời gian thực hiện", |t| &t.deadline, |t, v| t.deadline = v, "deadline")}
        <td class="money">
            <BudgetField row id/>
            {move || has_children_total().map(|total| view! {
                <span class="children-total">"Cộng: " <output aria-label="Cộng nhiệm vụ">{total.to_string()}</output></span>
            })}
        </td>
        {text_cell(row, id, Field::Note, "Ghi chú", |t| &t.note, |t, v| t.note = v, "note")}
    }
}
