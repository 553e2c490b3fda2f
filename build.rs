//! Embeds the built-in template library compactly. The curated files in `data/templates/`
//! (pretty-printed, the source of truth, see tools/curate_seeds.py) are copied into
//! `OUT_DIR` without the whitespace between JSON tokens, a fifth smaller; `library.rs`
//! embeds those copies. Strings are copied byte for byte.

use std::path::Path;
use std::{env, fs};

/// `text` without whitespace outside JSON strings.
fn minify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
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
            fs::write(out_dir.join(name), minify(&text))
                .unwrap_or_else(|e| panic!("cannot write the compact {}: {e}", path.display()));
        }
    }
}
