//! `Page`: one fresh browser (of the engine `CCHC_BROWSER` chose) showing the app, driven the way a person (or a screen reader)
//! would: controls are found by their ACCESSIBLE NAME, keys are real key events.
//!
//! `nth` arguments count from 0, in document order, among the elements with that name.
//! Look-ups wait (up to [`DEFAULT_TIMEOUT`]) for the element to appear; `count` does not wait.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::{Element, ElementRef};
use fantoccini::key::Key;
use fantoccini::Client;
use serde_json::{json, Value};

use super::driver::{CdpCommand, Engine};
use super::server::{self, TempDir};
use super::{bail, Error, Result, APP_READY_SELECTOR, APP_START_TIMEOUT, DEFAULT_TIMEOUT};

const NAMES_JS: &str = include_str!("names.js");
/// How WebDriver marks an element reference in JSON.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
const POLL: Duration = Duration::from_millis(50);

/// Scrolls `arguments[0]` to the middle of the viewport and resolves once its box is the
/// same two animation frames running (at most 30 frames, or 1 s where frames do not run).
const SCROLL_AND_SETTLE: &str = r#"
const element = arguments[0];
element.scrollIntoView({block: 'center', inline: 'nearest'});
const place = () => JSON.stringify(element.getBoundingClientRect());
return new Promise(resolve => {
  let last = place(), frames = 0;
  const step = () => {
    const now = place();
    if (now === last || ++frames > 30) resolve(frames); else { last = now; requestAnimationFrame(step); }
  };
  requestAnimationFrame(step);
  setTimeout(() => resolve(-1), 1000);
});
"#;
/// How long a page may take to start its documents worker before a navigation leaves it.
const WORKER_START_GRACE: Duration = Duration::from_secs(2);

/// A browser tab of a fresh browser session. Cheap to clone (all clones drive the same tab).
#[derive(Clone)]
pub struct Page {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    base_url: String,
    download_dir: PathBuf,
    engine: Engine,
    /// The session's profile and download folder, removed when the last clone is dropped.
    _dir: TempDir,
}

/// What kind of element a name look-up accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Anything with an accessible name.
    Any,
    /// Form controls: input, select, textarea, contenteditable, textbox-like roles.
    Field,
    /// button, input type=button/submit/reset/image, role=button, summary.
    Button,
    /// a[href], role=link.
    Link,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Any => "any",
            Kind::Field => "field",
            Kind::Button => "button",
            Kind::Link => "link",
        }
    }
}

impl Page {
    pub(super) fn new(
        client: Client,
        base_url: String,
        download_dir: PathBuf,
        dir: TempDir,
        engine: Engine,
    ) -> Page {
        Page {
            inner: Arc::new(Inner {
                client,
                base_url,
                download_dir,
                engine,
                _dir: dir,
            }),
        }
    }

    /// The WebDriver client, for anything the helpers below do not cover.
    pub fn client(&self) -> &Client {
        &self.inner.client
    }

    /// Where the app is served, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The engine this page runs in (`CCHC_BROWSER`).
    pub fn engine(&self) -> Engine {
        self.inner.engine
    }

    /// Runs `script` in every page loaded from now on until the test ends (reloads, other
    /// windows), before any script of the page and after the harness's own (error hook, test
    /// marker) and the scripts added before it. Works in every engine: the harness's server
    /// puts it at the top of the page's `<head>` as a same-origin script.
    pub async fn add_init_script(&self, script: &str) -> Result {
        server::add_init_script(script);
        Ok(())
    }

