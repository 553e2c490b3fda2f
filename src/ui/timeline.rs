//! "Tiến độ theo quý": the plan by quarter — which agency delivers what, and when.
//! Computed only while shown.

use leptos::prelude::*;

use super::review::{go_to_row, ReviewState};
use super::EditorState;
use crate::domain::plan::RowId;
use crate::domain::timeline::{by_quarter, heading};

/// One task of a quarter.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Entry {
    row: RowId,
    content: String,
    lead: String,
    deadline: String,
}

#[component]
pub fn Timeline() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let review = expect_context::<ReviewState>();
    let sections = Memo::new(move |_| {
        state.track_plan(|e| {
            let plan = e;
            by_quarter(plan)
                .into_iter()
                .map(|section| {
                    let entries: Vec<Entry> = section
                        .tasks
                        .iter()
                        .map(|&i| {
                            let row = &plan.rows()[i];
                            let task = row.task().expect("by_quarter lists tasks");
                            Entry {
                                row: row.id,
                                content: task.content.clone(),
                                lead: task.lead.join("; "),
                                deadline: task.deadline.clone(),
                            }
                        })
                        .collect();
                    (section.bucket, heading(&section), entries)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="review-panel timeline" id="timeline" aria-label="Tiến độ thực hiện theo quý">
            <h2>"Tiến độ thực hiện theo quý"</h2>
            <Show when=move || sections.with(|s| !s.is_empty())
                fallback=|| view! { <p>"Kế hoạch chưa có nhiệm vụ nào."</p> }>
                <For each=move || sections.get() key=|s| s.clone() let((bucket, title, entries))>
                    <section class="quarter" aria-label=bucket.label()>
                        <h3>{title}</h3>
                        <table>
                            <thead><tr>
                                <th scope="col">"Dòng"</th>
                                <th scope="col">"Nhiệm vụ"</th>
                                <th scope="col">"Chủ trì"</th>
                                <th scope="col">"Thời hạn"</th>
                            </tr></thead>
                            <tbody>
                                {entries.into_iter().map(|entry| {
                                    let row = entry.row;
                                    view! {
                                        <tr>
                                            <td><button type="button" class="goto" on:click=move |_| go_to_row(state, row)>
                                                {move || format!("Đến dòng {}", review.number(row))}
                                            </button></td>
                                            <td>{entry.content}</td>
                                            <td>{entry.lead}</td>
                                            <td class="deadline-cell">{entry.deadline}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
                </For>
            </Show>
        </section>
    }
}
