//! What a reviewer at the Sở Nội vụ would catch: moving the plan to another year, the plan
//! check with a marker on every row it concerns, and the tools bar that opens the agency
//! and timeline panels.
//!
//! The check runs in the domain (`Checker`, which reuses each unchanged row's findings) once
//! per plan change, in one memo ([`ReviewState`], `ui/state/review.rs`); each row's marker
//! reads its own memo of that result, so a row re-renders only when its findings change.

use leptos::prelude::*;

use super::agencies::{AgencySettings, RenamePanel};
use super::par_index::{ParIndexPanel, ParIndexState};
use super::progress::ProgressPanel;
use super::report::ReportPanel;
use super::timeline::Timeline;
use super::{new_plan_id, EditorState, Said, SaidHere};
use crate::domain::plan::{Plan, RowId};
use crate::domain::review::{apply_fix, FindingKind, RollFlag, Severity, TextFix};
use crate::domain::rollover::{roll_plan, roll_task_to_plan_year, RollReport};

// `ui/mod.rs` and the panels name it here.
pub use super::state::review::ReviewState;

/// Focuses a row's first field and scrolls it to the middle of the screen.
pub fn go_to_row(state: EditorState, id: RowId) {
    state.focus_row_at(id, crate::platform::Placement::Center);
}

/// What the check says of one row: the marker's label ("Có 2 lưu ý"), the messages one per
/// line, their count, whether one is an error. One memo per row, read by its marker and by
/// its description, so a row re-renders only when its own findings change.
pub type RowFindings = Memo<Option<(String, String, usize, bool)>>;

/// The memo of a row's findings (none outside the app, where no check runs).
pub fn row_findings(id: RowId) -> Option<RowFindings> {
    let review = use_context::<ReviewState>()?;
    Some(Memo::new(move |_| {
        review.review.with(|r| {
            r.marker_label(id).map(|label| {
                let error = r
                    .of_row(id)
                    .iter()
                    .any(|f| f.kind.severity() == Severity::Error);
                (label, r.marker_title(id), r.of_row(id).len(), error)
            })
        })
    }))
}

/// The id of the element holding a row's findings as text: the row's accessible
/// description (`aria-describedby`).
pub fn findings_text_id(id: RowId) -> String {
    format!("findings-{id}")
}

/// The marker of a row's findings, inside its TT cell. It has no text of its own (the
/// count is drawn by CSS), so the TT cell still reads as the number. It is a Tab stop: when
/// focused it shows the messages (CSS), and a screen reader reads them as its description.
#[component]
pub fn RowMarker(findings: Option<RowFindings>, id: RowId) -> impl IntoView {
    let Some(marker) = findings else {
        return ().into_any();
    };
    (move || {
        marker.get().map(|(label, title, count, error)| {
            view! {
                <span class="findings" class:error=error role="img" tabindex="0" aria-label=label
                    aria-describedby=findings_text_id(id) title=title.clone()
                    data-count=count.to_string() data-messages=title></span>
            }
        })
    })
    .into_any()
}

/// A row's findings as text, hidden: what the row's and the marker's `aria-describedby`
/// point to (empty when the row has none). Kept out of the TT cell, whose text is the number.
#[component]
pub fn RowFindingsText(findings: Option<RowFindings>, id: RowId) -> impl IntoView {
    let text = move || {
        findings
            .and_then(|f| f.get())
            .map(|(label, title, ..)| format!("{label}: {}", title.replace('\n', " ")))
    };
    view! { <span hidden id=findings_text_id(id)>{text}</span> }
}

/// The tools above the table: moving the plan to another year, and the panels.
#[component]
pub fn ReviewTools() -> impl IntoView {
    let review = expect_context::<ReviewState>();
    let check_open = RwSignal::new(false);
    let rename_open = RwSignal::new(false);
    let timeline_open = RwSignal::new(false);
    let settings_open = RwSignal::new(false);
    let progress_open = RwSignal::new(false);
    let report_open = RwSignal::new(false);
    let par_open = RwSignal::new(false);
    let summary = move || {
        review.review.with(|r| {
            let (errors, warnings) = r.counts();
            if r.is_empty() {
                "Không có lưu ý".to_string()
            } else {
                format!("{errors} lỗi, {warnings} cần xem")
            }
        })
    };
    let toggle = |open: RwSignal<bool>, controls: &'static str, label: &'static str| {
        view! {
            <button type="button" aria-expanded=move || open.get().to_string() aria-controls=controls
                class:active=move || open.get() on:click=move |_| open.update(|o| *o = !*o)>{label}</button>
        }
    };
    view! {
        <section class="review-tools" aria-label="Rà soát kế hoạch">
            <RollForward/>
            <div class="tool-group">
                {toggle(check_open, "plan-check", "Kiểm tra kế hoạch")}
                <span class="badge">{summary}</span>
                {toggle(rename_open, "rename-panel", "Cập nhật tên cơ quan")}
                {toggle(timeline_open, "timeline", "Tiến độ theo quý")}
                {toggle(settings_open, "agency-settings", "Danh mục cơ quan")}
            </div>
            <div class="tool-group">
                {toggle(progress_open, "progress-panel", "Theo dõi tiến độ")}
                {toggle(report_open, "report-panel", "Báo cáo tiến độ")}
                {toggle(par_open, "par-index", "Chỉ số CCHC")}
            </div>
            <RollReportView/>
            <Show when=move || check_open.get()><PlanCheck/></Show>
            <Show when=move || rename_open.get()><RenamePanel open=rename_open/></Show>
            <Show when=move || timeline_open.get()><Timeline/></Show>
            <Show when=move || settings_open.get()><AgencySettings/></Show>
            <Show when=move || progress_open.get()><ProgressPanel/></Show>
            <Show when=move || report_open.get()><ReportPanel/></Show>
            <Show when=move || par_open.get()><ParIndexPanel/></Show>
        </section>
    }
}

