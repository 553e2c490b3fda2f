//! Entry point of the web app (built for wasm32 by Trunk).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(cchc_plan::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "cchc-plan is the web app: build it with `trunk build`. The command-line tool is `cchc`."
    );
    std::process::exit(2);
}
