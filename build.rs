//! Embeds the built-in template library compactly. The curated files in `data/templates/`
//! (pretty-printed, the source of truth, see tools/curate_seeds.py) are copied into
//! `OUT_DIR` without the whitespace between JSON tokens (serde_json), a fifth smaller;
//! `library.rs` embeds those copies.

use std::path::Path;
use std::{env, fs};

/// `text` (a JSON document) without the whitespace between its tokens. Object keys come
/// out sorted (serde_json's map), which no reader of the file depends on; strings and
/// numbers keep their values.
fn minify(text: &str, path: &Path) -> String {
    let value: serde_json::Value = serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    value.to_string()
}

fn main() {
    let out_dir = Path::new(&env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("templates");
    fs::create_dir_all(&out_dir).expect("cannot create OUT_DIR/templates");
    println!("cargo:rerun-if-changed=data/templates");
    let entries = fs::read_dir("data/templates").expect("data/templates is missing");
    for entry in entries {
        let path = entry.expect("cannot list data/templates").path();
        if path.extension().is_some_and(|e| e == "json") {
            println!("cargo:rerun-if-changed={}", path.display());
            let text = fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let name = path.file_name().expect("a file name");
            fs::write(out_dir.join(name), minify(&text, &path))
                .unwrap_or_else(|e| panic!("cannot write the compact {}: {e}", path.display()));
        }
    }
}
