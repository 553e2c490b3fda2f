//! Task fields whose text is not the stored value itself: budgets and agency lists.
//!
//! While the drafter types, the field shows the draft exactly as typed; the plan gets the
//! parsed value as soon as it is valid, so totals follow live. On leaving the field the
//! draft gives way to the stored value in its standard form.

use std::sync::Arc;

use leptos::prelude::*;

use super::agencies::AgencyState;
use super::suggest::{Choice, SuggestField};
use super::EditorState;
use crate::domain::agency::{self, split_agencies};
use crate::domain::deadline;
use crate::domain::history::Field;
use crate::domain::money::Money;
use crate::domain::plan::{Row, RowId, Task};

/// Which agency list a field edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    Lead,
    Partners,
}

impl Which {
    fn label(self) -> &'static str {
        match self {
            Which::Lead => "Cơ quan chủ trì",
            Which::Partners => "Cơ quan phối hợp",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Which::Lead => "lead",
            Which::Partners => "partners",
        }
    }

    fn field(self) -> Field {
        match self {
            Which::Lead => Field::Lead,
            Which::Partners => Field::Partners,
        }
    }

    fn list(self, task: &Task) -> &Vec<String> {
        match self {
            Which::Lead => &task.lead,
            Which::Partners => &task.partners,
        }
    }

    fn list_mut(self, task: &mut Task) -> &mut Vec<String> {
        match self {
            Which::Lead => &mut task.lead,
            Which::Partners => &mut task.partners,
        }
    }
}

/// A draft that is dropped when the plan changes under it (undo, redo, another plan).
fn draft_signal(state: EditorState) -> RwSignal<Option<String>> {
    let draft = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        state.epoch.track();
        draft.set(None);
    });
    draft
}

#[component]
pub fn AgencyField(row: Signal<Option<Arc<Row>>>, id: RowId, which: Which) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let draft = draft_signal(state);
    let stored = move || {
        row.with(|r| {
            r.as_ref()
                .and_then(|r| r.task())
                .map(|t| which.list(t).join("; "))
                .unwrap_or_default()
        })
    };
    let value = Signal::derive(move || draft.get().unwrap_or_else(stored));
    let on_text = Callback::new(move |text: String| {
        let names = split_agencies(&text);
        draft.set(Some(text));
        state.edit_row(id, which.field(), |p| {
            p.update_task(id, |t| *which.list_mut(t) = names)
        });
    });
    let agencies = expect_context::<AgencyState>();
    let suggest = Callback::new(move |text: String| {
        let renames = agencies.renames.get_untracked();
        agency::choices_in_cell(&super::agencies::directory(), &renames, &text, 8)
            .into_iter()
            .map(|c| Choice {
                value: c.name,
                note: c.note,
            })
            .collect()
    });
    let accept = Callback::new(|(text, choice): (String, String)| {
        agency::complete_last_agency(&text, &choice)
    });
    view! {
        <SuggestField label=which.label() class="agencies" list_id=format!("{}-{id}", which.key())
            value on_text suggest accept on_blur=Callback::new(move |_| draft.set(None))/>
    }
}

/// The deadline cell: free text, with suggestions such as "q1" → "Quý I/2027".
#[component]
pub fn DeadlineField(row: Signal<Option<Arc<Row>>>, id: RowId) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let value = Signal::derive(move || {
        row.with(|r| {
            r.as_ref()
                .and_then(|r| r.task())
                .map(|t| t.deadline.clone())
                .unwrap_or_default()
        })
    });
    let on_text = Callback::new(move |text: String| {
        state.edit_row(id, Field::Deadline, |p| {
            p.update_task(id, |t| t.deadline = text)
        });
    });
    let suggest = Callback::new(move |text: String| {
        let year = state.read_plan(|e| e.year);
        deadline::suggest(&text, year)
            .into_iter()
            .map(Choice::from)
            .collect()
    });
    let accept = Callback::new(|(_, choice): (String, String)| choice);
    let expand = Callback::new(move |text: String| {
        let year = state.read_plan(|e| e.year);
        deadline::expand(&text, year)
    });
    view! {
        <SuggestField label="Thời gian thực hiện" class="deadline" list_id=format!("deadline-{id}")
            value on_text suggest accept expand/>
    }
}

#[component]
pub fn BudgetField(row: Signal<Option<Arc<Row>>>, id: RowId) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let draft = draft_signal(state);
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        state.epoch.track();
        error.set(None);
    });
    let budget =
        move || row.with_untracked(|r| r.as_ref().and_then(|r| r.task()).and_then(|t| t.budget));
    // The budget when the drafter entered the field: what an invalid entry falls back to.
    let before = StoredValue::new(None::<Money>);
    let stored = move || {
        row.with(|r| {
            r.as_ref()
                .and_then(|r| r.task())
                .and_then(|t| t.budget)
                .map(|m| m.to_string())
                .unwrap_or_default()
        })
    };
    let value = move || draft.get().unwrap_or_else(stored);
    let error_id = format!("budget-error-{id}");
    let set_budget = move |budget: Option<Money>| {
        state.edit_row(id, Field::Budget, |p| {
            p.update_task(id, |t| t.budget = budget)
        });
    };
    view! {
        <input type="text" inputmode="decimal" class="budget" aria-label="Kinh phí (triệu đồng)"
            aria-invalid=move || error.with(Option::is_some).to_string()
            aria-describedby=error_id.clone()
            prop:value=value
            on:focus=move |_| before.set_value(budget())
            on:input=move |ev| {
                let text = event_target_value(&ev);
                match Money::parse_optional(&text) {
                    Ok(budget) => {
                        error.set(None);
                        set_budget(budget);
                    }
                    Err(e) => {
                        let kept = before.get_value();
                        error.set(Some(format!("{e} Giữ giá trị cũ: {}.", kept.map_or("để trống".to_string(), |m| m.to_string()))));
                        set_budget(kept);
                    }
                }
                draft.set(Some(text));
            }
            on:blur=move |_| {
                // A bad entry stays in the box, marked, with its message, so the drafter
                // corrects it instead of retyping it; the plan keeps the old budget.
                if error.with_untracked(Option::is_none) {
                    draft.set(None);
                }
            }/>
        <span class="field-error" id=error_id role="alert">{move || error.get()}</span>
    }
}
