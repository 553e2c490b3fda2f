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
use super::update_form::download_form;
use super::EditorState;
use crate::domain::history::Field;
use crate::domain::plan::{Item, Plan, Row, RowId};
use crate::domain::progress::{
    due_day, Day, Progress, ProgressEdit, ReportPeriod, ReportingRules, Status,
};
use crate::domain::update_form::{lead_agencies, UpdateForm};

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
    let as_of_typed = TypedDay::new();
    let as_of = Memo::new(move |_| as_of_typed.day().unwrap_or_else(|| progress.today.get()));
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
                <DayBox label="Tính quá hạn đến ngày" day=as_of_typed
                    shown=Signal::derive(move || as_of.get().to_string())
                    fallback="Đang tính quá hạn đến hôm nay."/>
            </div>
            <SendForms leads=Signal::derive(move || options.with(|o| o.1.clone()))/>
            <p class="progress-summary" role="status" aria-label="Tóm tắt tiến độ">{summary}</p>
            <Show when=move || listed.with(|l| l.tasks > 0)
                fallback=|| view! { <p>"Kế hoạch chưa có nhiệm vụ nào để theo dõi."</p> }>
                <table class="progress-table" aria-label="Tiến độ từng nhiệm vụ">
                    <thead><tr>
                        <th scope="col">"TT"</th>
                        <th scope="col">"Nhiệm vụ"</th>
                        <th scope="col">"Cơ quan chủ trì"</th>
                        <th scope="col">"Thời hạn"</th>
                        {progress_headers()}
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
    let on_edit = Callback::new(move |edit: ProgressEdit| {
        let today = as_of.get_untracked();
        // Typing in a text box is one undo step per box; a choice is a step of its own.
        let field = match edit {
            ProgressEdit::Result(_) => Some(Field::Result),
            ProgressEdit::Reached(_) => Some(Field::Reached),
            ProgressEdit::Reason(_) => Some(Field::Reason),
            ProgressEdit::Status(_) | ProgressEdit::CompletedOn(_) => None,
        };
        let change =
            move |plan: &mut Plan| plan.update_task(id, |t| edit.apply(&mut t.progress, today));
        match field {
            Some(field) => state.edit_row(id, field, change),
            None => {
                state.edit(None, change);
            }
        }
    });
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
            <ProgressCells number=Signal::derive(number) progress=Signal::derive(progress) on_edit/>
        </tr>
    }
}

/// A day the drafter may type (dd/mm/yyyy) in place of a default: what is typed, until
/// the box is emptied again.
#[derive(Clone, Copy)]
pub(super) struct TypedDay(pub RwSignal<Option<String>>);

impl TypedDay {
    pub fn new() -> TypedDay {
        TypedDay(RwSignal::new(None))
    }

    /// The typed day, when what is typed reads as one (tracked).
    pub fn day(self) -> Option<Day> {
        self.0.with(|t| t.as_deref().and_then(Day::parse))
    }

    /// Whether something is typed that is not a day (tracked).
    pub fn bad(self) -> bool {
        self.0.with(|t| {
            t.as_ref()
                .is_some_and(|t| !t.trim().is_empty() && Day::parse(t).is_none())
        })
    }
}

/// The box of a [`TypedDay`] named `label`, showing `shown` while nothing is typed; a day
/// that does not read is kept as typed, marked, and said with `fallback` (what is used
/// meanwhile).
#[component]
pub(super) fn DayBox(
    label: &'static str,
    day: TypedDay,
    shown: Signal<String>,
    fallback: &'static str,
) -> impl IntoView {
    view! {
        <label>{label}" "
            <input type="text" class="day" inputmode="numeric" spellcheck="false" placeholder="dd/mm/yyyy"
                aria-label=label aria-invalid=move || day.bad().to_string()
                prop:value=move || day.0.get().unwrap_or_else(|| shown.get())
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    day.0.set((!text.trim().is_empty()).then_some(text));
                }/>
        </label>
        <Show when=move || day.bad()>
            <p class="field-error" role="alert">
                {format!("Ngày không đọc được: hãy viết theo dạng ngày/tháng/năm, ví dụ 31/3/2027. {fallback}")}
            </p>
        </Show>
    }
}

/// The headers of [`ProgressCells`]' columns.
pub(super) fn progress_headers() -> impl IntoView {
    [
        "Tình trạng",
        "Ngày hoàn thành",
        "Kết quả thực hiện",
        "Giá trị đạt",
        "Lý do (nếu không thực hiện)",
    ]
    .map(|h| view! { <th scope="col">{h}</th> })
}

