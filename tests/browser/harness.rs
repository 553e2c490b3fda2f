//! The browser-test harness: one static server for `dist/` and one WebDriver server for the
//! whole run, a fresh browser (fresh profile, fresh download folder) for every test, tests run
//! one after another and reported through libtest-mimic like `cargo test` does.
//!
//! The engine is `$CCHC_BROWSER`: `chromium` (default), `firefox` (Firefox ESR, geckodriver)
//! or `webkit` (WebKitGTK's MiniBrowser, WebKitWebDriver, on Xvfb). Tests are the same in all
//! three: they use only WebDriver and the helpers of [`Page`]; Chromium-only DevTools
//! commands (`page.cdp`) fail in the other engines. To run a script before the app's own (a
//! spy, a broken API), use [`Page::add_init_script`].
//!
//! A test is an `async fn(Page) -> Result` in a feature file (e.g. `smoke.rs`), listed in that
//! file's `tests()` with [`browser_tests!`]. When it runs, the app has already started without
//! errors (see [`Page::goto`]). After it, any error the page logged (a Rust panic through
//! `console_error_panic_hook`, an uncaught exception) fails it. On failure a screenshot is saved
//! to `target/browser-screenshots/<test>.png`.
//!
//! Two failures are not the test's but the engine's ([`EngineFault`]): the browser's page process
//! dying under it (the WebDriver server says "session deleted because of page crash", or "tab
//! crashed"), and WebKit trapping in the app's wasm during the test's first load (see
//! [`WEBKIT_START_TRAP`]). Such a test runs once more, in a new browser and WebDriver server,
//! and the run says so under its summary ("RUN AGAIN"), whatever the second run gives; at most
//! [`MAX_CRASH_RERUNS`] times a run. Any other failure (an assertion, a timeout, a page error,
//! a trap in any other engine or after the app started) fails at once.
//!
//! ```ignore
//! // tests/browser/editing.rs (and `mod editing;` + `editing::tests()` in main.rs)
//! use crate::harness::{browser_tests, BrowserTest, Key, Page, Result};
//!
//! pub fn tests() -> Vec<BrowserTest> {
//!     browser_tests![adding_a_task_updates_the_total]
//! }
//!
//! async fn adding_a_task_updates_the_total(page: Page) -> Result {
//!     page.click_button("Thêm nhiệm vụ").await?;
//!     page.type_into("Nội dung, nhiệm vụ", 0, "Rà soát thủ tục hành chính").await?;
//!     page.clear_and_type("Kinh phí", 0, "12000000").await?;
//!     page.wait_for_text("Tổng cộng", "12.000.000").await?;
//!     page.press_keys(Key::Control + "z").await?;
//!     page.wait_for_text("Tổng cộng", "0").await?;
//!     Ok(())
//! }
//! ```

// The harness offers more than today's tests use.
#![allow(dead_code, unused_imports)]

mod driver;
mod page;
mod server;
mod stored;

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};

pub use driver::{ChromeDriver, Driver, Engine};
pub use fantoccini::elements::Element;
pub use fantoccini::key::Key;
pub use page::{Kind, Page};
pub use server::{StaticServer, TempDir, Traffic};

/// How long `wait_for*` and the element look-ups wait by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long the app may take to render `main.app` after navigation.
pub const APP_START_TIMEOUT: Duration = Duration::from_secs(15);
/// A test that has not finished after this long fails (CI must never hang).
pub const TEST_TIMEOUT: Duration = Duration::from_secs(180);
/// The element whose presence means "the app has rendered".
pub const APP_READY_SELECTOR: &str = "main.app";
/// How many tests of one run may be run again for an [`EngineFault`] (see the module's docs);
/// past this, the fault fails its test like any other error.
pub const MAX_CRASH_RERUNS: usize = 2;
/// What WebDriver servers answer once the page's process has died: WebKitWebDriver
/// ("session deleted because of page crash or hang."), chromedriver ("tab crashed",
/// "session deleted because of page crash").
const BROWSER_CRASH_SIGNS: &[&str] = &["session deleted because of page crash", "tab crashed"];
/// What WebKitGTK 2.50 logged, once in a whole WebKit run or two, while the app started in a
/// fresh browser: a trap in the app's wasm. Never in Chromium or Firefox (every run since the
/// engines joined the suite), and never in 380 WebKit starts of the same build on their own
/// (100 reloads and 279 fresh browsers on 2026-12-07); the app has no unsafe code. Taken for
/// the engine's, and only there: WebKit, the test's first load.
pub const WEBKIT_START_TRAP: &str = "RuntimeError: Out of bounds memory access";

