//! "Phiếu cập nhật tiến độ" in the app: the agency's side (a form opened from its file,
//! filled and saved as a reply) and the drafter's side (a reply opened in the plan: old and
//! new progress per task, taken all or some in one undo step). Sending the forms is in the
//! progress view (`ui/progress.rs`). The rules are the domain's (`progress::update_form`).

use leptos::prelude::*;

use super::progress::{progress_headers, ProgressCells};
use super::state::progress::ProgressState;
use super::EditorState;
use crate::domain::file_format::write_update_form;
use crate::domain::plan::{Plan, RowId};
use crate::domain::progress::{Day, Progress, ProgressEdit};
use crate::domain::update_form::{review_reply, FormTask, ReplyReview, UpdateForm};
use crate::platform;

/// The form being filled and the reply being reviewed; `Copy`, held by `Files`.
#[derive(Clone, Copy)]
pub struct FormUi {
    /// A form opened to be filled (the agency's side).
    pub filling: RwSignal<Option<UpdateForm>>,
    /// A reply opened in the plan, with what it would change.
    pub reply: RwSignal<Option<(UpdateForm, ReplyReview)>>,
    /// The tasks (rows) of the reply the drafter takes.
    pub chosen: RwSignal<Vec<RowId>>,
    /// What the last action on a form did, shown beside its buttons.
    pub message: RwSignal<Option<(String, bool)>>,
}

impl FormUi {
    pub fn new() -> FormUi {
        FormUi {
            filling: RwSignal::new(None),
            reply: RwSignal::new(None),
            chosen: RwSignal::new(Vec::new()),
            message: RwSignal::new(None),
        }
    }

    /// A form file was opened: a reply is compared with the open plan, a form to fill is
    /// shown for filling.
    ///
    /// # Errors
    /// Why a reply cannot be taken into the open plan (Vietnamese).
    pub fn open(&self, state: EditorState, form: UpdateForm) -> Result<(), String> {
        self.message.set(None);
        if !form.is_reply() {
            self.reply.set(None);
            self.filling.set(Some(form));
            return Ok(());
        }
        let review = state
            .read_plan(|plan| review_reply(plan, &form))
            .map_err(|e| e.to_string())?;
        self.filling.set(None);
        self.chosen
            .set(review.changes.iter().map(|c| c.row).collect());
        self.reply.set(Some((form, review)));
        Ok(())
    }
}

/// Writes the form (or reply) as a download; says how it went.
pub fn download_form(form: &UpdateForm) -> Result<String, String> {
    let name = form.file_name();
    platform::download_text(&name, "application/json", &write_update_form(form))
        .map(|()| name)
        .map_err(|e| format!("Không tải được phiếu xuống: {e}."))
}

/// A one-line summary of a task's progress: "Hoàn thành ngày 02/04/2021 — Quyết định ...".
fn progress_line(progress: &Progress) -> String {
    let mut parts = vec![progress.status.label().to_string()];
    if let Some(day) = progress.completed_on {
        parts[0] = format!("{} ngày {day}", parts[0]);
    }
    for text in [&progress.result, &progress.reached, &progress.reason] {
        if !text.trim().is_empty() {
            parts.push(text.clone());
        }
    }
    parts.join(" — ")
}

/// The form or the reply that is open, if any.
#[component]
pub fn UpdateForms(forms: FormUi) -> impl IntoView {
    view! {
        <Show when=move || forms.filling.with(Option::is_some)><FormFill forms/></Show>
        <Show when=move || forms.reply.with(Option::is_some)><ReplyView forms/></Show>
    }
}

/// The agency's side: only its tasks' progress fields, then "Lưu phiếu trả lời".
#[component]
fn FormFill(forms: FormUi) -> impl IntoView {
    let progress_state = expect_context::<ProgressState>();
    progress_state.refresh_today();
    let today = progress_state.today;
    let filling = forms.filling;
    let read = move |f: fn(&UpdateForm) -> String| {
        filling.with(|form| form.as_ref().map(f).unwrap_or_default())
    };
    let count = move || filling.with(|f| f.as_ref().map_or(0, |f| f.tasks.len()));
    let save = move |_| {
        let reply = filling.with_untracked(|f| {
            f.clone().map(|mut f| {
                f.replied_on = Some(today.get_untracked());
                f
            })
        });
        let Some(reply) = reply else { return };
        forms.message.set(Some(match download_form(&reply) {
            Ok(name) => (
                format!("Đã lưu phiếu trả lời {name}: hãy gửi tệp này lại cho Sở Nội vụ."),
                false,
            ),
            Err(error) => (error, true),
        }));
    };
    view! {
        <section class="update-form" aria-label="Phiếu cập nhật tiến độ">
            <h2 tabindex="-1">{move || read(|f| format!("Phiếu cập nhật tiến độ: {}", f.agency))}</h2>
            <p>{move || read(|f| format!(
                "Kế hoạch “{}” năm {} ({}), gửi ngày {}. Điền tình trạng, ngày hoàn thành và kết quả của từng nhiệm vụ, rồi bấm “Lưu phiếu trả lời” và gửi tệp đó lại cho Sở Nội vụ. Phiếu chỉ thay đổi được tiến độ của các nhiệm vụ này.",
                f.plan_title, f.year, f.province, f.sent_on
            ))}</p>
            <Show when=move || count() == 0>
                <p>"Phiếu không có nhiệm vụ nào."</p>
            </Show>
            <table class="progress-table" aria-label="Nhiệm vụ trong phiếu">
                <thead><tr>
                    <th scope="col">"TT"</th>
                    <th scope="col">"Nhiệm vụ"</th>
                    <th scope="col">"Thời hạn"</th>
                    {progress_headers()}
                </tr></thead>
                <tbody>
                    <For each=move || { (0..count()).collect::<Vec<usize>>() } key=|i| *i let(index)>
                        <FormRow forms index today/>
                    </For>
                </tbody>
            </table>
            <div class="form-actions">
                <button type="button" class="primary-action" on:click=save>"Lưu phiếu trả lời"</button>
                <button type="button" on:click=move |_| { forms.message.set(None); filling.set(None); }>"Đóng phiếu"</button>
                <super::SaidHere message=forms.message/>
            </div>
        </section>
    }
}