    /// Makes CSS `@media print` rules apply (and screen-only ones not) as when printing, or
    /// back to the screen with `false`. Chromium emulates the medium; the other engines have no
    /// WebDriver way, so the page's same-origin style sheets are rewritten in place (each
    /// media rule keeps its original list, to be restored).
    pub async fn emulate_print_media(&self, print: bool) -> Result {
        if self.engine() == Engine::Chromium {
            let media = if print { "print" } else { "" };
            self.cdp("Emulation.setEmulatedMedia", json!({ "media": media }))
                .await?;
            return Ok(());
        }
        self.js_with(
            "const print = arguments[0];
             const walk = (rules) => {
               for (const rule of rules) {
                 if (rule instanceof CSSMediaRule) {
                   if (rule.__cchcMedia === undefined) rule.__cchcMedia = rule.media.mediaText;
                   const original = rule.__cchcMedia;
                   let text = original;
                   if (print) {
                     const q = window.matchMedia(original.replace(/\\bprint\\b/g, 'all').replace(/\\bscreen\\b/g, 'not all'));
                     text = q.matches ? 'all' : 'not all';
                   }
                   rule.media.mediaText = text;
                   walk(rule.cssRules);
                 }
               }
             };
             for (const sheet of document.styleSheets) walk(sheet.cssRules);
             for (const link of document.querySelectorAll('link[rel=stylesheet][media]')) {
               if (link.dataset.cchcMedia === undefined) link.dataset.cchcMedia = link.media;
               link.media = print ? (/\\bprint\\b|\\ball\\b/.test(link.dataset.cchcMedia) ? 'all' : 'not all') : link.dataset.cchcMedia;
             }
             return true;",
            vec![json!(print)],
        )
        .await?;
        Ok(())
    }

    /// The page printed to PDF, laid out by its print style sheet with the paper size its CSS
    /// `@page` rule asks for: Chromium through DevTools (`preferCSSPageSize`), the other
    /// engines through WebDriver's Print Page (the engine's own print settings).
    pub async fn print_pdf(&self) -> Result<Vec<u8>> {
        if self.engine() == Engine::Chromium {
            let pdf = self
                .cdp(
                    "Page.printToPDF",
                    json!({ "preferCSSPageSize": true, "printBackground": false }),
                )
                .await?;
            return decode_base64(pdf["data"].as_str().unwrap_or_default());
        }
        // WebDriver's print takes the page from its parameters, not from the CSS `@page` rule:
        // ask for what the app's print stylesheet asks (A4 landscape); Chromium above shows
        // that the stylesheet itself asks for it.
        let landscape = fantoccini::wd::PrintConfiguration::builder()
            .orientation(fantoccini::wd::PrintOrientation::Landscape)
            .build()
            .map_err(|e| Error::msg(format!("print settings: {e}")))?;
        self.client()
            .print(landscape)
            .await
            .map_err(|e| Error::msg(format!("printing to PDF: {e}")))
    }

    /// This session's (initially empty) download folder.
    pub fn download_dir(&self) -> &Path {
        &self.inner.download_dir
    }

    // ----- navigation ---------------------------------------------------------------------

    /// Opens `path` of the app (e.g. `"/"`) and waits until the app has rendered.
    pub async fn goto(&self, path: &str) -> Result {
        let url = format!("{}/{}", self.inner.base_url, path.trim_start_matches('/'));
        self.open_url(&url).await
    }

    /// Opens any URL and waits until `main.app` is there (see [`Page::wait_until_started`]).
    pub async fn open_url(&self, url: &str) -> Result {
        self.open_url_with_timeout(url, APP_START_TIMEOUT).await
    }

    pub async fn open_url_with_timeout(&self, url: &str, timeout: Duration) -> Result {
        self.fail_on_console_errors("before leaving the page")
            .await?;
        self.let_the_worker_settle().await?;
        self.mark_the_document_left().await;
        self.client().goto(url).await?;
        self.wait_until_started(timeout).await
    }

    /// Marks the current document, so that [`Page::wait_until_started`] waits for the next
    /// one: WebKitWebDriver now and then answered a Refresh before the old document was gone,
    /// and the old page's `main.app` passed for the new one (once in a whole run).
    async fn mark_the_document_left(&self) {
        // On the document, not the window: leaving the first about:blank may keep its window.
        let _ = self.js("document.__cchcLeft = true;").await;
    }