/// A failure that is the engine's, not the test's: the test runs once more (module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EngineFault {
    /// The page's process died (see [`BROWSER_CRASH_SIGNS`]).
    Crashed,
    /// WebKit trapped in the app's wasm while the app started (see [`WEBKIT_START_TRAP`]).
    WebkitStartTrap,
}

impl EngineFault {
    fn says(self) -> &'static str {
        match self {
            EngineFault::Crashed => "the browser crashed",
            EngineFault::WebkitStartTrap => "WebKit trapped in the app's wasm at start",
        }
    }
}

/// Whether the error of a test's first load (in `engine`) is WebKit's start-up trap.
pub fn webkit_start_trap(engine: Engine, first_load_error: &str) -> bool {
    engine == Engine::Webkit
        && first_load_error.contains("the app failed to start")
        && first_load_error.contains(WEBKIT_START_TRAP)
}

/// The error of the harness and of tests: a message. Any `std::error::Error` converts into it,
/// so `?` works on WebDriver and I/O results.
pub struct Error(String);

impl Error {
    pub fn msg(message: impl Into<String>) -> Self {
        Error(message.into())
    }
}

impl<E: std::error::Error> From<E> for Error {
    fn from(error: E) -> Self {
        Error(error.to_string())
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub type Result<T = (), E = Error> = std::result::Result<T, E>;

/// `bail!("...", args)`: return an [`Error`] with a formatted message.
macro_rules! bail {
    ($($arg:tt)*) => {
        return Err($crate::harness::Error::msg(format!($($arg)*)))
    };
}
#[allow(unused_imports)]
pub(crate) use bail;

pub type TestFuture = Pin<Box<dyn Future<Output = Result> + Send>>;

/// One browser test: its name (`module::function`) and its body.
#[derive(Clone)]
pub struct BrowserTest {
    pub name: String,
    pub body: fn(Page) -> TestFuture,
}

/// `browser_tests![a, b, c]` lists the `async fn(Page) -> Result` tests of the current module,
/// named `module::function` (the module's path inside the test crate).
macro_rules! browser_tests {
    ($($test:ident),* $(,)?) => {{
        let module = module_path!();
        let module = module.split_once("::").map(|(_, rest)| rest).unwrap_or(module);
        vec![$(
            $crate::harness::BrowserTest {
                name: format!("{}::{}", module, stringify!($test)),
                body: |page| -> $crate::harness::TestFuture { Box::pin($test(page)) },
            }
        ),*]
    }};
}
pub(crate) use browser_tests;

/// Runs the given tests with libtest's command line (name filters, `--exact`, `--skip`,
/// `--list`, `--ignored` …), always one at a time, then stops the server and the WebDriver server.
pub fn run(tests: Vec<BrowserTest>) -> ! {
    // A test's panic is reported as its failure (with its location), not printed on the side.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if IN_TEST_BODY.load(Ordering::SeqCst) {
            *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(info.to_string());
        } else {
            default_hook(info);
        }
    }));

    let mut args = Arguments::from_args();
    // Two shared cores: one browser at a time.
    args.test_threads = Some(1);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("cannot start the tokio runtime");
    let shared = Arc::new(Shared {
        runtime,
        env: Mutex::new(None),
    });

    let trials = tests
        .into_iter()
        .map(|test| {
            let shared = Arc::clone(&shared);
            Trial::test(test.name.clone(), move || shared.run_test(&test))
        })
        .collect();
    let conclusion = libtest_mimic::run(&args, trials);
    let reruns = std::mem::take(&mut *RERUNS.lock().unwrap_or_else(|e| e.into_inner()));
    if !reruns.is_empty() {
        eprintln!("\nRUN AGAIN because of the engine, not the test (its first error is above):");
        for note in &reruns {
            eprintln!("  - {note}");
        }
    }
    let unchecked = std::mem::take(&mut *NOT_CHECKED.lock().unwrap_or_else(|e| e.into_inner()));
    if !unchecked.is_empty() {
        eprintln!("\nNOT CHECKED in this engine (the tests above passed without these parts):");
        for note in &unchecked {
            eprintln!("  - {note}");
        }
    }

    // process::exit skips destructors: stop the driver and the server first.
    if let Some(Ok(env)) = shared.env.lock().unwrap_or_else(|e| e.into_inner()).take() {
        env.shutdown();
    }
    conclusion.exit()
}

