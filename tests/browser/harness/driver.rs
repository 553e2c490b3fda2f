//! The WebDriver server of the chosen engine (one process for the whole run, killed when
//! dropped) and fresh browser sessions: Chromium (chromedriver), Firefox ESR (geckodriver) or
//! WebKitGTK (WebKitWebDriver + MiniBrowser, on a virtual display). `CCHC_BROWSER` chooses
//! (`chromium` when unset); a missing driver or browser fails every test, never skips it.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::ClientBuilder;
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

use super::page::Page;
use super::server::{self, TempDir};
use super::{bail, Result};

/// Installed before any script of every document: records console errors (Rust panics come
/// through `console_error_panic_hook` as `console.error`), uncaught exceptions, unhandled
/// rejections and failed script/style loads in `window.__cchcErrors`.
pub const ERROR_HOOK: &str = include_str!("hook.js");

/// The test marker: the app installs its test hooks (`window.cchcApp`, `src/test_hooks.rs`)
/// only in a page where this ran before its own scripts. A drafter's page never has it.
pub const TEST_MARKER: &str = "window.__cchcTestHooks = true;";

/// WebKit only: its driver cannot save downloads to a folder, so the page hands every file
/// the app offers (a `download` link to a blob or data URL) to the test server, which writes it
/// into the session's download folder (see `server.rs`).
pub const DOWNLOAD_CAPTURE: &str = include_str!("download.js");

/// The browser engine the suite drives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    Webkit,
}

impl Engine {
    /// `$CCHC_BROWSER`: `chromium` (the default), `firefox` or `webkit`.
    pub fn from_env() -> Result<Engine> {
        match std::env::var("CCHC_BROWSER").as_deref() {
            Err(_) | Ok("") | Ok("chromium") | Ok("chrome") => Ok(Engine::Chromium),
            Ok("firefox") => Ok(Engine::Firefox),
            Ok("webkit") => Ok(Engine::Webkit),
            Ok(other) => {
                bail!("CCHC_BROWSER={other:?} is not an engine: use chromium, firefox or webkit")
            }
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::Webkit => "webkit",
        }
    }

    /// The WebDriver server's program: `$WEBDRIVER`, else the engine's own on PATH.
    fn driver_program(self) -> Result<PathBuf> {
        let (variable, name, package) = match self {
            Engine::Chromium => ("CHROMEDRIVER", "chromedriver", "Debian chromium-driver"),
            Engine::Firefox => ("GECKODRIVER", "geckodriver", "cargo install geckodriver"),
            Engine::Webkit => (
                "WEBKITWEBDRIVER",
                "WebKitWebDriver",
                "Debian webkit2gtk-driver",
            ),
        };
        if let Some(path) = std::env::var_os(variable).or_else(|| std::env::var_os("WEBDRIVER")) {
            return Ok(PathBuf::from(path));
        }
        let mut extra = Vec::new();
        if let Some(home) = std::env::var_os("HOME") {
            extra.push(PathBuf::from(home).join(".cargo/bin"));
        }
        match find_on_path(name)
            .or_else(|| extra.iter().map(|dir| dir.join(name)).find(|p| p.is_file()))
        {
            Some(path) => Ok(path),
            None => bail!(
                "{name} is not installed (engine {}): run scripts/setup ({package})",
                self.name()
            ),
        }
    }
}

/// The running WebDriver server of the engine (with its virtual display for WebKit), on a free
/// port of 127.0.0.1.
pub struct Driver {
    engine: Engine,
    child: Option<Child>,
    /// Xvfb, started for WebKit when no `DISPLAY` is set.
    display: Option<Child>,
    url: String,
    /// Holds every session's profile and downloads; removed after the driver is killed
    /// (a browser that is slow to quit may still write to its profile after its session ends).
    sessions_dir: Option<TempDir>,
}

/// The name the harness had before it drove other engines.
pub type ChromeDriver = Driver;

