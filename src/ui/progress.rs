//! "Theo dõi tiến độ": the plan through the year. Each task's status, day done, result, value
//! reached and reason, edited in place (part of the plan: its file, undo and autosave), with
//! filters by status, area, lead agency and due period; tasks overdue on the chosen day stand
//! out. The report of a period ("Báo cáo tiến độ") is `ui/report.rs`.
//!
//! The list is derived from the whole plan only while the panel is open; each line reads its
//! own row's signal, so editing one task's status re-renders that line only.

use std::sync::Arc;

use leptos::prelude::*;

use super::review::{go_to_row, ReviewState};
use super::state::progress::ProgressState;
use super::EditorState;
use crate::domain::history::Field;
use crate::domain::plan::{Item, Plan, Row, RowId};
use crate::domain::progress::{due_day, Day, Progress, ReportPeriod, ReportingRules, Status};

/// The status filter's choices: every status, and the overdue ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StatusFilter {
    All,
    Is(Status),
    Overdue,
}

impl StatusFilter {
    fn from_value(value: &str) -> StatusFilter {
        match value {
            "overdue" => StatusFilter::Overdue,
            code => Status::from_code(code).map_or(StatusFilter::All, StatusFilter::Is),
        }
    }
}

/// What the filters chose.
#[derive(Clone, Debug, PartialEq)]
struct Filters {
    status: StatusFilter,
    /// An area's row id.
    area: Option<RowId>,
    lead: String,
    due_in: Option<ReportPeriod>,
    as_of: Day,
}

/// The tasks the filters keep, in table order, and how many tasks there are, how many of
/// them overdue.
#[derive(Clone, Debug, PartialEq, Default)]
struct Listing {
    rows: Vec<RowId>,
    tasks: usize,
    overdue: usize,
}

fn is_overdue(plan_year: i32, deadline: &str, progress: &Progress, as_of: Day) -> bool {
    progress.status.is_open() && due_day(deadline, plan_year).is_some_and(|due| due < as_of)
}

fn listing(plan: &Plan, rules: &ReportingRules, filters: &Filters) -> Listing {
    let mut out = Listing::default();
    let range = filters.due_in.map(|p| rules.range(p, plan.year));
    let mut area = None;
    for row in plan.rows() {
        let task = match &row.item {
            Item::Area { .. } => {
                area = Some(row.id);
                continue;
            }
            Item::Group { .. } => continue,
            Item::Task(task) => task,
        };
        out.tasks += 1;
        let overdue = is_overdue(plan.year, &task.deadline, &task.progress, filters.as_of);
        out.overdue += usize::from(overdue);
        let keep = match filters.status {
            StatusFilter::All => true,
            StatusFilter::Is(status) => task.progress.status == status,
            StatusFilter::Overdue => overdue,
        } && filters.area.is_none_or(|a| area == Some(a))
            && (filters.lead.is_empty() || task.lead.contains(&filters.lead))
            && range.is_none_or(|range| {
                due_day(&task.deadline, plan.year).is_some_and(|d| range.from <= d && d <= range.to)
            });
        if keep {
            out.rows.push(row.id);
        }
    }
    out
}

/// The areas (id, title) and the lead agencies of the plan, for the filters' choices.
fn choices(plan: &Plan) -> (Vec<(RowId, String)>, Vec<String>) {
    let areas = plan
        .rows()
        .iter()
        .filter_map(|r| match &r.item {
            Item::Area { title } => Some((r.id, title.clone())),
            _ => None,
        })
        .collect();
    let mut leads: Vec<String> = plan
        .rows()
        .iter()
        .filter_map(|r| r.task())
        .flat_map(|t| t.lead.iter().cloned())
        .filter(|l| !l.trim().is_empty())
        .collect();
    leads.sort();
    leads.dedup();
    (areas, leads)
}

