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
use crate::documents::Job;
use crate::domain::par_index::{
    analyse, tags, Analysis, CriteriaSet, Gap, Points, Scores, Suggester,
};
use crate::domain::plan::RowId;

/// The scores tables the app knows: the built-in ones, then the drafter's (typed in the
/// app or opened from a file; kept with the app's settings).
fn all_scores(user: &[Scores]) -> Vec<Scores> {
    Scores::builtin().iter().chain(user).cloned().collect()
}

/// Which scores the plan is read against, and the drafter's own scores tables.
#[derive(Clone, Copy)]
pub struct ParIndexState {
    /// `None` until the drafter chooses; then the index in [`all_scores`], or none.
    choice: RwSignal<Option<Option<usize>>>,
    /// The drafter's scores tables.
    pub user: RwSignal<Vec<Scores>>,
    /// The drafter's own criteria set (opened from a file or edited), none: the built-in one.
    pub user_set: RwSignal<Option<CriteriaSet>>,
    /// The criteria set in use.
    pub set: Memo<CriteriaSet>,
    /// The scores in use: the chosen ones, by default those of the plan's province for the
    /// year before the plan's.
    pub scores: Memo<Option<Scores>>,
    /// The scores read against the plan, when there are scores.
    pub analysis: Memo<Option<Analysis>>,
}

impl ParIndexState {
    pub fn new(state: EditorState) -> ParIndexState {
        let choice = RwSignal::new(None::<Option<usize>>);
        let user = RwSignal::new(Vec::<Scores>::new());
        state.plans.keep_setting(state, "par_scores", user);
        let user_set = RwSignal::new(None::<CriteriaSet>);
        state.plans.keep_setting(state, "par_criteria", user_set);
        let set = Memo::new(move |_| {
            user_set
                .get()
                .unwrap_or_else(|| CriteriaSet::builtin().clone())
        });
        let province = state.plan_memo(|p| p.province.clone());
        let index = Memo::new(move |_| {
            choice.get().unwrap_or_else(|| {
                let year = state.plan_year.get();
                province.with(|province| {
                    user.with(|user| all_scores(user))
                        .iter()
                        .rposition(|s| s.province == *province && s.year == year - 1)
                })
            })
        });
        let scores = Memo::new(move |_| {
            let i = index.get()?;
            user.with(|user| all_scores(user).get(i).cloned())
        });
        let analysis = Memo::new(move |_| {
            scores.with(|scores| {
                let scores = scores.as_ref()?;
                Some(set.with(|set| state.track_plan(|plan| analyse(set, scores, plan))))
            })
        });
        ParIndexState {
            choice,
            user,
            user_set,
            set,
            scores,
            analysis,
        }
    }

    /// The index of the scores in use among [`all_scores`].
    fn chosen_index(&self) -> Option<usize> {
        let scores = self.scores.get()?;
        self.user
            .with(|user| all_scores(user))
            .iter()
            .rposition(|s| *s == scores)
    }

    /// Adds (or replaces, same province and year) one of the drafter's scores tables and
    /// reads the plan against it.
    pub fn keep(&self, scores: Scores) {
        let builtin = Scores::builtin().len();
        let mut at = 0;
        self.user.update(|user| {
            at = match user
                .iter()
                .position(|s| s.province == scores.province && s.year == scores.year)
            {
                Some(i) => {
                    user[i] = scores;
                    i
                }
                None => {
                    user.push(scores);
                    user.len() - 1
                }
            };
        });
        self.choice.set(Some(Some(builtin + at)));
    }

    /// The criteria with lost points and no task (none without scores).
    pub fn gaps(&self) -> Vec<Gap> {
        self.analysis
            .with(|a| a.as_ref().map(Analysis::gaps).unwrap_or_default())
    }
}