struct Shared {
    runtime: tokio::runtime::Runtime,
    /// Started at the first test that runs, so `--list` or a filter matching nothing starts
    /// nothing and needs no `dist/`. A failed start is kept and reported by every test.
    env: Mutex<Option<Result<Env, String>>>,
}

/// What all tests share: the server of `dist/` and the WebDriver server (killed when dropped).
pub struct Env {
    pub app: StaticServer,
    pub driver: Driver,
}

impl Env {
    pub fn start() -> Result<Env> {
        let dist = dist_dir();
        if !dist.join("index.html").is_file() {
            bail!(
                "{} is missing: run `trunk build --release` first (scripts/test does it)",
                dist.join("index.html").display()
            );
        }
        let app = StaticServer::start(&dist)?;
        *APP_TRAFFIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(app.traffic());
        let driver = Driver::start(&target_dir().join("browser-logs"))?;
        Ok(Env { app, driver })
    }

    pub fn shutdown(self) {
        self.driver.shutdown();
        drop(self.app);
    }
}

impl Shared {
    fn run_test(&self, test: &BrowserTest) -> Result<(), Failed> {
        let mut guard = self.env.lock().unwrap_or_else(|e| e.into_inner());
        let first = self.run_once(&mut guard, test);
        let Err(failure) = first else {
            return Ok(());
        };
        let engine = Engine::from_env().map(Engine::name).unwrap_or("?");
        let already_rerun = RERUNS.lock().unwrap_or_else(|e| e.into_inner()).len();
        let fault = match failure.engine_fault {
            Some(fault) if already_rerun < MAX_CRASH_RERUNS => fault,
            Some(fault) => {
                return Err(Failed::from(format!(
                    "{}\n({}; not run again: {MAX_CRASH_RERUNS} tests of this run already were)",
                    failure.error,
                    fault.says()
                )))
            }
            None => return Err(Failed::from(failure.error.to_string())),
        };
        eprintln!(
            "ENGINE FAULT ({}): {engine}: {}: {}\nRunning it once more in a new browser.",
            fault.says(),
            test.name,
            failure.error
        );
        // A new WebDriver server too: the crashed one may be left in any state.
        if let Some(Ok(env)) = guard.take() {
            env.shutdown();
        }
        let second = self.run_once(&mut guard, test);
        let verdict = match &second {
            Ok(()) => "passed the second time",
            Err(_) => "failed again",
        };
        RERUNS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(format!(
                "{engine}: {}: {} the first time, {verdict}",
                test.name,
                fault.says()
            ));
        let first_error = failure.error.to_string();
        second.map_err(|again| {
            Failed::from(format!(
                "{}\n(second run, after {} in the first: {})",
                again.error,
                fault.says(),
                first_line(&first_error)
            ))
        })
    }