#[component]
pub fn ProgressPanel() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let progress = expect_context::<ProgressState>();
    progress.refresh_today();
    let status = RwSignal::new(StatusFilter::All);
    let area = RwSignal::new(None::<RowId>);
    let lead = RwSignal::new(String::new());
    let due_in = RwSignal::new(None::<ReportPeriod>);
    // The day overdue is judged on: today unless the drafter types another.
    let as_of_typed = RwSignal::new(None::<String>);
    let as_of = Memo::new(move |_| {
        as_of_typed
            .get()
            .and_then(|t| Day::parse(&t))
            .unwrap_or_else(|| progress.today.get())
    });
    let as_of_bad = move || {
        as_of_typed
            .get()
            .is_some_and(|t| !t.trim().is_empty() && Day::parse(&t).is_none())
    };
    let filters = Memo::new(move |_| Filters {
        status: status.get(),
        area: area.get(),
        lead: lead.get(),
        due_in: due_in.get(),
        as_of: as_of.get(),
    });
    let listed = Memo::new(move |_| {
        let rules = progress.rules.get();
        filters.with(|f| state.track_plan(|plan| listing(plan, &rules, f)))
    });
    let options = Memo::new(move |_| state.track_plan(choices));
    let summary = move || {
        listed.with(|l| {
            format!(
                "Đang hiện {} trong {} nhiệm vụ; {} nhiệm vụ quá hạn tính đến ngày {}.",
                l.rows.len(),
                l.tasks,
                l.overdue,
                as_of.get()
            )
        })
    };
    view! {
        <section class="review-panel progress-panel" id="progress-panel" aria-label="Theo dõi tiến độ">
            <h2>"Theo dõi tiến độ thực hiện"</h2>
            <div class="progress-filters" role="group" aria-label="Lọc nhiệm vụ">
                <label>"Tình trạng "
                    <select aria-label="Lọc theo tình trạng"
                        on:change=move |ev| status.set(StatusFilter::from_value(&event_target_value(&ev)))>
                        <option value="" selected=move || status.get() == StatusFilter::All>"Tất cả"</option>
                        {Status::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=move || status.get() == StatusFilter::Is(s)>{s.label()}</option>
                        }).collect_view()}
                        <option value="overdue" selected=move || status.get() == StatusFilter::Overdue>"Quá hạn"</option>
                    </select>
                </label>
                <label>"Lĩnh vực "
                    <select aria-label="Lọc theo lĩnh vực"
                        on:change=move |ev| area.set(event_target_value(&ev).parse().ok())>
                        <option value="" selected=move || area.get().is_none()>"Tất cả lĩnh vực"</option>
                        {move || options.with(|(areas, _)| areas.iter().map(|(id, title)| {
                            let id = *id;
                            view! { <option value=id.to_string() selected=move || area.get() == Some(id)>{title.clone()}</option> }
                        }).collect_view())}
                    </select>
                </label>
                <label>"Cơ quan chủ trì "
                    <select aria-label="Lọc theo cơ quan chủ trì"
                        on:change=move |ev| lead.set(event_target_value(&ev))>
                        <option value="" selected=move || lead.with(String::is_empty)>"Tất cả cơ quan"</option>
                        {move || options.with(|(_, leads)| leads.iter().map(|name| {
                            let value = name.clone();
                            let chosen = name.clone();
                            view! { <option value=value selected=move || lead.with(|l| *l == chosen)>{name.clone()}</option> }
                        }).collect_view())}
                    </select>
                </label>
                <label>"Đến hạn trong "
                    <select aria-label="Lọc theo kỳ đến hạn"
                        on:change=move |ev| due_in.set(ReportPeriod::from_code(&event_target_value(&ev)))>
                        <option value="" selected=move || due_in.get().is_none()>"Mọi thời hạn"</option>
                        {ReportPeriod::ALL.into_iter().map(|p| view! {
                            <option value=p.code() selected=move || due_in.get() == Some(p)>{p.choice()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"Tính quá hạn đến ngày "
                    <input type="text" class="day" inputmode="numeric" spellcheck="false" placeholder="dd/mm/yyyy"
                        aria-label="Tính quá hạn đến ngày" aria-invalid=move || as_of_bad().to_string()
                        prop:value=move || as_of_typed.get().unwrap_or_else(|| as_of.get().to_string())
                        on:change=move |ev| {
                            let text = event_target_value(&ev);
                            as_of_typed.set((!text.trim().is_empty()).then_some(text));
                        }/>
                </label>
            </div>
            <p class="progress-summary" role="status" aria-label="Tóm tắt tiến độ">{summary}</p>
            <Show when=as_of_bad>
                <p class="field-error" role="alert">"Ngày không đọc được: hãy viết theo dạng ngày/tháng/năm, ví dụ 31/3/2027. Đang tính quá hạn đến hôm nay."</p>
            </Show>
            <Show when=move || listed.with(|l| l.tasks > 0)
                fallback=|| view! { <p>"Kế hoạch chưa có nhiệm vụ nào để theo dõi."</p> }>
                <table class="progress-table" aria-label="Tiến độ từng nhiệm vụ">
                    <thead><tr>
                        <th scope="col">"TT"</th>
                        <th scope="col">"Nhiệm vụ"</th>
                        <th scope="col">"Cơ quan chủ trì"</th>
                        <th scope="col">"Thời hạn"</th>
                        <th scope="col">"Tình trạng"</th>
                        <th scope="col">"Ngày hoàn thành"</th>
                        <th scope="col">"Kết quả thực hiện"</th>
                        <th scope="col">"Giá trị đạt"</th>
                        <th scope="col">"Lý do (nếu không thực hiện)"</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || { let opened = state.opened(); listed.with(|l| l.rows.iter().map(|id| (opened, *id)).collect::<Vec<_>>()) }
                            key=|key| *key let((_, id))>
                            <ProgressLine id as_of/>
                        </For>
                    </tbody>
                </table>
            </Show>
        </section>
    }
}

/// One task's line: its text, then its progress fields.
#[component]
fn ProgressLine(id: RowId, as_of: Memo<Day>) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let review = expect_context::<ReviewState>();
    let row: Signal<Option<Arc<Row>>> = state.row_signal(id).into();
    let year = state.plan_year;
    let read = move |f: fn(&crate::domain::plan::Task) -> String| {
        row.with(|r| r.as_ref().and_then(|r| r.task()).map(f).unwrap_or_default())
    };
    let progress = move || {
        row.with(|r| {
            r.as_ref()
                .and_then(|r| r.task())
                .map(|t| t.progress.clone())
                .unwrap_or_default()
        })
    };
    let number = move || review.number(id);
    let overdue = move || {
        row.with(|r| {
            r.as_ref()
                .and_then(|r| r.task())
                .is_some_and(|t| is_overdue(year.get(), &t.deadline, &t.progress, as_of.get()))
        })
    };
    let due = move || {
        row.with(|r| {
            r.as_ref()
                .and_then(|r| r.task())
                .and_then(|t| due_day(&t.deadline, year.get()))
        })
    };
    let set_status = move |code: String| {
        let Some(status) = Status::from_code(&code) else {
            return;
        };
        let today = as_of.get_untracked();
        state.edit(None, |plan| {
            plan.update_task(id, |t| {
                t.progress.status = status;
                // Done: the day is today unless one was written.
                if status.is_done() && t.progress.completed_on.is_none() {
                    t.progress.completed_on = Some(today);
                }
                if !status.is_done() {
                    t.progress.completed_on = None;
                }
            })
        });
    };
    // The day done as typed, until it reads as a day.
    let day_draft = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        state.epoch.track();
        day_draft.set(None);
    });
    let day_bad = move || day_draft.with(|d| d.as_ref().is_some_and(|t| Day::parse(t).is_none()));
    let set_day = move |text: String| {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            day_draft.set(None);
            state.edit(None, |plan| {
                plan.update_task(id, |t| t.progress.completed_on = None)
            });
            return;
        }
        match Day::parse(trimmed) {
            Some(day) => {
                day_draft.set(None);
                state.edit(None, |plan| {
                    plan.update_task(id, |t| t.progress.completed_on = Some(day))
                });
            }
            None => day_draft.set(Some(text)),
        }
    };
    let text_field = move |field: Field,
                           label: &'static str,
                           get: fn(&Progress) -> &String,
                           set: fn(&mut Progress, String)| {
        let name = move || format!("{label} nhiệm vụ {}", number());
        view! {
            <textarea rows="1" spellcheck="false" lang="vi" aria-label=name
                prop:value=move || row.with(|r| r.as_ref().and_then(|r| r.task()).map(|t| get(&t.progress).clone()).unwrap_or_default())
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    state.edit_row(id, field, |p| p.update_task(id, |t| set(&mut t.progress, text)));
                }
                on:blur=move |_| state.seal()></textarea>
        }
    };
    view! {
        <tr class:overdue=overdue data-row-progress=id.to_string()>
            <td><button type="button" class="goto" title="Đến dòng này trong bảng"
                on:click=move |_| go_to_row(state, id)>{number}</button></td>
            <td>{move || read(|t| t.content.clone())}</td>
            <td>{move || read(|t| t.lead.join("; "))}</td>
            <td class="deadline-cell">
                {move || read(|t| t.deadline.clone())}
                {move || overdue().then(|| view! {
                    <span class="overdue-badge">" Quá hạn"{due().map(|d| format!(" (từ {})", d.next())).unwrap_or_default()}</span>
                })}
            </td>
            <td>
                <select aria-label=move || format!("Tình trạng nhiệm vụ {}", number())
                    on:change=move |ev| set_status(event_target_value(&ev))>
                    {Status::ALL.into_iter().map(|s| view! {
                        <option value=s.code() selected=move || progress().status == s>{s.label()}</option>
                    }).collect_view()}
                </select>
            </td>
            <td>
                <input type="text" class="day" inputmode="numeric" spellcheck="false" placeholder="dd/mm/yyyy"
                    aria-label=move || format!("Ngày hoàn thành nhiệm vụ {}", number())
                    aria-invalid=move || day_bad().to_string()
                    prop:value=move || day_draft.get().unwrap_or_else(|| progress().completed_on.map(|d| d.to_string()).unwrap_or_default())
                    on:change=move |ev| set_day(event_target_value(&ev))/>
                <Show when=day_bad>
                    <span class="field-error" role="alert">"Viết ngày theo dạng ngày/tháng/năm, ví dụ 20/3/2027."</span>
                </Show>
            </td>
            <td>{text_field(Field::Result, "Kết quả thực hiện", |p| &p.result, |p, v| p.result = v)}</td>
            <td>{text_field(Field::Reached, "Giá trị đạt", |p| &p.reached, |p, v| p.reached = v)}</td>
            <td>{text_field(Field::Reason, "Lý do", |p| &p.reason, |p, v| p.reason = v)}</td>
        </tr>
    }
}
