//! `cchc`: the command-line side of the plan builder (native targets only).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("usage: cchc <command> ...");
    std::process::exit(2);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