impl Driver {
    /// Starts the driver of `$CCHC_BROWSER`'s engine; its log goes to `log_dir`.
    pub fn start(log_dir: &Path) -> Result<Driver> {
        let engine = Engine::from_env()?;
        let program = engine.driver_program()?;
        // The browser itself must be there too (the driver would only say so at the first test).
        match engine {
            Engine::Chromium => {}
            Engine::Firefox => {
                if firefox_binary().is_none() {
                    bail!("Firefox is not installed: run scripts/setup (Debian firefox-esr)");
                }
            }
            Engine::Webkit => {
                if minibrowser_binary().is_none() {
                    bail!("WebKitGTK's MiniBrowser is not installed: run scripts/setup (Debian webkit2gtk-driver)");
                }
            }
        }
        std::fs::create_dir_all(log_dir)?;
        let display = match engine {
            Engine::Webkit if std::env::var_os("DISPLAY").is_none() => Some(start_xvfb(log_dir)?),
            _ => None,
        };
        let display_name = display.as_ref().map(|(_, name)| name.clone());
        let port = free_port()?;
        let log_path = log_dir.join(format!("{}-driver.log", engine.name()));
        let log = std::fs::File::create(&log_path)?;
        let mut command = Command::new(&program);
        match engine {
            Engine::Chromium | Engine::Webkit => command.arg(format!("--port={port}")),
            Engine::Firefox => command.args(["--host", "127.0.0.1", "--port", &port.to_string()]),
        };
        if let Some(name) = &display_name {
            command.env("DISPLAY", name);
        }
        let child = command
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .map_err(|e| super::Error::msg(format!("cannot run {}: {e}", program.display())))?;
        let mut driver = Driver {
            engine,
            child: Some(child),
            display: display.map(|(child, _)| child),
            url: format!("http://127.0.0.1:{port}/"),
            sessions_dir: Some(TempDir::new("run")?),
        };

        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = driver
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                let log = std::fs::read_to_string(&log_path).unwrap_or_default();
                bail!("{} exited at start ({status}):\n{log}", program.display());
            }
            if Instant::now() > deadline {
                bail!(
                    "{} did not listen on port {port} within 20 s (log: {})",
                    program.display(),
                    log_path.display()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(driver)
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// A fresh browser (fresh profile and download folder) at `about:blank`. The error hook
    /// and the test marker ([`TEST_MARKER`]) are put at the top of every HTML page the
    /// harness's servers send (`server.rs`), so they run before any script of the page, in
    /// every engine; `app_base_url` is where [`Page::goto`] paths are resolved.
    pub async fn new_page(&self, app_base_url: &str) -> Result<Page> {
        let parent = self
            .sessions_dir
            .as_ref()
            .expect("the driver is running")
            .path();
        let dir = TempDir::new_in(parent, "session")?;
        let profile = dir.path().join("profile");
        let downloads = dir.path().join("downloads");
        std::fs::create_dir_all(&profile)?;
        std::fs::create_dir_all(&downloads)?;

        let mut base_scripts = vec![ERROR_HOOK.to_string(), TEST_MARKER.to_string()];
        if self.engine == Engine::Webkit {
            base_scripts.push(DOWNLOAD_CAPTURE.to_string());
        }
        server::begin_session(base_scripts, downloads.clone());

        let capabilities = match self.engine {
            Engine::Chromium => chromium_capabilities(&profile, &downloads),
            Engine::Firefox => firefox_capabilities(&downloads),
            Engine::Webkit => webkit_capabilities(),
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .map_err(|e| {
                super::Error::msg(format!(
                    "cannot start {} through its WebDriver server: {e}",
                    self.engine.name()
                ))
            })?;
        let page = Page::new(
            client,
            app_base_url.to_string(),
            downloads,
            dir,
            self.engine,
        );
        match self.engine {
            Engine::Chromium => {
                // Headless Chromium honours the prefs; this makes the download folder certain.
                page.cdp(
                    "Browser.setDownloadBehavior",
                    json!({ "behavior": "allow", "downloadPath": page.download_dir().display().to_string() }),
                )
                .await?;
            }
            Engine::Firefox => {}
            Engine::Webkit => {
                // MiniBrowser opens at its own size on the virtual display.
                page.client().set_window_size(1280, 1000).await?;
            }
        }
        Ok(page)
    }

    /// Kills the driver (and waits for it) and the virtual display; dropping it does the same.
    pub fn shutdown(mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        if let Some(display) = self.display.take() {
            stop_xvfb(display);
        }
        self.sessions_dir.take();
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.kill();
    }
}

fn chromium_capabilities(profile: &Path, downloads: &Path) -> Capabilities {
    let chrome_binary = std::env::var_os("CHROME").map(PathBuf::from).or_else(|| {
        ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .find_map(|name| find_on_path(name))
    });
    let mut options = json!({
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            // Without these Chromium's own connections are refused on this closed network.
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-quic",
            "--disable-dev-shm-usage",
            "--window-size=1280,1000",
            format!("--user-data-dir={}", profile.display()),
        ],
        "prefs": {
            "download.default_directory": downloads.display().to_string(),
            "download.prompt_for_download": false,
            "download.directory_upgrade": true,
            "profile.default_content_setting_values.automatic_downloads": 1,
        },
    });
    if let Some(binary) = chrome_binary {
        options["binary"] = json!(binary.display().to_string());
    }
    let mut capabilities = Capabilities::new();
    capabilities.insert("browserName".into(), json!("chrome"));
    capabilities.insert("goog:chromeOptions".into(), options);
    capabilities
}

/// The types the app offers as files: saved at once into the session's folder, never asked.
const DOWNLOAD_TYPES: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,\
application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/json,\
application/octet-stream,text/csv,text/plain,application/pdf,application/zip";

fn firefox_binary() -> Option<PathBuf> {
    std::env::var_os("FIREFOX").map(PathBuf::from).or_else(|| {
        ["firefox-esr", "firefox"]
            .iter()
            .find_map(|name| find_on_path(name))
    })
}

fn firefox_capabilities(downloads: &Path) -> Capabilities {
    // geckodriver makes a fresh profile for every session.
    let mut options = json!({
        "args": ["-headless", "-width=1280", "-height=1000"],
        "prefs": {
            "browser.download.dir": downloads.display().to_string(),
            "browser.download.folderList": 2,
            "browser.download.useDownloadDir": true,
            "browser.download.manager.showWhenStarting": false,
            "browser.download.always_ask_before_handling_new_types": false,
            "browser.download.start_downloads_in_tmp_dir": false,
            "browser.helperApps.neverAsk.saveToDisk": DOWNLOAD_TYPES,
            "pdfjs.disabled": true,
            // Nothing of Firefox's own reaches for the (closed) network.
            "app.update.enabled": false,
            "browser.safebrowsing.malware.enabled": false,
            "browser.safebrowsing.phishing.enabled": false,
            "network.captive-portal-service.enabled": false,
            "network.connectivity-service.enabled": false,
            "extensions.getAddons.cache.enabled": false,
            "datareporting.policy.dataSubmissionEnabled": false,
            "toolkit.telemetry.enabled": false,
        },
    });
    if let Some(binary) = firefox_binary() {
        options["binary"] = json!(binary.display().to_string());
    }
    let mut capabilities = Capabilities::new();
    capabilities.insert("browserName".into(), json!("firefox"));
    capabilities.insert("moz:firefoxOptions".into(), options);
    capabilities
}

fn minibrowser_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("MINIBROWSER") {
        return Some(PathBuf::from(path));
    }
    let lib = Path::new("/usr/lib");
    let mut candidates = vec![lib.join("x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")];
    // Any architecture and API version Debian may ship.
    for dir in std::fs::read_dir(lib).into_iter().flatten().flatten() {
        for api in ["webkit2gtk-4.1", "webkit2gtk-4.0", "webkitgtk-6.0"] {
            candidates.push(dir.path().join(api).join("MiniBrowser"));
        }
    }
    candidates.into_iter().find(|p| p.is_file())
}

fn webkit_capabilities() -> Capabilities {
    let binary = minibrowser_binary().unwrap_or_else(|| PathBuf::from("MiniBrowser"));
    let mut capabilities = Capabilities::new();
    capabilities.insert("browserName".into(), json!("MiniBrowser"));
    capabilities.insert(
        "webkitgtk:browserOptions".into(),
        json!({
            "binary": binary.display().to_string(),
            "args": ["--automation"],
        }),
    );
    capabilities
}

/// Stops Xvfb with SIGTERM, so that it removes its lock file and socket (a display killed
/// outright keeps its number taken: a WebKit run, one display per test, ran out of numbers);
/// killed if it has not quit after 5 s.
fn stop_xvfb(mut xvfb: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &xvfb.id().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = xvfb.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = xvfb.kill();
    let _ = xvfb.wait();
}

/// Starts Xvfb on the first free display from :90 on; returns it and its `DISPLAY` name.
fn start_xvfb(log_dir: &Path) -> Result<(Child, String)> {
    let Some(program) = find_on_path("Xvfb") else {
        bail!("Xvfb is not installed (WebKitGTK needs a display): run scripts/setup (Debian xvfb)");
    };
    for number in 90..190 {
        if Path::new(&format!("/tmp/.X{number}-lock")).exists()
            || Path::new(&format!("/tmp/.X11-unix/X{number}")).exists()
        {
            continue;
        }
        let log = std::fs::File::create(log_dir.join("xvfb.log"))?;
        let mut child = Command::new(&program)
            .args([
                format!(":{number}").as_str(),
                "-screen",
                "0",
                "1400x1100x24",
                "-nolisten",
                "tcp",
            ])
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()?;
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if socket.exists() {
                return Ok((child, format!(":{number}")));
            }
            if let Ok(Some(_)) = child.try_wait() {
                break; // Taken meanwhile: try the next number.
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                bail!("Xvfb :{number} did not start within 10 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    bail!("no free X display for Xvfb between :90 and :189")
}

/// chromedriver's own command: run one Chrome DevTools Protocol command in the session.
#[derive(Debug)]
pub struct CdpCommand {
    pub cmd: String,
    pub params: Value,
}

impl WebDriverCompatibleCommand for CdpCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()),
        )
    }
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}
