//! "Báo cáo tiến độ": the periodic CCHC report of the open plan (Quý I, 6 tháng, Quý III,
//! năm), built in the domain (`progress_report::build_report`) while the panel is open: the
//! counts by status per area and per lead agency, the share done on time, the overdue tasks
//! and those due next period; and "Mốc báo cáo", the reporting year's start and cut-off days.

use leptos::prelude::*;

use super::export::{export_report, export_ui, ExportFormat};
use super::progress::{DayBox, TypedDay};
use super::state::progress::ProgressState;
use super::EditorState;
use crate::domain::progress::{Day, DayOfYear, ReportPeriod, ReportingRules, Status};
use crate::domain::progress_report::{
    build_report, ProgressReport, ReportRow, StatusCounts, Tally,
};
use crate::domain::workbook::ReportLayout;

/// The period whose data the day falls in, in the plan's year (the year's report after its
/// last cut-off, and for days of another year).
fn period_of(rules: &ReportingRules, year: i32, day: Day) -> ReportPeriod {
    ReportPeriod::ALL
        .into_iter()
        .find(|p| {
            let range = rules.range(*p, year);
            range.from <= day && day <= range.to
        })
        .unwrap_or(ReportPeriod::Year)
}

#[component]
pub fn ReportPanel() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let progress = expect_context::<ProgressState>();
    progress.refresh_today();
    let chosen = RwSignal::new(None::<ReportPeriod>);
    let period = Memo::new(move |_| {
        chosen.get().unwrap_or_else(|| {
            progress
                .rules
                .with(|r| period_of(r, state.plan_year.get(), progress.today.get()))
        })
    });
    let as_of_typed = TypedDay::new();
    // Another period: the day goes back to that period's cut-off.
    Effect::new(move |_| {
        period.track();
        as_of_typed.0.set(None);
    });
    let as_of = Memo::new(move |_| as_of_typed.day());
    let report = Memo::new(move |_| {
        let rules = progress.rules.get();
        let period = period.get();
        let as_of = as_of.get();
        state.track_plan(|plan| build_report(plan, &rules, period, as_of))
    });
    view! {
        <section class="review-panel report-panel" id="report-panel" aria-label="Báo cáo tiến độ">
            <h2>"Báo cáo tiến độ"</h2>
            <div class="report-choices" role="group" aria-label="Kỳ báo cáo">
                <label>"Kỳ báo cáo "
                    <select aria-label="Kỳ báo cáo"
                        on:change=move |ev| chosen.set(ReportPeriod::from_code(&event_target_value(&ev)))>
                        {ReportPeriod::ALL.into_iter().map(|p| view! {
                            <option value=p.code() selected=move || period.get() == p>{p.choice()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <DayBox label="Số liệu tính đến ngày" day=as_of_typed
                    shown=Signal::derive(move || report.with(|r| r.as_of.to_string()))
                    fallback="Báo cáo đang tính đến ngày chốt số liệu của kỳ."/>
            </div>
            {move || report.with(|r| {
                let range = r.range;
                view! {
                    <h3 class="report-title">{r.title()}</h3>
                    <p class="report-range">{format!(
                        "Số liệu từ ngày {} đến ngày {}; tình trạng tính đến ngày {}; gửi báo cáo trước ngày {}.",
                        range.from, range.to, r.as_of, range.send_by
                    )}</p>
                    <p class="report-total" aria-label="Tổng hợp tiến độ">{r.total.sentence()}</p>
                    {count_table("Theo lĩnh vực", "Lĩnh vực", &r.by_area, &r.total)}
                    {count_table("Theo cơ quan chủ trì", "Cơ quan chủ trì", &r.by_lead, &r.total)}
                    {row_list("Nhiệm vụ quá hạn", "Không có nhiệm vụ quá hạn.", &r.overdue)}
                    {row_list("Nhiệm vụ đến hạn kỳ sau", "Không có nhiệm vụ chưa hoàn thành đến hạn trong kỳ sau.", &r.due_next)}
                }
            })}
            <ReportExports period as_of report/>
            <ReportingRulesForm/>
        </section>
    }
}

fn count_table(
    caption: &'static str,
    first: &'static str,
    tallies: &[Tally],
    total: &StatusCounts,
) -> impl IntoView {
    let line = |name: String, counts: &StatusCounts, total: bool| {
        let cells = Status::ALL
            .into_iter()
            .map(|s| view! { <td class="number">{counts.get(s)}</td> })
            .collect_view();
        view! {
            <tr class:total=total>
                <th scope="row">{name}</th>
                <td class="number">{counts.total()}</td>
                {cells}
                <td class="number">{counts.on_time_share()}</td>
                <td class="number">{counts.overdue}</td>
            </tr>
        }
    };
    view! {
        <table class="report-counts" aria-label=format!("Số nhiệm vụ {}", caption.to_lowercase())>
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{first}</th>
                <th scope="col">"Tổng số"</th>
                {Status::ALL.into_iter().map(|s| view! { <th scope="col">{s.label()}</th> }).collect_view()}
                <th scope="col">"Đúng hạn"</th>
                <th scope="col">"Quá hạn"</th>
            </tr></thead>
            <tbody>
                {tallies.iter().map(|t| line(t.name.clone(), &t.counts, false)).collect_view()}
                {line("Tổng cộng".to_string(), total, true)}
            </tbody>
        </table>
    }
}

fn row_list(caption: &'static str, none: &'static str, rows: &[ReportRow]) -> impl IntoView {
    if rows.is_empty() {
        return view! { <h4>{caption}</h4><p>{none}</p> }.into_any();
    }
    view! {
        <table class="report-rows" aria-label=caption>
            <caption>{format!("{caption} ({})", rows.len())}</caption>
            <thead><tr>
                <th scope="col">"TT"</th>
                <th scope="col">"Nhiệm vụ"</th>
                <th scope="col">"Cơ quan chủ trì"</th>
                <th scope="col">"Thời hạn"</th>
                <th scope="col">"Tình trạng"</th>
            </tr></thead>
            <tbody>
                {rows.iter().map(|r| view! {
                    <tr>
                        <td>{r.number.clone()}</td>
                        <td>{r.content.clone()}</td>
                        <td>{r.lead.clone()}</td>
                        <td>{r.deadline.clone()}</td>
                        <td>{r.status.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// "Mốc báo cáo": the reporting year's first day and each period's cut-off, as dd/mm.
#[component]
fn ReportingRulesForm() -> impl IntoView {
    let progress = expect_context::<ProgressState>();
    let rules = progress.rules;
    let error = RwSignal::new(None::<String>);
    let day_field = move |label: &'static str,
                          get: fn(&ReportingRules) -> DayOfYear,
                          set: fn(&mut ReportingRules, DayOfYear)| {
        view! {
            <label>{label}" "
                <input type="text" class="day-of-year" inputmode="numeric" spellcheck="false" placeholder="dd/mm"
                    aria-label=label
                    prop:value=move || rules.with(|r| get(r).to_string())
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        match DayOfYear::parse(&text) {
                            Some(day) => {
                                error.set(None);
                                rules.update(|r| set(r, day));
                            }
                            None => error.set(Some(format!(
                                "“{text}” không phải ngày/tháng (ví dụ 14/3): {label} giữ nguyên."
                            ))),
                        }
                    }/>
            </label>
        }
    };
    view! {
        <details class="reporting-rules">
            <summary>"Mốc báo cáo"</summary>
            <p>"Theo Văn bản 581/BNV-CCHC: số liệu tính từ ngày 15/12 năm trước; chốt ngày 14/3, 14/6, 14/9, 14/12; gửi báo cáo trước ngày 20 của tháng cuối kỳ."</p>
            <div class="rules-fields">
                {day_field("Ngày bắt đầu năm báo cáo (năm trước)", |r| r.starts, |r, d| r.starts = d)}
                {day_field("Ngày chốt số liệu Quý I", |r| r.cut_offs[0], |r, d| r.cut_offs[0] = d)}
                {day_field("Ngày chốt số liệu 6 tháng", |r| r.cut_offs[1], |r, d| r.cut_offs[1] = d)}
                {day_field("Ngày chốt số liệu Quý III", |r| r.cut_offs[2], |r, d| r.cut_offs[2] = d)}
                {day_field("Ngày chốt số liệu năm", |r| r.cut_offs[3], |r, d| r.cut_offs[3] = d)}
            </div>
            <p class="field-error" role="alert">{move || error.get().unwrap_or_default()}</p>
            <button type="button" on:click=move |_| { error.set(None); rules.set(ReportingRules::default()); }>
                "Dùng mốc mặc định"
            </button>
        </details>
    }
}

/// "Xuất báo cáo Excel" and "Xuất báo cáo Word", through the documents worker, with what
/// they did said beside them.
#[component]
fn ReportExports(
    period: Memo<ReportPeriod>,
    as_of: Memo<Option<Day>>,
    report: Memo<ProgressReport>,
) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let progress = expect_context::<ProgressState>();
    let ui = export_ui();
    let message = RwSignal::new(None::<(String, bool)>);
    let export = move |word: bool| {
        message.set(None);
        export_report(
            ui,
            state,
            word,
            progress.rules.get_untracked(),
            period.get_untracked(),
            as_of.get_untracked(),
            move |text, error| message.set(Some((text, error))),
        );
    };
    let busy =
        move |format: ExportFormat| ui.exporting.get() && ui.exporting_format.get() == format;
    view! {
        <div class="form-actions report-exports" role="group" aria-label="Xuất báo cáo">
            <button type="button" aria-busy=move || busy(ExportFormat::ReportExcel).then_some("true")
                disabled=move || ui.exporting.get() on:click=move |_| export(false)>
                {move || if busy(ExportFormat::ReportExcel) { "Đang xuất…" } else { "Xuất báo cáo Excel" }}
            </button>
            <button type="button" aria-busy=move || busy(ExportFormat::ReportWord).then_some("true")
                disabled=move || ui.exporting.get() on:click=move |_| export(true)>
                {move || if busy(ExportFormat::ReportWord) { "Đang xuất…" } else { "Xuất báo cáo Word" }}
            </button>
            <button type="button" data-action="print-report" on:click=move |_| {
                let province = state.read_plan(|p| p.province.clone());
                ui.printing_report.set(Some(report.with_untracked(|r| ReportLayout::new(r, &province))));
                ui.printing.set(true);
            }>"Xem bản in báo cáo"</button>
            <super::SaidHere message/>
        </div>
    }
}