/// One task of the form being filled.
#[component]
fn FormRow(forms: FormUi, index: usize, today: RwSignal<Day>) -> impl IntoView {
    let filling = forms.filling;
    let task = move |f: fn(&FormTask) -> String| {
        filling.with(|form| {
            form.as_ref()
                .and_then(|form| form.tasks.get(index))
                .map(f)
                .unwrap_or_default()
        })
    };
    let progress = Signal::derive(move || {
        filling.with(|form| {
            form.as_ref()
                .and_then(|form| form.tasks.get(index))
                .map(|t| t.progress.clone())
                .unwrap_or_default()
        })
    });
    let on_edit = Callback::new(move |edit: ProgressEdit| {
        let day = today.get_untracked();
        filling.update(|form| {
            if let Some(form) = form {
                form.edit(index, edit, day);
            }
        });
    });
    view! {
        <tr>
            <td>{move || task(|t| t.number.clone())}</td>
            <td>{move || task(|t| t.content.clone())}</td>
            <td>{move || task(|t| t.deadline.clone())}</td>
            <ProgressCells number=Signal::derive(move || task(|t| t.number.clone())) progress on_edit/>
        </tr>
    }
}

/// The drafter's side: what the reply changes, task by task, taken in one undo step.
#[component]
fn ReplyView(forms: FormUi) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let reply = forms.reply;
    let chosen = forms.chosen;
    let heading = move || {
        reply.with(|r| {
            r.as_ref()
                .map(|(form, _)| {
                    format!(
                        "Phiếu trả lời của {} (ngày {})",
                        form.agency,
                        form.replied_on.map(|d| d.to_string()).unwrap_or_default()
                    )
                })
                .unwrap_or_default()
        })
    };
    let review = move || {
        reply.with(|r| {
            r.as_ref()
                .map(|(_, review)| review.clone())
                .unwrap_or_default()
        })
    };
    let take = move |_| {
        let Some((form, review)) = reply.get_untracked() else {
            return;
        };
        let rows = chosen.get_untracked();
        let mut taken = 0;
        state.edit(None, |plan: &mut Plan| {
            taken = plan.take_replies(&review.changes, &rows);
            taken > 0
        });
        reply.set(None);
        state.say(
            if taken == 0 {
                format!("Không nhận cập nhật nào từ phiếu của {}.", form.agency)
            } else {
                format!(
                    "Đã nhận {taken} cập nhật tiến độ từ phiếu của {} (hoàn tác được bằng Ctrl+Z).",
                    form.agency
                )
            },
            false,
        );
    };
    view! {
        <section class="update-form reply" aria-label="Phiếu trả lời">
            <h2 tabindex="-1">{heading}</h2>
            {move || {
                let review = review();
                let warnings = (!review.warnings.is_empty()).then(|| view! {
                    <ul class="reply-warnings" aria-label="Cần lưu ý">
                        {review.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}
                    </ul>
                });
                let body = if review.changes.is_empty() {
                    view! { <p>"Phiếu không thay đổi tiến độ nhiệm vụ nào so với kế hoạch."</p> }.into_any()
                } else {
                    view! {
                        <table class="progress-table" aria-label="Thay đổi trong phiếu">
                            <thead><tr>
                                <th scope="col">"Nhận"</th>
                                <th scope="col">"TT"</th>
                                <th scope="col">"Nhiệm vụ"</th>
                                <th scope="col">"Trong kế hoạch"</th>
                                <th scope="col">"Trong phiếu"</th>
                            </tr></thead>
                            <tbody>
                                {review.changes.iter().map(|change| {
                                    let row = change.row;
                                    view! {
                                        <tr>
                                            <td><input type="checkbox"
                                                aria-label=format!("Nhận cập nhật nhiệm vụ {}", change.number)
                                                prop:checked=move || chosen.with(|c| c.contains(&row))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    chosen.update(|c| {
                                                        c.retain(|r| *r != row);
                                                        if on { c.push(row); }
                                                    });
                                                }/></td>
                                            <td>{change.number.clone()}</td>
                                            <td>{change.content.clone()}</td>
                                            <td class="old">{progress_line(&change.old)}</td>
                                            <td class="new">{progress_line(&change.new)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                };
                view! { {warnings} {body} }
            }}
            <div class="form-actions">
                <button type="button" class="primary-action" on:click=take
                    disabled=move || chosen.with(Vec::is_empty)>"Nhận các cập nhật đã chọn"</button>
                <button type="button" on:click=move |_| reply.set(None)>"Bỏ qua phiếu"</button>
            </div>
        </section>
    }
}