#[component]
pub fn ParIndexPanel() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let par = expect_context::<ParIndexState>();
    let review = expect_context::<ReviewState>();
    let ui = export_ui();
    let message = RwSignal::new(None::<(String, bool)>);
    let name_of = move |code: &str| {
        par.set.with_untracked(|set| {
            set.find(code)
                .map(|e| e.name.to_string())
                .unwrap_or_default()
        })
    };
    let untag = move |row: RowId, code: String| {
        state.edit(None, |plan| {
            let mut removed = false;
            plan.update_task(row, |t| removed = tags::remove(t, &code));
            removed
        });
    };
    let export = move |word: bool| {
        message.set(None);
        let Some(scores) = par.scores.get_untracked() else {
            message.set(Some((
                "Hãy chọn bảng điểm Chỉ số CCHC trước khi xuất.".to_string(),
                true,
            )));
            return;
        };
        let plan = state.read_plan(Clone::clone);
        let set = par.user_set.get_untracked();
        let (format, job) = if word {
            (
                ExportFormat::ParIndexWord,
                Job::ExportParIndexDocx { plan, scores, set },
            )
        } else {
            (
                ExportFormat::ParIndex,
                Job::ExportParIndexXlsx { plan, scores, set },
            )
        };
        super::export::run_export(ui, format, job, move |text, error| {
            message.set(Some((text, error)))
        });
    };
    let busy =
        move |format: ExportFormat| ui.exporting.get() && ui.exporting_format.get() == format;
    view! {
        <section class="review-panel par-index" id="par-index" aria-label="Chỉ số CCHC">
            <h2>"Chỉ số cải cách hành chính (PAR INDEX)"</h2>
            <label>"Bảng điểm "
                <select aria-label="Bảng điểm Chỉ số CCHC"
                    on:change=move |ev| par.choice.set(Some(event_target_value(&ev).parse::<usize>().ok()))>
                    <option value="" selected=move || par.scores.with(Option::is_none)>"Không dùng bảng điểm"</option>
                    {move || {
                        let chosen = par.chosen_index();
                        par.user.with(|user| all_scores(user)).iter().enumerate().map(|(i, s)| {
                            let label = s.label();
                            view! { <option value=i.to_string() selected=chosen == Some(i)>{label}</option> }
                        }).collect_view()
                    }}
                </select>
            </label>
            <ScoresTools/>
            <CriteriaTools/>
            {move || match par.analysis.get() {
                None => view! {
                    <p>"Chưa có bảng điểm Chỉ số CCHC của tỉnh cho năm trước năm kế hoạch. Chọn một bảng điểm có sẵn, mở tệp bảng điểm, hoặc tạo bảng điểm mới rồi nhập điểm để xem các tiêu chí bị trừ điểm."</p>
                }.into_any(),
                Some(analysis) => {
                    let gaps = analysis.gaps().len();
                    view! {
                        <p class="par-source">{par.scores.with(|s| s.as_ref().map(|s| format!("Nguồn: {}", s.source)))}</p>
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
                <button type="button" on:click=move |_| export(false) disabled=move || ui.exporting.get()
                    aria-busy=move || busy(ExportFormat::ParIndex).then_some("true")>
                    {move || if busy(ExportFormat::ParIndex) { "Đang xuất…" } else { "Xuất Khắc phục Chỉ số CCHC" }}
                </button>
                <button type="button" on:click=move |_| export(true) disabled=move || ui.exporting.get()
                    aria-busy=move || busy(ExportFormat::ParIndexWord).then_some("true")>
                    {move || if busy(ExportFormat::ParIndexWord) { "Đang xuất…" } else { "Xuất Khắc phục Chỉ số CCHC (Word)" }}
                </button>
                <super::SaidHere message/>
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
    let par = expect_context::<ParIndexState>();
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
        if par.set.with_untracked(|set| set.find(&code).is_none()) {
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
                    let suggestions = par.set.with(|set| Suggester::new(set).suggest(&content, 3));
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

/// Opening a scores file, saving the scores in use as one, starting a blank table for the
/// plan's province, and typing the points ("Nhập điểm"): only for the drafter's own tables.
#[component]
fn ScoresTools() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let par = expect_context::<ParIndexState>();
    let set = par.set;
    let message = RwSignal::new(None::<(String, bool)>);
    let picked = move |ev: leptos::ev::Event| {
        let Some(file) = crate::platform::take_picked_file(&ev) else {
            return;
        };
        let name = file.name();
        leptos::task::spawn_local(async move {
            let outcome = crate::platform::read_text(file)
                .await
                .and_then(|text| Scores::from_json(&text))
                .and_then(|scores| {
                    let problems = set.with_untracked(|set| scores.problems(set));
                    if problems.is_empty() {
                        Ok(scores)
                    } else {
                        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
                        Err(list.join("; "))
                    }
                });
            message.set(Some(match outcome {
                Ok(scores) => {
                    let text = format!("Đã mở bảng điểm {} từ tệp “{name}”.", scores.label());
                    par.keep(scores);
                    (text, false)
                }
                Err(why) => (
                    format!("Không mở được tệp bảng điểm “{name}”: {why}. Không có gì thay đổi."),
                    true,
                ),
            }));
        });
    };
    let save = move |_| {
        let Some(scores) = par.scores.get_untracked() else {
            message.set(Some((
                "Chưa chọn bảng điểm nào để tải về.".to_string(),
                true,
            )));
            return;
        };
        let name = scores.file_name();
        message.set(Some(
            match crate::platform::download_text(&name, "application/json", &scores.to_json()) {
                Ok(()) => (format!("Đã tải bảng điểm về máy: {name}."), false),
                Err(e) => (format!("Không tải được bảng điểm: {e}."), true),
            },
        ));
    };
    let create = move |_| {
        let (province, year) = state.read_plan(|p| (p.province.clone(), p.year - 1));
        let scores = set.with_untracked(|set| Scores::blank(set, &province, year));
        let text = format!(
            "Đã tạo bảng điểm {}: nhập điểm đạt của từng lĩnh vực, tiêu chí trong “Nhập điểm”.",
            scores.label()
        );
        par.keep(scores);
        message.set(Some((text, false)));
    };
    // The drafter's own table in use (its index in `user`): what "Nhập điểm" edits.
    let own = move || {
        let scores = par.scores.get()?;
        par.user.with(|user| {
            user.iter()
                .position(|s| s.province == scores.province && s.year == scores.year)
        })
    };
    let set_points = move |code: String, text: String| {
        let Some(i) = own() else { return };
        let trimmed = text.trim();
        let points = if trimmed.is_empty() {
            None
        } else {
            match Points::parse(trimmed) {
                Some(p) => Some(p),
                None => {
                    message.set(Some((
                        format!("“{trimmed}” không phải số điểm (ví dụ 0,25) của {code}: điểm giữ nguyên."),
                        true,
                    )));
                    return;
                }
            }
        };
        let max = set.with_untracked(|set| set.find(&code).and_then(|e| e.max));
        if let (Some(points), Some(max)) = (points, max) {
            if points > max {
                message.set(Some((
                    format!("{points} lớn hơn điểm tối đa {max} của {code}: điểm giữ nguyên."),
                    true,
                )));
                return;
            }
        }
        message.set(None);
        par.user
            .update(|user| set.with_untracked(|set| user[i].set_achieved(set, &code, points)));
    };
    view! {
        <div class="form-actions par-scores" role="group" aria-label="Bảng điểm">
            <label class="file-open">
                <input type="file" class="visually-hidden" accept=".json,application/json" on:change=picked/>
                "Mở tệp bảng điểm"
            </label>
            <button type="button" on:click=save>"Tải bảng điểm về máy"</button>
            <button type="button" on:click=create>"Tạo bảng điểm mới"</button>
            <super::SaidHere message/>
        </div>
        <Show when=move || own().is_some()>
            <details class="par-entry">
                <summary>"Nhập điểm"</summary>
                <p>"Điểm đạt của từng lĩnh vực, tiêu chí, viết như 0,25; để trống khi chưa biết."</p>
                <table class="par-entry-table" aria-label="Nhập điểm">
                    <thead><tr>
                        <th scope="col">"Mã"</th>
                        <th scope="col">"Lĩnh vực, tiêu chí"</th>
                        <th scope="col">"Điểm tối đa"</th>
                        <th scope="col">"Điểm đạt"</th>
                    </tr></thead>
                    <tbody>
                        {move || set.with(|set| set.entries().filter(|e| e.max.is_some()).map(|entry| {
                            let code = entry.code.to_string();
                            let label = format!("Điểm đạt {code}");
                            let read_code = code.clone();
                            let value = move || {
                                par.scores.with(|s| {
                                    s.as_ref()
                                        .and_then(|s| if read_code.contains('.') { s.score(&read_code) } else { s.area_score(&read_code) })
                                        .map(|score| score.achieved.to_string())
                                        .unwrap_or_default()
                                })
                            };
                            let edit_code = code.clone();
                            view! {
                                <tr>
                                    <td>{code.clone()}</td>
                                    <td>{entry.name.to_string()}</td>
                                    <td class="number">{entry.max.map(|m| m.to_string()).unwrap_or_default()}</td>
                                    <td><input type="text" inputmode="decimal" spellcheck="false" aria-label=label
                                        prop:value=value on:change=move |ev| set_points(edit_code.clone(), event_target_value(&ev))/></td>
                                </tr>
                            }
                        }).collect_view())}
                    </tbody>
                </table>
            </details>
        </Show>
    }
}

/// "Bộ tiêu chí": the criteria set in use, saved as a file, opened from one, edited one item
/// at a time (the methodology changes), or back to the built-in one.
#[component]
fn CriteriaTools() -> impl IntoView {
    let par = expect_context::<ParIndexState>();
    let message = RwSignal::new(None::<(String, bool)>);
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let max = RwSignal::new(String::new());
    let summary = move || {
        par.set.with(|set| {
            format!(
                "{} ({}, {}): {} mục{}.",
                set.title,
                set.decision,
                set.id,
                set.entries().count(),
                if par.user_set.with(Option::is_some) {
                    ", đã sửa trong ứng dụng hoặc mở từ tệp"
                } else {
                    ", có sẵn trong ứng dụng"
                }
            )
        })
    };
    let picked = move |ev: leptos::ev::Event| {
        let Some(file) = crate::platform::take_picked_file(&ev) else {
            return;
        };
        let file_name = file.name();
        leptos::task::spawn_local(async move {
            let text = crate::platform::read_text(file).await;
            message.set(Some(match text.and_then(|t| CriteriaSet::from_json(&t)) {
                Ok(set) => {
                    let text = format!("Đã mở bộ tiêu chí “{}” từ tệp “{file_name}”.", set.title);
                    par.user_set.set(Some(set));
                    (text, false)
                }
                Err(why) => (
                    format!(
                        "Không mở được tệp bộ tiêu chí “{file_name}”: {why}. Không có gì thay đổi."
                    ),
                    true,
                ),
            }));
        });
    };
    let save = move |_| {
        let set = par.set.get_untracked();
        let name = format!("Bo-tieu-chi-Chi-so-CCHC-{}.json", set.id);
        message.set(Some(
            match crate::platform::download_text(&name, "application/json", &set.to_json()) {
                Ok(()) => (format!("Đã tải bộ tiêu chí về máy: {name}."), false),
                Err(e) => (format!("Không tải được bộ tiêu chí: {e}."), true),
            },
        ));
    };
    let upsert = move |_| {
        let typed_max = max.get_untracked();
        let points = if typed_max.trim().is_empty() {
            None
        } else {
            match Points::parse(typed_max.trim()) {
                Some(p) => Some(p),
                None => {
                    message.set(Some((
                        format!("“{}” không phải số điểm (ví dụ 1,5).", typed_max.trim()),
                        true,
                    )));
                    return;
                }
            }
        };
        let mut set = par.set.get_untracked();
        let code_text = code.get_untracked().trim().to_string();
        match set.upsert(
            &code_text,
            &name.get_untracked(),
            points,
            "Sửa trong ứng dụng",
        ) {
            Ok(()) => {
                par.user_set.set(Some(set));
                message.set(Some((
                    format!("Đã lưu tiêu chí {code_text} vào bộ tiêu chí."),
                    false,
                )));
                code.set(String::new());
                name.set(String::new());
                max.set(String::new());
            }
            Err(why) => message.set(Some((
                format!("Không lưu được tiêu chí {code_text}: {why}."),
                true,
            ))),
        }
    };
    view! {
        <details class="par-criteria">
            <summary>"Bộ tiêu chí"</summary>
            <p>{summary}</p>
            <div class="form-actions" role="group" aria-label="Tệp bộ tiêu chí">
                <label class="file-open">
                    <input type="file" class="visually-hidden" accept=".json,application/json" on:change=picked/>
                    "Mở tệp bộ tiêu chí"
                </label>
                <button type="button" on:click=save>"Tải bộ tiêu chí về máy"</button>
                <button type="button" disabled=move || par.user_set.with(Option::is_none)
                    on:click=move |_| { par.user_set.set(None); message.set(Some(("Đang dùng bộ tiêu chí có sẵn.".to_string(), false))); }>
                    "Dùng bộ tiêu chí có sẵn"
                </button>
            </div>
            <div class="form-actions" role="group" aria-label="Thêm hoặc sửa tiêu chí">
                <label>"Mã " <input type="text" aria-label="Mã tiêu chí" placeholder="2.1" spellcheck="false"
                    prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/></label>
                <label>"Tên " <input type="text" aria-label="Tên tiêu chí" lang="vi"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/></label>
                <label>"Điểm tối đa " <input type="text" aria-label="Điểm tối đa" inputmode="decimal" spellcheck="false"
                    prop:value=move || max.get() on:input=move |ev| max.set(event_target_value(&ev))/></label>
                <button type="button" on:click=upsert>"Lưu tiêu chí"</button>
            </div>
            <super::SaidHere message/>
        </details>
    }
}