/// The progress fields of one task (status, day done, result, value reached, reason) as
/// table cells, named after the task's number; each change goes to `on_edit`. Shared by
/// the plan's progress view and the agency's form ("Phiếu cập nhật tiến độ").
#[component]
pub(super) fn ProgressCells(
    number: Signal<String>,
    progress: Signal<Progress>,
    on_edit: Callback<ProgressEdit>,
) -> impl IntoView {
    let state = expect_context::<EditorState>();
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
            on_edit.run(ProgressEdit::CompletedOn(None));
            return;
        }
        match Day::parse(trimmed) {
            Some(day) => {
                day_draft.set(None);
                on_edit.run(ProgressEdit::CompletedOn(Some(day)));
            }
            None => day_draft.set(Some(text)),
        }
    };
    let text_field = move |label: &'static str,
                           get: fn(&Progress) -> &String,
                           make: fn(String) -> ProgressEdit| {
        view! {
            <textarea rows="1" spellcheck="false" lang="vi"
                aria-label=move || format!("{label} nhiệm vụ {}", number.get())
                prop:value=move || progress.with(|p| get(p).clone())
                on:input=move |ev| on_edit.run(make(event_target_value(&ev)))
                on:blur=move |_| state.seal()></textarea>
        }
    };
    view! {
        <td>
            <select aria-label=move || format!("Tình trạng nhiệm vụ {}", number.get())
                on:change=move |ev| {
                    if let Some(status) = Status::from_code(&event_target_value(&ev)) {
                        on_edit.run(ProgressEdit::Status(status));
                    }
                }>
                {Status::ALL.into_iter().map(|s| view! {
                    <option value=s.code() selected=move || progress.with(|p| p.status == s)>{s.label()}</option>
                }).collect_view()}
            </select>
        </td>
        <td>
            <input type="text" class="day" inputmode="numeric" spellcheck="false" placeholder="dd/mm/yyyy"
                aria-label=move || format!("Ngày hoàn thành nhiệm vụ {}", number.get())
                aria-invalid=move || day_bad().to_string()
                prop:value=move || day_draft.get().unwrap_or_else(|| progress.with(|p| p.completed_on.map(|d| d.to_string()).unwrap_or_default()))
                on:change=move |ev| set_day(event_target_value(&ev))/>
            <Show when=day_bad>
                <span class="field-error" role="alert">"Viết ngày theo dạng ngày/tháng/năm, ví dụ 20/3/2027."</span>
            </Show>
        </td>
        <td>{text_field("Kết quả thực hiện", |p| &p.result, ProgressEdit::Result)}</td>
        <td>{text_field("Giá trị đạt", |p| &p.reached, ProgressEdit::Reached)}</td>
        <td>{text_field("Lý do", |p| &p.reason, ProgressEdit::Reason)}</td>
    }
}

/// "Gửi phiếu cập nhật": a form file for one lead agency, or one per lead agency.
#[component]
fn SendForms(leads: Signal<Vec<String>>) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let progress = expect_context::<ProgressState>();
    let recipient = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(String, bool)>);
    let send = move |_| {
        let who = recipient.get_untracked();
        let today = progress.today.get_untracked();
        let forms: Vec<UpdateForm> = state.read_plan(|plan| {
            let agencies = match who.as_str() {
                "" => Vec::new(),
                ALL_LEADS => lead_agencies(plan),
                one => vec![one.to_string()],
            };
            agencies
                .iter()
                .map(|agency| UpdateForm::for_agency(plan, agency, today))
                .collect()
        });
        if forms.is_empty() {
            message.set(Some(("Hãy chọn cơ quan nhận phiếu.".to_string(), true)));
            return;
        }
        let mut names = Vec::new();
        for form in &forms {
            match download_form(form) {
                Ok(name) => names.push(name),
                Err(error) => return message.set(Some((error, true))),
            }
        }
        let text = match forms.as_slice() {
            [form] => format!(
                "Đã tạo phiếu cập nhật cho {} ({} nhiệm vụ): {}. Gửi tệp này cho cơ quan; khi nhận lại phiếu trả lời, mở tệp đó bằng “Mở tệp”.",
                form.agency,
                form.tasks.len(),
                names[0]
            ),
            _ => format!(
                "Đã tạo {} phiếu cập nhật: {}. Gửi mỗi tệp cho cơ quan của nó; khi nhận lại phiếu trả lời, mở tệp đó bằng “Mở tệp”.",
                forms.len(),
                names.join(", ")
            ),
        };
        message.set(Some((text, false)));
    };
    view! {
        <div class="send-forms" role="group" aria-label="Gửi phiếu cập nhật">
            <label>"Gửi phiếu cập nhật cho "
                <select aria-label="Cơ quan nhận phiếu" on:change=move |ev| recipient.set(event_target_value(&ev))>
                    <option value="" selected=move || recipient.with(String::is_empty)>"Chọn cơ quan chủ trì…"</option>
                    <option value=ALL_LEADS>"Tất cả cơ quan chủ trì (mỗi cơ quan một phiếu)"</option>
                    {move || leads.get().into_iter().map(|name| {
                        let chosen = name.clone();
                        let value = name.clone();
                        view! { <option value=value selected=move || recipient.with(|r| *r == chosen)>{name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <button type="button" on:click=send
                title="Tải về một tệp chỉ có các nhiệm vụ do cơ quan này chủ trì, để cơ quan điền tiến độ rồi gửi lại">
                "Tạo phiếu cập nhật"
            </button>
            <super::SaidHere message/>
        </div>
    }
}

/// The recipient value that sends one form per lead agency.
const ALL_LEADS: &str = "*";
