//! The print view ("Xem bản in"): the plan's appendices as they print on A4 landscape, in
//! place of the editor, with "In" (the browser's print dialog, which also saves PDF) and
//! "Đóng bản in".
//!
//! The view shows the domain's layouts, the very ones the Excel sheets and the Word export
//! write, with the chosen columns and headers: Phụ lục I ([`TaskTable`]), Phụ lục II
//! ([`AgencyTable`]), Phụ lục III ([`BudgetSummary`], when there are budgets) and "Tiến độ"
//! ([`ProgressTable`]), each starting on a new page. The last task row and the total row
//! are kept on one page. While it is on screen the editor is hidden by CSS
//! (`.app:has(> .print-view)`), and the print stylesheet (`@media print` in main.css) leaves
//! only the view's sheet, with the header row repeated on every page. Printing from the
//! editor (Ctrl+P) opens the view first, and closes it after the dialog.

use leptos::prelude::*;

use super::export::{effective_settings, export_ui, ExportUi};
use super::EditorState;
use crate::domain::plan::RowKind;
use crate::domain::workbook::{
    AgencyColumn, AgencyTable, BudgetSummary, BudgetTable, Column, Heading, ProgressColumn,
    ProgressTable, TableCell, TaskTable, UNIT_LINE,
};

/// Every appendix of the plan, laid out for the print view.
#[derive(Clone, Debug, PartialEq)]
struct Appendices {
    tasks: TaskTable,
    /// `None` when an agency's budgets do not add up (the plan check says so).
    agencies: Option<AgencyTable>,
    budget: Option<BudgetSummary>,
    progress: ProgressTable,
}

impl Appendices {
    fn new(
        plan: &crate::domain::plan::Plan,
        settings: &crate::domain::workbook::ExportSettings,
    ) -> Appendices {
        let numbers = plan.numbers();
        let totals = plan.budget_totals();
        Appendices {
            tasks: TaskTable::with(plan, settings, &numbers, &totals),
            agencies: AgencyTable::new(plan, settings, &numbers).ok(),
            budget: BudgetSummary::new(plan, settings, &numbers, &totals)
                .ok()
                .flatten(),
            progress: ProgressTable::new(plan, settings, &numbers),
        }
    }
}

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
        state.track_plan(|plan| Appendices::new(plan, &settings))
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
                    None => table.with(appendices),
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

/// Every appendix, each in its own section (a new page in print).
fn appendices(all: &Appendices) -> AnyView {
    let section = |label: &str, body: AnyView| {
        view! { <section class="appendix" aria-label=label.to_string()>{body}</section> }
    };
    view! {
        {section(&all.tasks.heading.label, task_appendix(&all.tasks))}
        {all.agencies.as_ref().map(|t| section(&t.heading.label, agency_appendix(t)))}
        {all.budget.as_ref().map(|b| section(&b.heading.label, budget_appendix(b)))}
        {section(&all.progress.heading.label, progress_appendix(&all.progress))}
    }
    .into_any()
}

/// The `<colgroup>` of a table whose columns have these widths (Excel character units).
fn colgroup(widths: impl Iterator<Item = f64> + Clone) -> impl IntoView {
    let total: f64 = widths.clone().sum();
    let cols = widths
        .map(|w| {
            let style = format!("width: {:.2}%", w / total * 100.0);
            view! { <col style=style/> }
        })
        .collect_view();
    view! { <colgroup>{cols}</colgroup> }
}

/// The header row, repeated on every printed page.
fn thead(headers: &[String]) -> impl IntoView {
    let cells = headers
        .iter()
        .map(|h| view! { <th scope="col">{h.clone()}</th> })
        .collect_view();
    view! { <thead><tr>{cells}</tr></thead> }
}

/// An appendix's heading block and its table (named by the appendix's label), the header
/// row repeated on every printed page.
fn titled_table(
    heading: &Heading,
    widths: impl Iterator<Item = f64> + Clone,
    headers: &[String],
    bodies: impl IntoView,
) -> impl IntoView {
    view! {
        {heading_block(heading)}
        <table class="appendix-table" aria-label=heading.label.clone()>
            {colgroup(widths)}
            {thead(headers)}
            {bodies}
        </table>
    }
}

/// The text of a cell.
fn cell_text(cell: &TableCell) -> String {
    match cell {
        TableCell::Text(text) => text.clone(),
        TableCell::Budget(amount) => amount.map(|m| m.to_string()).unwrap_or_default(),
    }
}

/// Phụ lục I: heading block, table, total and the amount in words.
fn task_appendix(table: &TaskTable) -> AnyView {
    let row_view = |row: &crate::domain::workbook::TableRow| {
        let class = match row.kind {
            RowKind::Area => "area",
            RowKind::Group => "group",
            RowKind::Task => "task",
        };
        let cells = table
            .columns
            .iter()
            .zip(&row.cells)
            .map(|(column, cell)| view! { <td class=cell_class(*column)>{cell_text(cell)}</td> })
            .collect_view();
        view! { <tr class=class>{cells}</tr> }
    };
    // The last row goes with the total (a total never alone at the top of a page).
    let (body, last) = match table.total {
        Some(_) => table.rows.split_at(table.rows.len().saturating_sub(1)),
        None => (&table.rows[..], &[][..]),
    };
    let body = body.iter().map(row_view).collect_view();
    let last = last.iter().map(row_view).collect_view();
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
    let widths = table.columns.iter().map(|c| c.width());
    let bodies = view! {
        <tbody>{body}</tbody>
        <tbody class="keep-together">{last}{total}</tbody>
    };
    view! {
        {titled_table(&table.heading, widths, &table.headers, bodies)}
        {words}
        {table.rows.is_empty().then(|| view! {
            <p class="print-empty">"Bảng nhiệm vụ đang trống."</p>
        })}
    }
    .into_any()
}

