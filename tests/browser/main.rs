//! Browser tests: the built app (`dist/`) in Chromium, Firefox ESR or WebKitGTK (`CCHC_BROWSER`)
//! through the engine's WebDriver server.
//!
//! Run with `cargo test --test browser` after `trunk build --release` (scripts/test does both).
//! A name filter works as with libtest: `cargo test --test browser -- smoke::`.
//! The harness is in `harness.rs` (+ `harness/`); each feature area has its own file with a
//! `tests()` list, added to the list below.

// Workbook reading shared with the native workbook tests.
#[path = "../common/mod.rs"]
mod common;
mod editor;
mod engines;
mod export;
mod files;
mod harness;
mod harness_checks;
mod import;
mod indexeddb;
mod layout;
mod library;
mod offline;
mod par_index;
mod plan_document;
mod progress;
mod review;
mod search_index;
mod smoke;
mod storage;
mod switching;
mod word;
mod wording;
mod worker;

fn main() {
    harness::run(
        [
            smoke::tests(),
            harness_checks::tests(),
            editor::tests(),
            storage::tests(),
            library::tests(),
            export::tests(),
            offline::tests(),
            review::tests(),
            files::tests(),
            switching::tests(),
            worker::tests(),
            wording::tests(),
            search_index::tests(),
            import::tests(),
            word::tests(),
            plan_document::tests(),
            indexeddb::tests(),
            progress::tests(),
            par_index::tests(),
            engines::tests(),
            layout::tests(),
        ]
        .concat(),
    );
}
