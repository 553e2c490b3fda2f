//! What the progress views share: the reporting rules (a setting, kept with the app's
//! settings) and today, read from the clock when a view opens and each minute after.

use leptos::prelude::*;

use crate::domain::progress::{Day, ReportingRules};
use crate::platform;
use crate::ui::EditorState;

/// `Copy`, in context.
#[derive(Clone, Copy)]
pub struct ProgressState {
    /// The reporting year's start and the periods' cut-off days ("Mốc báo cáo").
    pub rules: RwSignal<ReportingRules>,
    /// Today by the app's clock: overdue is judged against it.
    pub today: RwSignal<Day>,
}

impl ProgressState {
    pub fn new(state: EditorState) -> ProgressState {
        let rules = RwSignal::new(ReportingRules::default());
        state.plans.keep_setting(state, "reporting", rules);
        let today = RwSignal::new(clock_day());
        let progress = ProgressState { rules, today };
        // The page may stay open across midnight.
        let handle = set_interval_with_handle(
            move || progress.refresh_today(),
            std::time::Duration::from_secs(60),
        );
        // The app lives as long as the page.
        std::mem::forget(handle);
        progress
    }

    /// Reads the clock again (a view opened: the test hooks may have moved the clock).
    pub fn refresh_today(&self) {
        let day = clock_day();
        if self.today.get_untracked() != day {
            self.today.set(day);
        }
    }
}

fn clock_day() -> Day {
    let (year, month, day) = platform::today_ymd();
    Day::clamped(year, month, day)
}