/// Phụ lục II: a bold line per lead agency, then its tasks; the note on shared leads.
fn agency_appendix(table: &AgencyTable) -> AnyView {
    let columns = table.columns.len();
    let budget = table.budget_column();
    let groups = table
        .groups
        .iter()
        .map(|group| {
            // The title spans up to the budget column (or to the end).
            let span = budget.unwrap_or(columns) - 1;
            let after = budget.map_or(0, |b| columns - b - 1);
            let amount = group.budget.map(|m| m.to_string()).unwrap_or_default();
            let tasks = group
                .tasks
                .iter()
                .map(|task| {
                    let cells = table
                        .columns
                        .iter()
                        .zip(&task.cells)
                        .map(|(column, cell)| {
                            let class = match column {
                                AgencyColumn::Number => "tt",
                                AgencyColumn::Deadline => "centred",
                                AgencyColumn::Budget => "money",
                                _ => "text",
                            };
                            view! { <td class=class>{cell_text(cell)}</td> }
                        })
                        .collect_view();
                    view! { <tr class="task">{cells}</tr> }
                })
                .collect_view();
            view! {
                <tr class="group">
                    <td class="tt">{group.number.clone()}</td>
                    <td colspan=span.to_string()>{group.title.clone()}</td>
                    {budget.map(|_| view! { <td class="money">{amount}</td> })}
                    {(after > 0).then(|| view! { <td colspan=after.to_string()></td> })}
                </tr>
                {tasks}
            }
        })
        .collect_view();
    let widths = table.columns.iter().map(|c| c.width());
    view! {
        {titled_table(&table.heading, widths, &table.headers, view! { <tbody>{groups}</tbody> })}
        {table.note.map(|note| view! { <p class="appendix-note">{note}</p> })}
    }
    .into_any()
}

/// One of Phụ lục III's two tables, with its "Tổng cộng" line kept with the line above.
fn budget_table(table: &BudgetTable) -> impl IntoView {
    let line = |line: &crate::domain::workbook::BudgetLine| {
        view! {
            <tr>
                <td class="tt">{line.number.clone()}</td>
                <td class="text">{line.name.clone()}</td>
                <td class="centred">{line.tasks.to_string()}</td>
                <td class="money">{line.budget.map(|m| m.to_string()).unwrap_or_default()}</td>
            </tr>
        }
    };
    let (body, last) = table.lines.split_at(table.lines.len().saturating_sub(1));
    view! {
        <h3 class="appendix-part">{table.title}</h3>
        <table class="appendix-table" aria-label=table.title>
            {colgroup(crate::domain::workbook::BUDGET_WIDTHS.into_iter())}
            {thead(&table.headers)}
            <tbody>{body.iter().map(line).collect_view()}</tbody>
            <tbody class="keep-together">
                {last.iter().map(line).collect_view()}
                <tr class="total">
                    <td colspan="2" class="total-label">"Tổng cộng"</td>
                    <td class="centred">{table.tasks.to_string()}</td>
                    <td class="money">{table.total.to_string()}</td>
                </tr>
            </tbody>
        </table>
    }
}

/// Phụ lục III: the budget by area (with the amount in words), then by lead agency.
fn budget_appendix(summary: &BudgetSummary) -> AnyView {
    view! {
        {heading_block(&summary.heading)}
        {budget_table(&summary.by_area)}
        <p class="appendix-words">{summary.words.clone()}</p>
        {budget_table(&summary.by_lead)}
        <p class="appendix-note">{summary.note}</p>
    }
    .into_any()
}

/// "Tiến độ": a bold line per quarter, then its tasks in deadline order.
fn progress_appendix(table: &ProgressTable) -> AnyView {
    let columns = table.columns.len();
    let sections = table
        .sections
        .iter()
        .map(|section| {
            let rows = section
                .rows
                .iter()
                .map(|row| {
                    let cells = table
                        .columns
                        .iter()
                        .zip(row)
                        .map(|(column, text)| {
                            let class = match column {
                                ProgressColumn::Number => "tt",
                                ProgressColumn::Deadline => "centred",
                                _ => "text",
                            };
                            view! { <td class=class>{text.clone()}</td> }
                        })
                        .collect_view();
                    view! { <tr class="task">{cells}</tr> }
                })
                .collect_view();
            view! {
                <tr class="group"><td colspan=columns.to_string()>{section.title.clone()}</td></tr>
                {rows}
            }
        })
        .collect_view();
    let widths = table.columns.iter().map(|c| c.width());
    titled_table(
        &table.heading,
        widths,
        &table.headers,
        view! { <tbody>{sections}</tbody> },
    )
    .into_any()
}