    /// Runs `test` once, starting the shared server and WebDriver server if none runs.
    fn run_once(
        &self,
        guard: &mut Option<Result<Env, String>>,
        test: &BrowserTest,
    ) -> Result<(), Failure> {
        // WebKit: a new display and driver for every test. On one Xvfb display, keys typed in
        // the second and later MiniBrowser windows were lost or went to another field (the
        // windows' keyboard focus is the display's, and a display has no window manager).
        if matches!(guard.as_ref(), Some(Ok(env)) if env.driver.engine() == driver::Engine::Webkit)
        {
            if let Some(Ok(env)) = guard.take() {
                env.shutdown();
            }
        }
        if guard.is_none() {
            *guard = Some(Env::start().map_err(|e| e.to_string()));
        }
        let env = match guard.as_ref().unwrap() {
            Ok(env) => env,
            Err(message) => {
                return Err(Failure::of(Error::msg(format!(
                    "cannot start the browser tests: {message}"
                ))))
            }
        };
        let started = Instant::now();
        let result = self.runtime.block_on(run_in_fresh_browser(env, test));
        if std::env::var_os("CCHC_BROWSER_TIMINGS").is_some() {
            eprintln!("{}: {:.1} s", test.name, started.elapsed().as_secs_f64());
        }
        result
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// Why a test failed, and whether the engine did ([`EngineFault`]): only then is the test run
/// again.
struct Failure {
    error: Error,
    engine_fault: Option<EngineFault>,
}

impl Failure {
    fn of(error: Error) -> Self {
        Failure {
            error,
            engine_fault: None,
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::of(error)
    }
}

/// The tests run again because the browser crashed, with how the second run went.
static RERUNS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Whether `error` (a test's failure) came from the browser's page process dying: the error says
/// so, or the page no longer runs a one-line script and the driver says why.
pub async fn browser_crashed(page: &Page, error: &Error) -> bool {
    let crash_sign = |text: &str| BROWSER_CRASH_SIGNS.iter().any(|sign| text.contains(sign));
    if crash_sign(&error.to_string()) {
        return true;
    }
    match page.js("return 1;").await {
        Ok(_) => false,
        Err(probe) => crash_sign(&probe.to_string()),
    }
}

/// The traffic of the current server of `dist/`, for [`app_requests`] and
/// [`block_app_paths`]. Replaced whenever the server is (WebKit starts a new one per test).
static APP_TRAFFIC: Mutex<Option<Arc<Mutex<Traffic>>>> = Mutex::new(None);

fn with_app_traffic<R>(f: impl FnOnce(&mut Traffic) -> R) -> R {
    let traffic = APP_TRAFFIC
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
        .expect("the app's server runs during a test");
    let mut traffic = traffic.lock().unwrap_or_else(|e| e.into_inner());
    f(&mut traffic)
}

/// The paths the app's server was asked for since the current test's browser started (its
/// first load included), in order.
pub fn app_requests() -> Vec<String> {
    with_app_traffic(|t| t.requests.clone())
}

/// From now until the end of the current test, the app's server answers 404 for these
/// paths (e.g. "/worker_bg.wasm"), as for a file that cannot be loaded.
pub fn block_app_paths(paths: &[&str]) {
    with_app_traffic(|t| t.blocked = paths.iter().map(|p| p.to_string()).collect());
}

/// What a passing test could not check in this engine, said again under the run's summary.
static NOT_CHECKED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Records, loudly, a part of a test that this engine cannot run (a WebDriver command its
/// driver lacks): printed at once and again under the run's summary. Only for a lack of the
/// driver, never of the app.
pub fn not_checked(page: &Page, test: &str, what: &str) {
    let note = format!("{:?}: {test}: {what}", page.engine());
    eprintln!("NOT CHECKED: {note}");
    NOT_CHECKED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(note);
}

/// The page printed to PDF (checked to be one), or `None` in WebKit, whose driver has no
/// Print Page command (and WebKitGTK no other way to print under automation): recorded with
/// [`not_checked`] for `test`, so the run says the printed pages were not read there.
pub async fn printed_pdf(page: &Page, test: &str) -> Result<Option<Vec<u8>>> {
    if page.engine() == Engine::Webkit {
        not_checked(
            page,
            test,
            "the printed PDF (WebKitWebDriver has no Print Page command)",
        );
        return Ok(None);
    }
    let pdf = page.print_pdf().await?;
    if !pdf.starts_with(b"%PDF") {
        bail!("printing did not return a PDF");
    }
    Ok(Some(pdf))
}

static IN_TEST_BODY: AtomicBool = AtomicBool::new(false);
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

async fn run_in_fresh_browser(env: &Env, test: &BrowserTest) -> Result<(), Failure> {
    // Each test starts with an empty request log and nothing blocked.
    with_app_traffic(|t| *t = Traffic::default());
    let timings = std::env::var_os("CCHC_BROWSER_TIMINGS").is_some();
    let starting = Instant::now();
    let page = env.driver.new_page(&env.app.base_url()).await?;
    if timings {
        eprintln!(
            "{}: starting the browser took {:.1} s",
            test.name,
            starting.elapsed().as_secs_f64()
        );
    }
    let deadline = Instant::now() + TEST_TIMEOUT;

    let start_trap = std::cell::Cell::new(false);
    let outcome = async {
        let loading = Instant::now();
        page.goto("/").await.inspect_err(|error| {
            start_trap.set(webkit_start_trap(page.engine(), &error.to_string()));
        })?;
        if timings {
            eprintln!(
                "{}: the first load took {:.1} s",
                test.name,
                loading.elapsed().as_secs_f64()
            );
        }
        IN_TEST_BODY.store(true, Ordering::SeqCst);
        let mut task = tokio::spawn((test.body)(page.clone()));
        let finished = tokio::time::timeout_at(deadline.into(), &mut task).await;
        IN_TEST_BODY.store(false, Ordering::SeqCst);
        match finished {
            Err(_) => {
                task.abort();
                bail!(
                    "the test did not finish within {} s",
                    TEST_TIMEOUT.as_secs()
                );
            }
            Ok(Err(join_error)) => {
                if join_error.is_panic() {
                    if let Some(report) =
                        LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take()
                    {
                        bail!("{report}");
                    }
                    let payload = join_error.into_panic();
                    let message = payload
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_else(|| "(no message)".into());
                    bail!("panicked: {message}");
                }
                bail!("the test task failed: {join_error}");
            }
            Ok(Ok(result)) => result?,
        }
        let errors = page.take_console_errors().await?;
        if !errors.is_empty() {
            bail!(
                "the page logged errors during the test:\n{}",
                errors.join("\n")
            );
        }
        Ok(())
    }
    .await;

    let outcome = match outcome {
        Ok(()) => Ok(()),
        Err(error) => {
            let engine_fault = if browser_crashed(&page, &error).await {
                Some(EngineFault::Crashed)
            } else if start_trap.get() {
                Some(EngineFault::WebkitStartTrap)
            } else {
                None
            };
            let path = screenshot_path(&test.name);
            let note = match page.screenshot(&path).await {
                Ok(()) => format!("screenshot: {}", path.display()),
                Err(e) => format!("(no screenshot: {e})"),
            };
            Err(Failure {
                error: Error::msg(format!("{error}\n{note}")),
                engine_fault,
            })
        }
    };
    let closing = Instant::now();
    page.close().await;
    if timings {
        eprintln!(
            "{}: closing the browser took {:.1} s",
            test.name,
            closing.elapsed().as_secs_f64()
        );
    }
    outcome
}

/// `dist/` of this crate, or `$CCHC_DIST`.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("CCHC_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"))
}

/// Cargo's target folder (`$CARGO_TARGET_DIR` or `target/`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// `target/browser-screenshots/<test name with :: as __>.png`.
pub fn screenshot_path(test_name: &str) -> PathBuf {
    target_dir()
        .join("browser-screenshots")
        .join(format!("{}.png", test_name.replace("::", "__")))
}
