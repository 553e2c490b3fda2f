//! Entry point of the web app (built for wasm32 by Trunk).

/// The allocator: talc, which grows wasm memory as needed (single-threaded wasm).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The test hooks reach the app's state through the UI's start hook, so the UI does not
    // depend on them; they install themselves only in a page a test harness marked.
    cchc_plan::ui::state::on_start(cchc_plan::test_hooks::install);
    // The stored plans are read (from IndexedDB, asynchronously) before the app mounts, so
    // the app itself stays synchronous over an in-memory mirror.
    wasm_bindgen_futures::spawn_local(async {
        cchc_plan::platform::prepare_store().await;
        leptos::mount::mount_to_body(cchc_plan::ui::App);
        // The loading note of index.html has served: the app is on screen from the next frame.
        if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
            boot.remove();
        }
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "cchc-plan is the web app: build it with `trunk build`. The command-line tool is `cchc`."
    );
    std::process::exit(2);
}
