//! Browser tests (headless Chromium through chromedriver). The harness lives in this folder.

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    libtest_mimic::run(&args, Vec::new()).exit();
}