    /// Reloads the page (as F5 would) and waits until the app has rendered again.
    pub async fn reload(&self) -> Result {
        self.fail_on_console_errors("before reloading").await?;
        self.let_the_worker_settle().await?;
        self.mark_the_document_left().await;
        self.client().refresh().await?;
        self.wait_until_started(APP_START_TIMEOUT).await
    }

    /// Before leaving an app page: waits until the documents worker, which the app starts
    /// when the browser is idle after its first render, has loaded or failed
    /// (`<html data-documents-worker>`), as a user who reloads some seconds later would. A
    /// navigation that cuts a worker's start can stall the next page's module import in
    /// Chromium for about 15 s; the tests are not about that stall. A page where no worker
    /// starts within [`WORKER_START_GRACE`] (not the app, or WebKit's one-second fallback
    /// timer plus some) is left at once after it.
    async fn let_the_worker_settle(&self) -> Result {
        let started = Instant::now();
        loop {
            let state = self
                .js("return document.documentElement.dataset.documentsWorker || ''")
                .await
                .unwrap_or_default();
            match state.as_str().unwrap_or_default() {
                "ready" | "failed" => return Ok(()),
                "" if started.elapsed() > WORKER_START_GRACE => return Ok(()),
                _ if started.elapsed() > APP_START_TIMEOUT => bail!(
                    "the documents worker was still loading after {:.1} s",
                    APP_START_TIMEOUT.as_secs_f64()
                ),
                _ => tokio::time::sleep(POLL).await,
            }
        }
    }

