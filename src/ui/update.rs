//! "Đã có phiên bản mới": a new build of the app is installed and waiting; "Tải lại" saves
//! the plan, lets the new build take over and reloads.

use leptos::prelude::*;

use super::EditorState;
use crate::platform;

/// How long "Tải lại" waits for the last save to be durable before it reloads anyway (the
/// page's own pagehide flush still runs).
const SETTLE_WAIT_MS: u32 = 3_000;

/// Registers the service worker; shows the banner when a new build waits.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let waiting = RwSignal::new(false);
    let reloading = RwSignal::new(false);
    platform::offline::start(move || waiting.set(true));
    let reload = move |_| {
        reloading.set(true);
        state.plans.flush(state);
        reload_when_saved(state, 0);
    };
    view! {
        <Show when=move || waiting.get()>
            <div class="update-banner" role="status">
                <p>"Đã có phiên bản mới của ứng dụng. Kế hoạch được lưu trước khi tải lại."</p>
                <button type="button" on:click=reload disabled=move || reloading.get()>
                    {move || if reloading.get() { "Đang tải lại…" } else { "Tải lại" }}
                </button>
            </div>
        </Show>
    }
}

/// Takes the new build once the last save is durable, or after [`SETTLE_WAIT_MS`].
fn reload_when_saved(state: EditorState, waited: u32) {
    if state.plans.is_settled() || waited >= SETTLE_WAIT_MS {
        platform::offline::take_update();
        return;
    }
    set_timeout(
        move || reload_when_saved(state, waited + 50),
        std::time::Duration::from_millis(50),
    );
}
