//! The print view ("Xem bản in"): Phụ lục I as it prints on A4 landscape, in place of the
//! editor, with "In" (the browser's print dialog, which also saves PDF) and "Đóng bản in".
//!
//! The view shows the domain's [`TaskTable`], the very layout the "Phụ lục I" sheet writes,
//! with the chosen columns and headers. While it is on screen the editor is hidden by CSS
//! (`.app:has(> .print-view)`), and the print stylesheet (`@media print` in main.css) leaves
//! only the view's sheet, with the header row repeated on every page. Printing from the
//! editor (Ctrl+P) opens the view first, and closes it after the dialog.

use leptos::prelude::*;

use super::export::{effective_settings, export_ui, ExportUi};
use super::EditorState;
use crate::domain::plan::RowKind;
use crate::domain::workbook::{Column, Heading, TableCell, TaskTable, UNIT_LINE};

/// Shows the print view while [`ExportUi::printing`] is set.
#[component]
pub fn PrintView() -> impl IntoView {
    let ui = export_ui();
    install_print_listeners(ui);
    view! {
        <Show when=move || ui.printing.get()>
            <PrintSheet/>
        </Show>
    }
}

/// Printing from the editor opens the print view for the dialog and closes it afterwards.
fn install_print_listeners(ui: ExportUi) {
    let opened_for_print = StoredValue::new(false);
    let before = window_event_listener_untyped("beforeprint", move |_| {
        if !ui.printing.get_untracked() {
            opened_for_print.set_value(true);
            ui.printing.set(true);
        }
    });
    let after = window_event_listener_untyped("afterprint", move |_| {
        if opened_for_print.get_value() {
            opened_for_print.set_value(false);
            ui.printing.set(false);
        }
    });
    // The view lives as long as the app: the listeners are never removed.
    std::mem::forget(before);
    std::mem::forget(after);
}

/// Moves focus to the first element matching `selector`, once it is on screen.
fn focus_later(selector: &'static str) {
    crate::platform::focus_soon(selector.into(), crate::platform::Placement::Nearest);
}

#[component]
fn PrintSheet() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let ui = export_ui();
    let table = Memo::new(move |_| {
        let settings = effective_settings(ui, state);
        state.track_plan(|e| TaskTable::new(e, &settings))
    });
    let report = ui.printing_report;
    let close = move || {
        ui.printing.set(false);
        // Back to the button that opened the view.
        if report.get_untracked().is_some() {
            report.set(None);
            focus_later("[data-action=\"print-report\"]");
        } else {
            focus_later("[data-action=\"print-view\"]");
        }
    };
    focus_later(".print-actions button");
    view! {
        <section class="print-view" aria-label=move || if report.with(Option::is_some) { "Bản in báo cáo" } else { "Bản in phụ lục" }
            on:keydown=move |ev| if ev.key() == "Escape" { close() }>
            <div class="print-actions" role="toolbar" aria-label="Bản in">
                <button type="button" on:click=move |_| { let _ = window().print(); }>"In"</button>
                <button type="button" on:click=move |_| close()>"Đóng bản in"</button>
                <p class="print-hint">
                    "Khổ A4 ngang, lề trái 30 mm, phải 15 mm, trên và dưới 20 mm; dòng tiêu đề bảng lặp lại ở mỗi trang. "
                    "Để có tệp PDF, chọn “Lưu dưới dạng PDF” trong hộp thoại in."
                </p>
            </div>
            <div class="print-sheet">
                {move || match report.get() {
                    Some(layout) => super::print_report::report_sheet(&layout),
                    None => table.with(appendix),
                }}
            </div>
        </section>
    }
}

/// The class of a cell of this column.
fn cell_class(column: Column) -> &'static str {
    match column {
        Column::Number => "tt",
        Column::Deadline => "centred",
        Column::Budget => "money",
        _ => "text",
    }
}

/// The heading block of a printed table: label, title, the italic line, the rule, and the
/// unit line when the table has amounts.
pub(super) fn heading_block(heading: &Heading) -> impl IntoView {
    view! {
        <header class="appendix-heading">
            <p class="appendix-label">{heading.label.clone()}</p>
            <h2 class="appendix-title">{heading.title.clone()}</h2>
            <p class="appendix-attachment">{heading.attachment.clone()}</p>
            <hr class="appendix-rule"/>
            {heading.unit.then(|| view! { <p class="appendix-unit">{UNIT_LINE}</p> })}
        </header>
    }
}

/// One appendix: heading block, table, total and the amount in words.
fn appendix(table: &TaskTable) -> AnyView {
    let total_width: f64 = table.columns.iter().map(|c| c.width()).sum();
    let cols = table
        .columns
        .iter()
        .map(|c| {
            let style = format!("width: {:.2}%", c.width() / total_width * 100.0);
            view! { <col style=style/> }
        })
        .collect_view();
    let headers = table
        .headers
        .iter()
        .map(|h| view! { <th scope="col">{h.clone()}</th> })
        .collect_view();
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let class = match row.kind {
                RowKind::Area => "area",
                RowKind::Group => "group",
                RowKind::Task => "task",
            };
            let cells = table
                .columns
                .iter()
                .zip(&row.cells)
                .map(|(column, cell)| {
                    let text = match cell {
                        TableCell::Text(text) => text.clone(),
                        TableCell::Budget(amount) => {
                            amount.map(|m| m.to_string()).unwrap_or_default()
                        }
                    };
                    view! { <td class=cell_class(*column)>{text}</td> }
                })
                .collect_view();
            view! { <tr class=class>{cells}</tr> }
        })
        .collect_view();
    let total = table
        .total
        .as_ref()
        .zip(table.budget_column())
        .map(|(total, budget)| {
            let after = table.columns.len() - budget - 1;
            view! {
                <tr class="total">
                    <td colspan=budget.to_string() class="total-label">{total.label}</td>
                    <td class="money">{total.amount.to_string()}</td>
                    {(after > 0).then(|| view! { <td colspan=after.to_string()></td> })}
                </tr>
            }
        });
    let words = table
        .total
        .as_ref()
        .map(|t| view! { <p class="appendix-words">{t.words.clone()}</p> });
    let heading = &table.heading;
    view! {
        {heading_block(heading)}
        <table class="appendix-table" aria-label=heading.label.clone()>
            <colgroup>{cols}</colgroup>
            <thead><tr>{headers}</tr></thead>
            <tbody>
                {rows}
                {total}
            </tbody>
        </table>
        {words}
        {table.rows.is_empty().then(|| view! {
            <p class="print-empty">"Bảng nhiệm vụ đang trống."</p>
        })}
    }
    .into_any()
}
