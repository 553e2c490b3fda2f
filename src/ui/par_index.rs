//! "Chỉ số CCHC": the province's PAR INDEX scores of the last published year read against
//! the open plan (the domain's `par_index::analyse`): points reached and lost per area, each
//! criterion that lost points with the plan's tasks tagged with it, the criteria with no
//! task; tagging the task in focus, with suggestions from its text; and the sheet
//! "Khắc phục Chỉ số CCHC" through the documents worker.
//!
//! The analysis is a memo in context ([`ParIndexState`]), read by this panel and by the plan
//! check ("Kiểm tra kế hoạch"), so it runs only while one of them is shown.

use leptos::prelude::*;

use super::export::{export_ui, ExportFormat};
use super::review::{go_to_row, ReviewState};
use super::EditorState;
use crate::domain::par_index::{analyse, tags, Analysis, CriteriaSet, Gap, Scores, Suggester};
use crate::domain::plan::RowId;

/// Which scores the plan is read against: `None` until the drafter chooses, then the
/// index of a built-in scores table, or none.
#[derive(Clone, Copy)]
pub struct ParIndexState {
    choice: RwSignal<Option<Option<usize>>>,
    /// The scores in use (by default those of the plan's province for the year before).
    pub scores: Memo<Option<usize>>,
    /// The scores read against the plan, when there are scores.
    pub analysis: Memo<Option<Analysis>>,
}

impl ParIndexState {
    pub fn new(state: EditorState) -> ParIndexState {
        let choice = RwSignal::new(None::<Option<usize>>);
        let province = state.plan_memo(|p| p.province.clone());
        let scores = Memo::new(move |_| {
            choice.get().unwrap_or_else(|| {
                let year = state.plan_year.get();
                province.with(|province| {
                    Scores::builtin()
                        .iter()
                        .position(|s| s.province == *province && s.year == year - 1)
                })
            })
        });
        let analysis = Memo::new(move |_| {
            let scores = scores.get()?;
            let scores = Scores::builtin().get(scores)?;
            Some(state.track_plan(|plan| analyse(CriteriaSet::builtin(), scores, plan)))
        });
        ParIndexState {
            choice,
            scores,
            analysis,
        }
    }

    /// The criteria with lost points and no task (none without scores).
    pub fn gaps(&self) -> Vec<Gap> {
        self.analysis
            .with(|a| a.as_ref().map(Analysis::gaps).unwrap_or_default())
    }
}

/// "Hưng Yên năm 2023 (xếp hạng 26/63)".
fn scores_label(scores: &Scores) -> String {
    match &scores.rank {
        Some(rank) => format!(
            "{} năm {} (xếp hạng {}/{})",
            scores.province, scores.year, rank.place, rank.of
        ),
        None => format!("{} năm {}", scores.province, scores.year),
    }
}

