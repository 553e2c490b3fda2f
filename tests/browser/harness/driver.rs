//! chromedriver (one process for the whole run, killed when dropped) and fresh Chromium sessions.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::ClientBuilder;
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

use super::page::Page;
use super::server::TempDir;
use super::{bail, Result};

/// Installed before any script of every document: records console errors (Rust panics come
/// through `console_error_panic_hook` as `console.error`), uncaught exceptions, unhandled
/// rejections and failed script/style loads in `window.__cchcErrors`.
pub const ERROR_HOOK: &str = include_str!("hook.js");

/// The test marker: the app installs its test hooks (`window.cchcApp`, `src/test_hooks.rs`)
/// only in a page where this ran before its own scripts. A drafter's page never has it.
pub const TEST_MARKER: &str = "window.__cchcTestHooks = true;";

/// A running chromedriver on a free port of 127.0.0.1.
pub struct ChromeDriver {
    child: Option<Child>,
    url: String,
    /// Holds every session's profile and downloads; removed after chromedriver is killed
    /// (a Chromium that is slow to quit may still write to its profile after its session ends).
    sessions_dir: Option<TempDir>,
}

impl ChromeDriver {
    /// Starts `$CHROMEDRIVER` or `chromedriver` from PATH; its log goes to `log_dir`.
    pub fn start(log_dir: &Path) -> Result<ChromeDriver> {
        let program = match std::env::var_os("CHROMEDRIVER") {
            Some(path) => PathBuf::from(path),
            None => match find_on_path("chromedriver") {
                Some(path) => path,
                None => bail!(
                    "chromedriver is not installed: run scripts/setup (Debian: chromium-driver)"
                ),
            },
        };
        let port = free_port()?;
        std::fs::create_dir_all(log_dir)?;
        let log_path = log_dir.join("chromedriver.log");
        let log = std::fs::File::create(&log_path)?;
        let child = Command::new(&program)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .map_err(|e| super::Error::msg(format!("cannot run {}: {e}", program.display())))?;
        let mut driver = ChromeDriver {
            child: Some(child),
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
                bail!("chromedriver exited at start ({status}):\n{log}");
            }
            if Instant::now() > deadline {
                bail!(
                    "chromedriver did not listen on port {port} within 20 s (log: {})",
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

    /// A fresh Chromium (fresh profile and download folder) at `about:blank`, with the error
    /// hook and the test marker ([`TEST_MARKER`]) installed; `app_base_url` is where [`Page::goto`] paths are resolved.
    pub async fn new_page(&self, app_base_url: &str) -> Result<Page> {
        let parent = self
            .sessions_dir
            .as_ref()
            .expect("chromedriver is running")
            .path();
        let dir = TempDir::new_in(parent, "session")?;
        let profile = dir.path().join("profile");
        let downloads = dir.path().join("downloads");
        std::fs::create_dir_all(&profile)?;
        std::fs::create_dir_all(&downloads)?;

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

        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .map_err(|e| {
                super::Error::msg(format!("cannot start Chromium through chromedriver: {e}"))
            })?;

        let page = Page::new(client, app_base_url.to_string(), downloads, dir);
        page.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": ERROR_HOOK }),
        )
        .await?;
        page.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": TEST_MARKER }),
        )
        .await?;
        // Headless Chromium honours the prefs above; this makes the download folder certain.
        page.cdp(
            "Browser.setDownloadBehavior",
            json!({ "behavior": "allow", "downloadPath": page.download_dir().display().to_string() }),
        )
        .await?;
        Ok(page)
    }

    /// Kills chromedriver (and waits for it); dropping it does the same.
    pub fn shutdown(mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        self.sessions_dir.take();
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        self.kill();
    }
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
