//! The plan check and the last move to another year, as memos and signals shared by the
//! review panels (`ui/review.rs`, `ui/timeline.rs`, `ui/agencies.rs`). The check itself runs
//! in the domain ([`Checker`]), once per plan change.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use super::agencies::AgencyState;
use super::progress::ProgressState;
use crate::domain::plan::RowId;
use crate::domain::review::{Checker, Review, RollFlag};
use crate::domain::rollover::RollReport;
use crate::domain::timeline::full_numbers;
use crate::ui::EditorState;

/// The plan check and the last move to another year; `Copy`, in context.
#[derive(Clone, Copy)]
pub struct ReviewState {
    pub review: Memo<Review>,
    /// Deadlines the last move flagged, shown in the check while unchanged.
    pub flags: RwSignal<Vec<RollFlag>>,
    pub last_roll: RwSignal<Option<RollReport>>,
    /// The opened plan (see `EditorState::opened`) the flags and report are about: the plan a
    /// move to another year created.
    pub roll_opened: StoredValue<u64>,
    /// "II.3.1": every row's TT after its area's, for links that must be unambiguous.
    pub numbers: Memo<HashMap<RowId, String>>,
}

impl ReviewState {
    pub fn new(state: EditorState, agencies: AgencyState, progress: ProgressState) -> ReviewState {
        let flags = RwSignal::new(Vec::<RollFlag>::new());
        let checker = StoredValue::new(Checker::new(agencies.renames.get_untracked()));
        let review = Memo::new(move |_| {
            let table = agencies.renames.get();
            let today = progress.today.get();
            flags.with(|flags| {
                state.track_plan(|e| {
                    checker
                        .try_update_value(|c| {
                            if !Arc::ptr_eq(c.renames(), &table) {
                                *c = Checker::new(table.clone());
                            }
                            c.set_today(Some(today));
                            c.check(e, flags)
                        })
                        .unwrap_or_default()
                })
            })
        });
        let numbers = Memo::new(move |_| {
            state.outline.with(|outline| {
                let numbers = state.numbers.with(|n| {
                    outline
                        .iter()
                        .map(|(id, ..)| n.get(id).cloned().unwrap_or_default())
                        .collect::<Vec<_>>()
                });
                let full = full_numbers(&numbers, outline.iter().map(|r| r.1));
                outline.iter().map(|r| r.0).zip(full).collect()
            })
        });
        let last_roll = RwSignal::new(None);
        let roll_opened = StoredValue::new(0);
        // A plan opened (another one, or a newer version of this one): the last move's flags
        // and report were about rows of the plan that was on screen before (unless that move
        // made the plan now open).
        Effect::new(move |previous: Option<u64>| {
            let opened = state.opened();
            if previous.is_some_and(|p| p != opened) && roll_opened.get_value() != opened {
                flags.set(Vec::new());
                last_roll.set(None);
            }
            opened
        });
        ReviewState {
            review,
            flags,
            last_roll,
            roll_opened,
            numbers,
        }
    }

    /// The row's TT with its area's ("II.3.1").
    pub fn number(&self, row: RowId) -> String {
        self.numbers
            .with(|n| n.get(&row).cloned().unwrap_or_default())
    }
}
