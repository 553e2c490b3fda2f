//! The progress report ("Báo cáo tiến độ") in the print view: the domain's [`ReportLayout`],
//! the very layout the report's workbook and Word file write, as one printable sheet.

use leptos::prelude::*;

use crate::domain::workbook::{
    CountLine, CountTable, ReportLayout, TaskList, COUNT_WIDTHS, LIST_HEADERS, LIST_WIDTHS,
    REPORT_HEADERS, REPORT_WIDTHS,
};

/// `<col>` widths in percent of the table, from column widths in character units.
fn columns(widths: &[f64]) -> impl IntoView {
    let total: f64 = widths.iter().sum();
    widths
        .iter()
        .map(|w| {
            let style = format!("width: {:.2}%", w / total * 100.0);
            view! { <col style=style/> }
        })
        .collect_view()
}

fn count_line(line: &CountLine, total: bool) -> impl IntoView {
    let figures = line
        .figures()
        .into_iter()
        .map(|f| view! { <td class="money">{f}</td> })
        .collect_view();
    view! {
        <tr class:total=total>
            <td class="tt">{line.number.clone()}</td>
            <td class="text">{line.name.clone()}</td>
            {figures}
            <td class="money">{line.percent()}</td>
        </tr>
    }
}

fn count_table(table: &CountTable) -> impl IntoView {
    view! {
        <h3 class="report-part">{table.title.clone()}</h3>
        <table class="appendix-table" aria-label=table.title.clone()>
            <colgroup>{columns(&COUNT_WIDTHS)}</colgroup>
            <thead><tr>{table.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr></thead>
            <tbody>
                {table.lines.iter().map(|l| count_line(l, false)).collect_view()}
                {count_line(&table.total, true)}
            </tbody>
        </table>
        {table.note.map(|note| view! { <p class="report-note">{note}</p> })}
    }
}

fn task_list(list: &TaskList) -> AnyView {
    if list.rows.is_empty() {
        return view! {
            <h3 class="report-part">{list.title.clone()}</h3>
            <p class="report-note">{list.empty}</p>
        }
        .into_any();
    }
    view! {
        <h3 class="report-part">{list.title.clone()}</h3>
        <table class="appendix-table" aria-label=list.title.clone()>
            <colgroup>{columns(&LIST_WIDTHS)}</colgroup>
            <thead><tr>{LIST_HEADERS.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr></thead>
            <tbody>
                {list.rows.iter().map(|row| view! {
                    <tr class="task">{row.iter().map(|c| view! { <td class="text">{c.clone()}</td> }).collect_view()}</tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The whole report: heading, the count tables, the lists, the full table.
pub fn report_sheet(layout: &ReportLayout) -> AnyView {
    view! {
        {super::print::heading_block(&layout.heading)}
        {count_table(&layout.by_area)}
        {count_table(&layout.by_lead)}
        {task_list(&layout.overdue)}
        {task_list(&layout.due_next)}
        <h3 class="report-part">{layout.table_title}</h3>
        <table class="appendix-table" aria-label=layout.table_title>
            <colgroup>{columns(&REPORT_WIDTHS)}</colgroup>
            <thead><tr>{REPORT_HEADERS.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr></thead>
            <tbody>
                {layout.table.iter().map(|line| view! {
                    <tr class:area=line.bold class:task=!line.bold>
                        {line.cells.iter().map(|c| view! { <td class="text">{c.clone()}</td> }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