/// Moves `plan` (a new plan: its own id) to the year `to`, stores and opens it (the plan on
/// screen stays in the list), and keeps the move's report and the deadlines it left for
/// review in the plan check. Returns the report (for the message).
pub fn start_rolled_plan(
    state: EditorState,
    review: ReviewState,
    mut plan: Plan,
    to: i32,
) -> RollReport {
    let report = roll_plan(&mut plan, to);
    state.start_new_plan(plan);
    review.roll_opened.set_value(state.opened());
    review.flags.set(
        report
            .review()
            .map(|t| RollFlag {
                row: t.row,
                text: t.after.clone(),
                year: to,
            })
            .collect(),
    );
    review.last_roll.set(Some(report.clone()));
    state.epoch.update(|n| *n += 1);
    report
}

/// "Tạo kế hoạch năm ... từ kế hoạch này": a year and a button; a new plan for that year,
/// deadlines moved, and the plan on screen kept as it was in the list.
#[component]
fn RollForward() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let review = expect_context::<ReviewState>();
    let typed = RwSignal::new(None::<String>);
    let plan_year = move || state.plan_year.get();
    let shown = move || typed.get().unwrap_or_else(|| (plan_year() + 1).to_string());
    // Another plan, or an undo, resets the field to the year after the plan's.
    Effect::new(move |_| {
        state.epoch.track();
        typed.set(None);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(to) = shown().trim().parse::<i32>() else {
            state.say("Năm chuyển đến phải là số, ví dụ 2027.", true);
            return;
        };
        if !(2000..=2100).contains(&to) {
            state.say("Năm chuyển đến phải từ 2000 đến 2100.", true);
            return;
        }
        if to == plan_year() {
            state.say(format!("Kế hoạch đã là năm {to}."), true);
            return;
        }
        // A new plan: last year's stays in the list as it was.
        let mut next = state.read_plan(Plan::clone);
        next.id = new_plan_id();
        let report = start_rolled_plan(state, review, next, to);
        state.say(
            format!(
                "{}. Đã tạo kế hoạch năm {to} từ kế hoạch năm {}; kế hoạch năm {} vẫn giữ nguyên trong danh sách kế hoạch.",
                report.summary(),
                report.from,
                report.from
            ),
            false,
        );
    };
    view! {
        <form class="roll-forward" aria-label="Tạo kế hoạch năm ... từ kế hoạch này" on:submit=submit>
            <label>"Năm mới"
                <input type="number" min="2000" max="2100" prop:value=shown
                    on:input=move |ev| typed.set(Some(event_target_value(&ev)))/>
            </label>
            <button type="submit">{move || format!("Tạo kế hoạch năm {} từ kế hoạch này", shown().trim())}</button>
        </form>
    }
}