#[component]
pub fn ParIndexPanel() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let par = expect_context::<ParIndexState>();
    let review = expect_context::<ReviewState>();
    let ui = export_ui();
    let message = RwSignal::new(None::<(String, bool)>);
    let set = CriteriaSet::builtin();
    let name_of = move |code: &str| {
        set.find(code)
            .map(|e| e.name.to_string())
            .unwrap_or_default()
    };
    let untag = move |row: RowId, code: String| {
        state.edit(None, |plan| {
            let mut removed = false;
            plan.update_task(row, |t| removed = tags::remove(t, &code));
            removed
        });
    };
    let export = move |_| {
        message.set(None);
        let Some(scores) = par
            .scores
            .get_untracked()
            .and_then(|i| Scores::builtin().get(i))
        else {
            message.set(Some((
                "Hãy chọn bảng điểm Chỉ số CCHC trước khi xuất.".to_string(),
                true,
            )));
            return;
        };
        let job = crate::documents::Job::ExportParIndexXlsx {
            plan: state.read_plan(Clone::clone),
            scores: scores.clone(),
        };
        super::export::run_export(ui, ExportFormat::ParIndex, job, move |text, error| {
            message.set(Some((text, error)))
        });
    };
    let busy = move || ui.exporting.get() && ui.exporting_format.get() == ExportFormat::ParIndex;
    view! {
        <section class="review-panel par-index" id="par-index" aria-label="Chỉ số CCHC">
            <h2>"Chỉ số cải cách hành chính (PAR INDEX)"</h2>
            <label>"Bảng điểm "
                <select aria-label="Bảng điểm Chỉ số CCHC"
                    on:change=move |ev| par.choice.set(Some(event_target_value(&ev).parse::<usize>().ok()))>
                    <option value="" selected=move || par.scores.get().is_none()>"Không dùng bảng điểm"</option>
                    {Scores::builtin().iter().enumerate().map(|(i, s)| view! {
                        <option value=i.to_string() selected=move || par.scores.get() == Some(i)>{scores_label(s)}</option>
                    }).collect_view()}
                </select>
            </label>
            {move || match par.analysis.get() {
                None => view! {
                    <p>"Chưa có bảng điểm Chỉ số CCHC của tỉnh cho năm trước năm kế hoạch. Chọn một bảng điểm có sẵn để xem các tiêu chí bị trừ điểm."</p>
                }.into_any(),
                Some(analysis) => {
                    let gaps = analysis.gaps().len();
                    view! {
                        <p class="par-source">{par.scores.get().and_then(|i| Scores::builtin().get(i)).map(|s| format!("Nguồn: {}", s.source))}</p>
                        <table class="par-areas" aria-label="Điểm theo lĩnh vực">
                            <thead><tr>
                                <th scope="col">"Lĩnh vực"</th>
                                <th scope="col">"Điểm đạt"</th>
                                <th scope="col">"Điểm tối đa"</th>
                                <th scope="col">"Điểm bị trừ"</th>
                            </tr></thead>
                            <tbody>
                                {analysis.areas.iter().filter(|a| a.achieved.is_some()).map(|a| view! {
                                    <tr>
                                        <th scope="row">{format!("{}. {}", a.code, a.name)}</th>
                                        <td class="number">{a.achieved.map(|p| p.to_string()).unwrap_or_default()}</td>
                                        <td class="number">{a.max.map(|p| p.to_string()).unwrap_or_default()}</td>
                                        <td class="number">{a.lost.map(|p| p.to_string()).unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <p class="par-gaps" aria-label="Tiêu chí chưa có nhiệm vụ">{if gaps == 0 {
                            "Mọi tiêu chí bị trừ điểm đều đã có nhiệm vụ trong kế hoạch.".to_string()
                        } else {
                            format!("{gaps} tiêu chí bị trừ điểm chưa có nhiệm vụ trong kế hoạch.")
                        }}</p>
                        <table class="par-lost" aria-label="Tiêu chí bị trừ điểm">
                            <thead><tr>
                                <th scope="col">"Mã"</th>
                                <th scope="col">"Tiêu chí"</th>
                                <th scope="col">"Điểm"</th>
                                <th scope="col">"Bị trừ"</th>
                                <th scope="col">"Nhiệm vụ trong kế hoạch"</th>
                            </tr></thead>
                            <tbody>
                                {analysis.lost.iter().map(|lost| {
                                    let code = lost.code.clone();
                                    let tasks = lost.tasks.clone();
                                    let none = tasks.is_empty();
                                    view! {
                                        <tr class:gap=none data-criterion=code.clone()>
                                            <td>{code.clone()}</td>
                                            <td>{if lost.name.is_empty() { name_of(&code) } else { lost.name.clone() }}</td>
                                            <td class="number">{format!("{}/{}", lost.achieved, lost.max)}</td>
                                            <td class="number">{lost.lost.to_string()}</td>
                                            <td>
                                                {none.then(|| view! { <span class="finding-text">"Chưa có nhiệm vụ"</span> })}
                                                <ul class="par-tasks">
                                                    {tasks.into_iter().map(|row| {
                                                        let code = code.clone();
                                                        let number = review.number(row);
                                                        let (content, lead) = state.read_plan(|p| p.row(row).and_then(|r| r.task()).map(|t| (t.content.clone(), t.lead.join("; "))).unwrap_or_default());
                                                        let tagged_here = state.read_plan(|p| p.row(row).and_then(|r| r.task()).is_some_and(|t| t.criteria.contains(&code)));
                                                        let untag_label = format!("Bỏ gắn nhiệm vụ {number} khỏi tiêu chí {code}");
                                                        view! {
                                                            <li>
                                                                <button type="button" class="goto" on:click=move |_| go_to_row(state, row)>{number.clone()}</button>
                                                                " " {content}
                                                                {(!lead.is_empty()).then(|| format!(" ({lead})"))}
                                                                {tagged_here.then(|| view! {
                                                                    " "
                                                                    <button type="button" class="small" aria-label=untag_label
                                                                        on:click=move |_| untag(row, code.clone())>"Bỏ gắn"</button>
                                                                })}
                                                            </li>
                                                        }
                                                    }).collect_view()}
                                                </ul>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }
            }}
            <CurrentTaskCriteria/>
            <div class="form-actions">
                <button type="button" on:click=export disabled=move || ui.exporting.get()
                    aria-busy=move || busy().then_some("true")>
                    {move || if busy() { "Đang xuất…" } else { "Xuất Khắc phục Chỉ số CCHC" }}
                </button>
                <p class="form-message" role="status" class:error=move || message.with(|m| m.as_ref().is_some_and(|m| m.1))>
                    {move || message.with(|m| m.as_ref().map(|m| m.0.clone()).unwrap_or_default())}
                </p>
            </div>
        </section>
    }
}

/// The criteria of the task in focus (the toolbar's current row): its tags, a code to add,
/// and suggestions from its text.
#[component]
fn CurrentTaskCriteria() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let review = expect_context::<ReviewState>();
    let set = CriteriaSet::builtin();
    let suggester = StoredValue::new(Suggester::new(set));
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // The task in focus: its id, number, content and tags (tracked through its row).
    let current = Memo::new(move |_| {
        let id = state.current.get()?;
        let row = state.row_signal(id);
        let task = row.with(|r| r.as_ref().and_then(|r| r.task().cloned()))?;
        Some((id, task.content.clone(), task.criteria.clone()))
    });
    let add = move |id: RowId, code: String| {
        let Some(code) = tags::normalise_code(&code) else {
            error.set(Some(format!(
                "“{}” không phải mã tiêu chí (ví dụ 3.2.1).",
                code.trim()
            )));
            return;
        };
        if set.find(&code).is_none() {
            error.set(Some(format!(
                "Bộ tiêu chí không có mã {code}; vẫn gắn được khi đã có trong bảng điểm."
            )));
        } else {
            error.set(None);
        }
        state.edit(None, |plan| {
            let mut added = false;
            plan.update_task(id, |t| added = tags::add(t, &code));
            added
        });
        typed.set(String::new());
    };
    let remove = move |id: RowId, code: String| {
        state.edit(None, |plan| {
            let mut removed = false;
            plan.update_task(id, |t| removed = tags::remove(t, &code));
            removed
        });
    };
    view! {
        <section class="par-current" aria-label="Tiêu chí của nhiệm vụ đang chọn">
            <h3>"Tiêu chí của nhiệm vụ đang chọn"</h3>
            {move || match current.get() {
                None => view! { <p>"Bấm vào một nhiệm vụ trong bảng để gắn tiêu chí Chỉ số CCHC cho nhiệm vụ đó."</p> }.into_any(),
                Some((id, content, criteria)) => {
                    let suggestions = suggester.with_value(|s| s.suggest(&content, 3));
                    view! {
                        <p>{format!("Nhiệm vụ {}: {content}", review.number(id))}</p>
                        <ul class="par-tags">
                            {criteria.iter().map(|code| {
                                let code = code.clone();
                                let label = format!("Bỏ tiêu chí {code}");
                                let shown = code.clone();
                                view! { <li>{shown}" "<button type="button" class="small" aria-label=label on:click=move |_| remove(id, code.clone())>"×"</button></li> }
                            }).collect_view()}
                        </ul>
                        <label>"Mã tiêu chí "
                            <input type="text" aria-label="Mã tiêu chí cần gắn" placeholder="ví dụ 3.2.1" spellcheck="false"
                                prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))
                                on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); add(id, typed.get_untracked()); }/>
                        </label>
                        <button type="button" on:click=move |_| add(id, typed.get_untracked())>"Gắn tiêu chí"</button>
                        <p class="field-error" role="alert">{move || error.get().unwrap_or_default()}</p>
                        {(!suggestions.is_empty()).then(|| view! {
                            <p class="par-suggestions">"Gợi ý: "
                                {suggestions.into_iter().filter(|s| !criteria.contains(&s.code)).map(|s| {
                                    let code = s.code.clone();
                                    let label = format!("Gắn tiêu chí {} {}", s.code, s.name);
                                    view! { <button type="button" class="small" on:click=move |_| add(id, code.clone())>{label}</button> }
                                }).collect_view()}
                            </p>
                        })}
                    }.into_any()
                }
            }}
        </section>
    }
}