    /// Waits until `main.app` exists in a new document (not one the harness navigated away
    /// from). Fails at once, with the messages, if the page logged an error (a Rust panic, a
    /// wasm start-up failure …), and after `timeout` if the page stays blank.
    pub async fn wait_until_started(&self, timeout: Duration) -> Result {
        let started = Instant::now();
        loop {
            let state = self
                .js_with(
                    "return { ready: !document.__cchcLeft && !!document.querySelector(arguments[0]),
                              left: document.__cchcLeft === true,
                              hooked: Array.isArray(window.__cchcErrors),
                              errors: window.__cchcErrors ? window.__cchcErrors.slice() : [],
                              body: document.body ? document.body.innerHTML.slice(0, 300) : '(no body)',
                              resources: performance.getEntriesByType('resource')
                                .map(e => e.name.replace(location.origin, '') + ' ' + Math.round(e.duration) + ' ms'),
                              wasm: typeof window.wasmBindings,
                              scripts: Array.from(document.scripts).map(s => s.src || ('inline ' + s.type)) };",
                    vec![json!(APP_READY_SELECTOR)],
                )
                .await?;
            if state["left"] == json!(true) {
                if started.elapsed() > timeout {
                    bail!(
                        "the browser stayed on the page it was asked to leave for {:.1} s",
                        timeout.as_secs_f64()
                    );
                }
                tokio::time::sleep(POLL).await;
                continue;
            }
            let errors: Vec<String> = strings(&state["errors"]);
            if !errors.is_empty() {
                bail!(
                    "the app failed to start; the page logged:\n{}",
                    errors.join("\n")
                );
            }
            if state["ready"] == json!(true) {
                if state["hooked"] != json!(true) {
                    bail!("the harness's error hook is missing from the page (the test server puts it at the top of every HTML page)");
                }
                return Ok(());
            }
            if started.elapsed() > timeout {
                bail!(
                    "the page stayed blank: no `{APP_READY_SELECTOR}` after {:.1} s and no error logged; <body> starts with: {:?}\nwasm bindings: {}\nscripts: {}\nfetched: {}\nthe app's server was asked for: {:?}",
                    timeout.as_secs_f64(),
                    state["body"].as_str().unwrap_or(""),
                    state["wasm"],
                    state["scripts"],
                    state["resources"],
                    super::app_requests()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    // ----- finding elements by accessible name -------------------------------------------

    /// All shown elements of `kind` named `name`, in document order (no waiting).
    pub async fn find_all_of(&self, kind: Kind, name: &str) -> Result<Vec<Element>> {
        self.lookup(kind, name, false).await
    }

    /// All shown elements named `name`, in document order (no waiting).
    pub async fn find_all(&self, name: &str) -> Result<Vec<Element>> {
        self.lookup(Kind::Any, name, false).await
    }

    /// The `nth` shown element of `kind` named `name`, waiting for it to appear.
    pub async fn find_of(&self, kind: Kind, name: &str, nth: usize) -> Result<Element> {
        self.wait_for_element(kind, name, nth, false).await
    }

    /// The `nth` shown element named `name` (any kind), waiting for it to appear.
    pub async fn find(&self, name: &str, nth: usize) -> Result<Element> {
        self.wait_for_element(Kind::Any, name, nth, false).await
    }

    /// The `nth` form control named `name` (its label, aria-label, …).
    pub async fn field(&self, name: &str, nth: usize) -> Result<Element> {
        self.wait_for_element(Kind::Field, name, nth, false).await
    }

    /// The `nth` button named `name`.
    pub async fn button(&self, name: &str, nth: usize) -> Result<Element> {
        self.wait_for_element(Kind::Button, name, nth, false).await
    }

    /// How many shown elements are named `name` now (no waiting).
    pub async fn count(&self, name: &str) -> Result<usize> {
        Ok(self.lookup(Kind::Any, name, false).await?.len())
    }

    /// How many shown elements of `kind` are named `name` now (no waiting).
    pub async fn count_of(&self, kind: Kind, name: &str) -> Result<usize> {
        Ok(self.lookup(kind, name, false).await?.len())
    }

    // ----- acting -------------------------------------------------------------------------

    /// Clicks the first button named `name`.
    pub async fn click_button(&self, name: &str) -> Result {
        self.click_button_nth(name, 0).await
    }

    /// Clicks the `nth` button named `name`.
    pub async fn click_button_nth(&self, name: &str, nth: usize) -> Result {
        let button = self.button(name, nth).await?;
        if !button.is_enabled().await? {
            bail!("the button {name:?} (#{nth}) is disabled");
        }
        // Into the middle of the viewport first, as a user scrolls to what they click: the
        // drivers' own scrolling may leave it under the sticky toolbar.
        self.settle(&button).await?;
        button
            .click()
            .await
            .map_err(|e| Error::msg(format!("clicking the button {name:?}: {e:?}")))
    }

    /// Scrolls `element` to the middle of the viewport and waits until it stays put, before a
    /// click: a message appearing above it moves it between the driver's reading of its place
    /// and the click (Chromium then clicks what is there now; WebKitWebDriver fails with an
    /// empty error).
    async fn settle(&self, element: &Element) -> Result {
        self.client()
            .execute(SCROLL_AND_SETTLE, vec![serde_json::to_value(element)?])
            .await?;
        Ok(())
    }

    /// Clicks the `nth` field named `name` (a user's click into a text box, a checkbox).
    pub async fn click_field(&self, name: &str, nth: usize) -> Result {
        let field = self.field(name, nth).await?;
        self.settle(&field).await?;
        field
            .click()
            .await
            .map_err(|e| Error::msg(format!("clicking the field {name:?} (#{nth}): {e:?}")))
    }

    /// Clicks the first element of any kind named `name` (a link, a tab, a cell …).
    pub async fn click(&self, name: &str) -> Result {
        let element = self.find(name, 0).await?;
        self.settle(&element).await?;
        element
            .click()
            .await
            .map_err(|e| Error::msg(format!("clicking {name:?}: {e:?}")))
    }

    /// Types `text` into the `nth` field named `name` with real key events (WebDriver send
    /// keys: keydown/keypress/input/keyup fire, so the app's handlers run). Appends at the end.
    pub async fn type_into(&self, name: &str, nth: usize, text: &str) -> Result {
        let field = self.field(name, nth).await?;
        field
            .send_keys(text)
            .await
            .map_err(|e| Error::msg(format!("typing into {name:?}: {e}")))
    }

    /// Selects all of the `nth` field named `name` (Ctrl+A), deletes it (Backspace), then
    /// types `text`; every step is a key event, so `input` handlers see each change.
    pub async fn clear_and_type(&self, name: &str, nth: usize, text: &str) -> Result {
        let field = self.field(name, nth).await?;
        let keys = format!("{}a{}{}", Key::Control, Key::Null, Key::Backspace);
        field
            .send_keys(&keys)
            .await
            .map_err(|e| Error::msg(format!("clearing {name:?}: {e}")))?;
        if !text.is_empty() {
            field
                .send_keys(text)
                .await
                .map_err(|e| Error::msg(format!("typing into {name:?}: {e}")))?;
        }
        Ok(())
    }

    /// Chooses the option whose visible text is `option` in the `nth` select named `name`.
    pub async fn select_option(&self, name: &str, nth: usize, option: &str) -> Result {
        let field = self.field(name, nth).await?;
        self.settle(&field).await?;
        field
            .select_by_label(option)
            .await
            .map_err(|e| Error::msg(format!("choosing {option:?} in {name:?}: {e:?}")))
    }

    /// Gives `file` to the `nth` file input named `name` (which may be visually hidden).
    pub async fn upload_file(&self, name: &str, nth: usize, file: &Path) -> Result {
        let input = self.wait_for_element(Kind::Field, name, nth, true).await?;
        let file = file.canonicalize()?;
        input
            .send_keys(&file.display().to_string())
            .await
            .map_err(|e| Error::msg(format!("uploading to {name:?}: {e}")))
    }

    /// Presses keys on the focused element through WebDriver actions, e.g.
    /// `page.press_keys(Key::Control + "z")`. Modifiers (Control, Shift, Alt, Meta) stay
    /// down until `Key::Null` or the end; other characters are pressed and released in turn.
    pub async fn press_keys(&self, keys: impl AsRef<str>) -> Result {
        let keys = keys.as_ref();
        let modifiers: Vec<char> = [Key::Control, Key::Shift, Key::Alt, Key::Meta]
            .iter()
            .map(|k| char::from(*k))
            .collect();
        let null = char::from(Key::Null);
        let mut actions = KeyActions::new("keyboard".to_string());
        let mut held: Vec<char> = Vec::new();
        for c in keys.chars() {
            if c == null {
                for m in held.drain(..).rev() {
                    actions = actions.then(KeyAction::Up { value: m });
                }
            } else if modifiers.contains(&c) {
                actions = actions.then(KeyAction::Down { value: c });
                held.push(c);
            } else {
                actions = actions
                    .then(KeyAction::Down { value: c })
                    .then(KeyAction::Up { value: c });
            }
        }
        for m in held.drain(..).rev() {
            actions = actions.then(KeyAction::Up { value: m });
        }
        let described: String = keys
            .chars()
            .map(|c| match c as u32 {
                0xE000..=0xF8FF => format!("<U+{:04X}>", c as u32),
                _ => c.to_string(),
            })
            .collect();
        self.client()
            .perform_actions(actions)
            .await
            .map_err(|e| Error::msg(format!("pressing {described}: {e}")))?;
        Ok(())
    }

    // ----- reading ------------------------------------------------------------------------

    /// What a person reads in the first element named `name`: a form control's value (a
    /// select's chosen option), else its text with whitespace collapsed. Waits for it.
    pub async fn text_of(&self, name: &str) -> Result<String> {
        let element = self.find(name, 0).await?;
        self.text_of_element(&element).await
    }

    /// Like [`Page::text_of`] for the `nth` element named `name`.
    pub async fn text_of_nth(&self, name: &str, nth: usize) -> Result<String> {
        let element = self.find(name, nth).await?;
        self.text_of_element(&element).await
    }

    /// What a person reads in this element (see [`Page::text_of`]).
    pub async fn text_of_element(&self, element: &Element) -> Result<String> {
        let value = self
            .js_with(
                &format!("{NAMES_JS}\nreturn __cchcNames.textOf(arguments[0]);"),
                vec![json!(element)],
            )
            .await?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// The `value` of the `nth` field named `name`.
    pub async fn value_of(&self, name: &str, nth: usize) -> Result<String> {
        let field = self.field(name, nth).await?;
        Ok(field.prop("value").await?.unwrap_or_default())
    }

    /// The accessible name of an element, as the look-ups compute it.
    pub async fn name_of(&self, element: &Element) -> Result<String> {
        let value = self
            .js_with(
                &format!("{NAMES_JS}\nreturn __cchcNames.nameOf(arguments[0]);"),
                vec![json!(element)],
            )
            .await?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// The text of the whole page as shown (`document.body.innerText`).
    pub async fn body_text(&self) -> Result<String> {
        let value = self
            .js("return document.body ? document.body.innerText : '';")
            .await?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// Runs `script` as the body of a function in the page (use `return` for a result).
    pub async fn js(&self, script: &str) -> Result<Value> {
        self.js_with(script, Vec::new()).await
    }

    /// Like [`Page::js`], with `arguments[i]`; elements can be passed with `json!(element)`.
    pub async fn js_with(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.client()
            .execute(script, args)
            .await
            .map_err(|e| Error::msg(format!("script failed: {e}")))
    }

    /// Errors the page has logged since it loaded (console.error, uncaught exceptions …).
    pub async fn console_errors(&self) -> Result<Vec<String>> {
        let value = self
            .js("return window.__cchcErrors ? window.__cchcErrors.slice() : [];")
            .await?;
        Ok(strings(&value))
    }

    /// Returns and forgets the errors logged so far (for tests that provoke errors on purpose;
    /// otherwise any logged error fails the test when it ends).
    pub async fn take_console_errors(&self) -> Result<Vec<String>> {
        let value = self
            .js("const e = window.__cchcErrors; if (!e) return []; return e.splice(0, e.length);")
            .await?;
        Ok(strings(&value))
    }

    // ----- waiting ------------------------------------------------------------------------

    /// Polls `check` until it returns `Ok(true)`, for up to [`DEFAULT_TIMEOUT`]. `what` names
    /// the awaited condition in the error. An `Err` from `check` counts as "not yet" (it is
    /// reported if time runs out). Example:
    /// `page.wait_for("two rows", |p| async move { Ok(p.count("Xóa").await? == 2) }).await?`
    pub async fn wait_for<F, Fut>(&self, what: &str, check: F) -> Result
    where
        F: FnMut(Page) -> Fut,
        Fut: Future<Output = Result<bool>>,
    {
        self.wait_for_within(what, DEFAULT_TIMEOUT, check).await
    }

    /// [`Page::wait_for`] with another timeout.
    pub async fn wait_for_within<F, Fut>(
        &self,
        what: &str,
        timeout: Duration,
        mut check: F,
    ) -> Result
    where
        F: FnMut(Page) -> Fut,
        Fut: Future<Output = Result<bool>>,
    {
        let started = Instant::now();
        let mut last_error: Option<Error>;
        loop {
            match check(self.clone()).await {
                Ok(true) => return Ok(()),
                Ok(false) => last_error = None,
                Err(e) => last_error = Some(e),
            }
            if started.elapsed() > timeout {
                let detail = last_error
                    .map(|e| format!(" (last error: {e})"))
                    .unwrap_or_default();
                bail!(
                    "timed out after {:.1} s waiting for {what}{detail}",
                    timeout.as_secs_f64()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until [`Page::text_of`]`(name)` is exactly `expected`.
    pub async fn wait_for_text(&self, name: &str, expected: &str) -> Result {
        let started = Instant::now();
        loop {
            let seen = match self.lookup(Kind::Any, name, false).await?.first() {
                Some(element) => Some(self.text_of_element(element).await),
                None => None,
            };
            match seen {
                Some(Ok(text)) if text == expected => return Ok(()),
                _ if started.elapsed() <= DEFAULT_TIMEOUT => tokio::time::sleep(POLL).await,
                Some(Ok(text)) => bail!(
                    "the text of {name:?} is {text:?}, not {expected:?} (waited {} s)",
                    DEFAULT_TIMEOUT.as_secs()
                ),
                Some(Err(e)) => bail!("reading the text of {name:?}: {e}"),
                None => return Err(self.not_found(Kind::Any, name, 0, 0).await),
            }
        }
    }

    /// Waits until exactly `expected` shown elements are named `name`.
    pub async fn wait_for_count(&self, name: &str, expected: usize) -> Result {
        let started = Instant::now();
        loop {
            let n = self.count(name).await?;
            if n == expected {
                return Ok(());
            }
            if started.elapsed() > DEFAULT_TIMEOUT {
                bail!(
                    "{n} elements are named {name:?}, not {expected} (waited {} s)",
                    DEFAULT_TIMEOUT.as_secs()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until exactly `expected` form controls are named `name` (column headers and
    /// other elements sharing the name are not counted).
    pub async fn wait_for_field_count(&self, name: &str, expected: usize) -> Result {
        self.wait_for(
            &format!("{expected} fields named {name:?}"),
            |page| async move { Ok(page.count_of(Kind::Field, name).await? == expected) },
        )
        .await
    }

    /// Waits until the page's text contains `needle`.
    pub async fn wait_for_body_text(&self, needle: &str) -> Result {
        let needle_owned = needle.to_string();
        self.wait_for(&format!("the page to show {needle:?}"), move |page| {
            let needle = needle_owned.clone();
            async move { Ok(page.body_text().await?.contains(&needle)) }
        })
        .await
    }

    // ----- downloads and screenshots ------------------------------------------------------

    /// Finished downloads in this session's folder, sorted (partial `.crdownload` and `.part`
    /// files and hidden temporary files are left out).
    pub fn downloads(&self) -> Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(self.download_dir())? {
            let path = entry?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_file() && !name.starts_with('.') && !is_partial(name) {
                files.push(path);
            }
        }
        files.sort();
        Ok(files)
    }

    /// Waits (up to 10 s) for a finished download whose name ends with `suffix` (e.g. ".xlsx")
    /// and returns its path.
    pub async fn wait_for_download(&self, suffix: &str) -> Result<PathBuf> {
        self.wait_for_download_within(suffix, Duration::from_secs(10))
            .await
    }

    /// Like [`Page::wait_for_download`], waiting up to `timeout` (a file that takes long to
    /// make: the point of the test is elsewhere, and speed is measured by scripts/bench).
    pub async fn wait_for_download_within(
        &self,
        suffix: &str,
        timeout: Duration,
    ) -> Result<PathBuf> {
        let started = Instant::now();
        loop {
            let partial = std::fs::read_dir(self.download_dir())?
                .filter_map(|e| e.ok())
                .any(|e| is_partial(&e.file_name().to_string_lossy()));
            if !partial {
                if let Some(found) = self
                    .downloads()?
                    .into_iter()
                    .find(|p| p.to_string_lossy().ends_with(suffix))
                {
                    return Ok(found);
                }
            }
            if started.elapsed() > timeout {
                bail!(
                    "no download ending with {suffix:?} after {} s; the download folder holds {:?}",
                    timeout.as_secs(),
                    self.downloads()?
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Saves a PNG of the visible page.
    pub async fn screenshot(&self, path: &Path) -> Result {
        let png = self.client().screenshot().await?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, png)?;
        Ok(())
    }

    // ----- internals ----------------------------------------------------------------------

    /// Runs a Chrome DevTools Protocol command through chromedriver. Chromium only: it fails in
    /// the other engines, so a test must not need it (see [`Page::add_init_script`],
    /// [`Page::emulate_print_media`]).
    pub async fn cdp(&self, command: &str, params: Value) -> Result<Value> {
        if self.engine() != Engine::Chromium {
            bail!(
                "CDP {command} is Chromium-only; this run drives {} (CCHC_BROWSER)",
                self.engine().name()
            );
        }
        self.client()
            .issue_cmd(CdpCommand {
                cmd: command.to_string(),
                params,
            })
            .await
            .map_err(|e| Error::msg(format!("CDP {command} failed: {e}")))
    }

    /// Ends the WebDriver session (Chromium quits); the profile folder goes with the last clone.
    pub(super) async fn close(self) {
        let _ = self.inner.client.clone().close().await;
    }

    async fn fail_on_console_errors(&self, when: &str) -> Result {
        // about:blank (a new session) has no hook and nothing to report.
        let errors = self.take_console_errors().await.unwrap_or_default();
        if !errors.is_empty() {
            bail!("the page logged errors ({when}):\n{}", errors.join("\n"));
        }
        Ok(())
    }

    async fn lookup(&self, kind: Kind, name: &str, include_hidden: bool) -> Result<Vec<Element>> {
        let script = format!(
            "{NAMES_JS}\nreturn __cchcNames.find(arguments[0], arguments[1], arguments[2]);"
        );
        let value = self
            .js_with(
                &script,
                vec![json!(name), json!(kind.as_str()), json!(include_hidden)],
            )
            .await?;
        let Some(items) = value.as_array() else {
            bail!("the name look-up returned {value}");
        };
        items
            .iter()
            .map(|item| match item.get(ELEMENT_KEY).and_then(Value::as_str) {
                Some(id) => Ok(Element::from_element_id(
                    self.client().clone(),
                    ElementRef::from(id.to_string()),
                )),
                None => Err(Error::msg(format!(
                    "the name look-up returned a non-element: {item}"
                ))),
            })
            .collect()
    }

    async fn wait_for_element(
        &self,
        kind: Kind,
        name: &str,
        nth: usize,
        include_hidden: bool,
    ) -> Result<Element> {
        let started = Instant::now();
        loop {
            let mut found = self.lookup(kind, name, include_hidden).await?;
            if found.len() > nth {
                return Ok(found.swap_remove(nth));
            }
            if started.elapsed() > DEFAULT_TIMEOUT {
                return Err(self.not_found(kind, name, nth, found.len()).await);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    async fn not_found(&self, kind: Kind, name: &str, nth: usize, count: usize) -> Error {
        let what = match kind {
            Kind::Any => "element",
            Kind::Field => "field",
            Kind::Button => "button",
            Kind::Link => "link",
        };
        let script = format!("{NAMES_JS}\nreturn __cchcNames.list(arguments[0]);");
        let names = match self.js_with(&script, vec![json!(kind.as_str())]).await {
            Ok(value) => strings(&value).join(", "),
            Err(e) => format!("(cannot list them: {e})"),
        };
        let which = if count == 0 {
            format!("no shown {what} is named {name:?}")
        } else {
            format!("only {count} shown {what}(s) are named {name:?}, so there is no #{nth} (counting from 0)")
        };
        Error::msg(format!(
            "{which} after {} s; the {what} names on the page are: [{names}]",
            DEFAULT_TIMEOUT.as_secs()
        ))
    }
}

/// Standard base64 (with padding), as CDP returns binary data.
pub fn decode_base64(text: &str) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b'\n' | b'\r' => continue,
            _ => bail!("not base64: {c:?}"),
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// A download still being written: Chromium's `.crdownload`, Firefox's `.part`.
fn is_partial(name: &str) -> bool {
    name.ends_with(".crdownload") || name.ends_with(".part")
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string())
                })
                .collect()
        })
        .unwrap_or_default()
}