/// The result of the last move: how many deadlines moved, and those to read again; the old
/// years and place names in the tasks' texts (also listed, with proposals, in the check).
#[component]
fn RollReportView() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let review = expect_context::<ReviewState>();
    // Shown while the plan is still of the year it was moved to.
    let report = move || {
        let year = state.plan_year.get();
        review
            .last_roll
            .get()
            .filter(|r| r.to == year && r.from != r.to)
    };
    move || {
        report().map(|report| {
            let flagged: Vec<_> = report.review().cloned().collect();
            let mentions = report.mentions.clone();
            view! {
                <div class="roll-report" aria-label="Kết quả chuyển năm" role="region">
                    <p><strong>{report.summary()}</strong>
                        {format!(" (từ năm {} sang năm {}).", report.from, report.to)}
                        <button type="button" class="small" on:click=move |_| review.last_roll.set(None)>"Đóng"</button>
                    </p>
                    {(!flagged.is_empty()).then(|| view! {
                        <p>"Thời hạn cần xem lại:"</p>
                        <ul>
                            {flagged.into_iter().map(|t| {
                                let row = t.row;
                                view! {
                                    <li>
                                        <button type="button" class="goto" on:click=move |_| go_to_row(state, row)>
                                            {move || format!("Đến dòng {}", review.number(row))}
                                        </button>
                                        " “" {t.after.clone()} "”"
                                        {(t.before != t.after).then(|| format!(" (trước: “{}”)", t.before))}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    })}
                    {(!mentions.is_empty()).then(|| view! {
                        <p>"Năm, địa danh cũ trong nội dung (có đề xuất sửa trong “Kiểm tra kế hoạch”):"</p>
                        <ul>
                            {mentions.into_iter().map(|(row, m)| view! {
                                <li>
                                    <button type="button" class="goto" on:click=move |_| go_to_row(state, row)>
                                        {move || format!("Đến dòng {}", review.number(row))}
                                    </button>
                                    " " {m.message}
                                </li>
                            }).collect_view()}
                        </ul>
                    })}
                </div>
            }
        })
    }
}

/// One line of the check panel.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Line {
    row: RowId,
    number: String,
    message: String,
    /// A proposed change of the task's text ("Áp dụng đề xuất").
    fix: Option<TextFix>,
}

/// "Kiểm tra kế hoạch": every finding, by kind, each with a link to its row.
#[component]
fn PlanCheck() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let review = expect_context::<ReviewState>();
    let par = expect_context::<ParIndexState>();
    let groups = Memo::new(move |_| {
        review.numbers.with(|numbers| {
            review.review.with(|r| {
                FindingKind::ALL
                    .iter()
                    .filter_map(|&kind| {
                        let lines: Vec<Line> = r
                            .of_kind(kind)
                            .map(|f| Line {
                                row: f.row,
                                number: numbers.get(&f.row).cloned().unwrap_or_default(),
                                message: f.message.clone(),
                                fix: f.fix.clone(),
                            })
                            .collect();
                        (!lines.is_empty()).then_some((kind, lines))
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let year = move || state.plan_year.get();
    let move_task = move |row: RowId| {
        let mut moved = None;
        state.edit(None, |plan| {
            moved = roll_task_to_plan_year(plan, row);
            moved.is_some()
        });
        match moved {
            Some(m) => {
                state.epoch.update(|n| *n += 1);
                state.say(
                    format!("Đã chuyển thời hạn “{}” thành “{}”.", m.before, m.after),
                    false,
                );
            }
            None => state.say("Thời hạn này không chuyển năm tự động được.", true),
        }
    };
    // Accepting a proposed text: one undo step; the check then drops the finding.
    let said: Said = RwSignal::new(None);
    let apply = move |row: RowId, number: String, fix: TextFix| {
        if state.edit(None, |plan| apply_fix(plan, row, &fix)) {
            state.epoch.update(|n| *n += 1);
            said.set(Some((
                format!(
                    "Đã sửa {} dòng {number} thành “{}” (Ctrl+Z để hoàn tác).",
                    fix.field.label().to_lowercase(),
                    fix.after
                ),
                false,
            )));
        } else {
            said.set(Some((
                format!(
                    "{} dòng {number} đã đổi sau lần kiểm tra: xem lại đề xuất mới.",
                    fix.field.label()
                ),
                true,
            )));
        }
    };
    view! {
        <section class="review-panel plan-check" id="plan-check" aria-label="Kết quả kiểm tra kế hoạch">
            <h2>"Kiểm tra kế hoạch"</h2>
            <SaidHere message=said/>
            <Show when=move || review.review.with(|r| !r.is_empty())
                fallback=|| view! { <p>"Không thấy điều gì cần sửa."</p> }>
                <For each=move || groups.get() key=|(kind, lines)| (*kind, lines.clone()) let((kind, lines))>
                    <section class="finding-group" class:error=kind.severity() == Severity::Error aria-label=kind.title()>
                        <h3>{format!("{} ({})", kind.title(), lines.len())}</h3>
                        <ul>
                            {lines.into_iter().map(|line| {
                                let row = line.row;
                                let number = line.number.clone();
                                view! {
                                    <li>
                                        <button type="button" class="goto" on:click=move |_| go_to_row(state, row)>
                                            {format!("Đến dòng {}", line.number)}
                                        </button>
                                        " " {line.message}
                                        {(kind == FindingKind::DeadlineOutsideYear).then(|| view! {
                                            " "
                                            <button type="button" class="small" on:click=move |_| move_task(row)>
                                                {move || format!("Chuyển sang năm {}", year())}
                                            </button>
                                        })}
                                        {line.fix.map(|fix| view! {
                                            " "
                                            <button type="button" class="small"
                                                on:click=move |_| apply(row, number.clone(), fix.clone())>
                                                "Áp dụng đề xuất"
                                            </button>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                </For>
            </Show>
            {move || {
                let gaps = par.gaps();
                (!gaps.is_empty()).then(|| view! {
                    <section class="finding-group" aria-label="Chỉ số CCHC chưa có nhiệm vụ">
                        <h3>{format!("Tiêu chí Chỉ số CCHC bị trừ điểm chưa có nhiệm vụ ({})", gaps.len())}</h3>
                        <ul>{gaps.into_iter().map(|g| view! { <li>{g.message}</li> }).collect_view()}</ul>
                    </section>
                })
            }}
        </section>
    }
}
