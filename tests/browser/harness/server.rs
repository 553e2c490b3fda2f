//! A tiny static file server (tiny_http in a thread) and self-removing temporary folders.
//!
//! Every HTML page it sends starts with the harness's scripts (the error hook, the test
//! marker, and what a test added with `Page::add_init_script`): `<script src="/__cchc_test/N.js">`
//! tags at the top of `<head>`, served by the same server, so they run before any script of the
//! page in every engine, and a Content-Security-Policy with `script-src 'self'` allows them.

use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use tiny_http::{Header, Response, Server};

use super::{bail, Result};

/// Serves one folder at `http://127.0.0.1:<free port>/`; stops when dropped.
pub struct StaticServer {
    server: Arc<Server>,
    thread: Option<JoinHandle<()>>,
    base_url: String,
    /// A folder of files made by [`StaticServer::with_files`], removed with the server.
    _files: Option<TempDir>,
    traffic: Arc<Mutex<Traffic>>,
}

/// What a server was asked for, in order, and the paths it answers 404 for (a file that
/// cannot be loaded, as when offline).
#[derive(Debug, Default)]
pub struct Traffic {
    /// The path of every request (without query), in the order they were answered.
    pub requests: Vec<String>,
    /// Paths answered "404 not found" whatever the folder holds.
    pub blocked: Vec<String>,
    /// The site is off line: every request but the harness's own fails as on a network
    /// error (see [`StaticServer::go_offline`]).
    pub offline: bool,
}

impl StaticServer {
    /// Serves `root` (`/` is `root/index.html`).
    pub fn start(root: &Path) -> Result<StaticServer> {
        let root = root.canonicalize()?;
        let server = match Server::http("127.0.0.1:0") {
            Ok(server) => Arc::new(server),
            Err(e) => bail!("cannot start the test web server: {e}"),
        };
        let port = match server.server_addr().to_ip() {
            Some(addr) => addr.port(),
            None => bail!("the test web server has no IP address"),
        };
        let traffic = Arc::new(Mutex::new(Traffic::default()));
        let thread = {
            let server = Arc::clone(&server);
            let traffic = Arc::clone(&traffic);
            std::thread::Builder::new()
                .name(format!("static-server-{port}"))
                .spawn(move || {
                    for request in server.incoming_requests() {
                        let path = request.url().split(['?', '#']).next().unwrap_or("/");
                        if let Some(name) = path.strip_prefix(HARNESS_PREFIX) {
                            let name = name.to_string();
                            std::thread::spawn(move || harness_reply(request, &name));
                            continue;
                        }
                        let (blocked, offline) = {
                            let mut traffic = traffic.lock().unwrap_or_else(|e| e.into_inner());
                            traffic.requests.push(path.to_string());
                            (traffic.blocked.iter().any(|b| b == path), traffic.offline)
                        };
                        if offline {
                            std::thread::spawn(move || fail_at_network_level(request));
                            continue;
                        }
                        // Each answer is written by its own thread: a big file to a browser
                        // that stopped reading (a reload during the worker's prefetch) must
                        // not hold up the next page's requests.
                        let root = root.clone();
                        std::thread::spawn(move || {
                            let response = if blocked {
                                text_reply(404, "not found")
                            } else {
                                respond(&root, request.url())
                            };
                            send(request, response);
                        });
                    }
                })?
        };
        Ok(StaticServer {
            server,
            thread: Some(thread),
            base_url: format!("http://127.0.0.1:{port}"),
            _files: None,
            traffic,
        })
    }

    /// Serves a fresh temporary folder holding these `(relative path, contents)` files.
    pub fn with_files(files: &[(&str, &str)]) -> Result<StaticServer> {
        let dir = TempDir::new("site")?;
        for (path, contents) in files {
            dir.write(path, contents)?;
        }
        let mut server = StaticServer::start(dir.path())?;
        server._files = Some(dir);
        Ok(server)
    }

    /// What the server was asked for, and what it refuses (shared with its thread).
    pub fn traffic(&self) -> Arc<Mutex<Traffic>> {
        Arc::clone(&self.traffic)
    }

    /// Takes the site off line (or back): from now on every request but the harness's own
    /// fails as a network error does, at once, in every engine. (Dropping the server is not
    /// the same: the browser's open keep-alive connections would then hang, not fail.)
    pub fn go_offline(&self, offline: bool) {
        self.traffic
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .offline = offline;
    }

    /// `http://127.0.0.1:<port>` (no trailing slash).
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// The absolute URL of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}", self.base_url, path.trim_start_matches('/'))
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

type Reply = Response<Box<dyn std::io::Read + Send>>;

/// Where the harness's own files are served, on every server (never a path of the app).
pub const HARNESS_PREFIX: &str = "/__cchc_test/";

/// The scripts put at the top of every HTML page, and where captured downloads go: one
/// browser session at a time (tests run one after another).
struct Injection {
    scripts: Vec<String>,
    download_dir: Option<PathBuf>,
}

static INJECTION: Mutex<Injection> = Mutex::new(Injection {
    scripts: Vec::new(),
    download_dir: None,
});

fn injection() -> std::sync::MutexGuard<'static, Injection> {
    INJECTION.lock().unwrap_or_else(|e| e.into_inner())
}

/// A new browser session: every HTML page now starts with `scripts` (in order), and
/// downloads captured in the page (WebKit) go to `download_dir`.
pub fn begin_session(scripts: Vec<String>, download_dir: PathBuf) {
    let mut injection = injection();
    injection.scripts = scripts;
    injection.download_dir = Some(download_dir);
}

/// From the next page load on (until the session ends), `script` runs after the harness's
/// scripts and those added before it, before any script of the page.
pub fn add_init_script(script: &str) {
    injection().scripts.push(script.to_string());
}

/// `html` with the harness's script tags at the top of its `<head>` (or of the document).
fn inject_scripts(html: &str) -> String {
    let count = injection().scripts.len();
    let tags: String = (0..count)
        .map(|i| format!("<script src=\"{HARNESS_PREFIX}{i}.js\"></script>"))
        .collect();
    let lower = html.to_ascii_lowercase();
    let at = lower
        .find("<head")
        .and_then(|start| lower[start..].find('>').map(|end| start + end + 1))
        .or_else(|| {
            lower
                .find("<!doctype")
                .and_then(|start| lower[start..].find('>').map(|end| start + end + 1))
        })
        .unwrap_or(0);
    format!("{}{tags}{}", &html[..at], &html[at..])
}

/// Answers `/__cchc_test/<name>`: `N.js` (an injected script) or `download?name=…` (POST:
/// a file the page captured, written into the session's download folder).
fn harness_reply(mut request: tiny_http::Request, name: &str) {
    let reply = if let Some(index) = name.strip_suffix(".js") {
        let script = index
            .parse::<usize>()
            .ok()
            .and_then(|i| injection().scripts.get(i).cloned());
        match script {
            Some(script) => {
                let length = script.len();
                Response::new(
                    200.into(),
                    vec![
                        header("Content-Type", "text/javascript; charset=utf-8"),
                        header("Cache-Control", "no-store"),
                    ],
                    Box::new(std::io::Cursor::new(script.into_bytes()))
                        as Box<dyn std::io::Read + Send>,
                    Some(length),
                    None,
                )
            }
            None => text_reply(404, "no such harness script"),
        }
    } else if name == "download" {
        let file_name = request
            .url()
            .split_once("?name=")
            .and_then(|(_, n)| percent_decode(n.split('&').next().unwrap_or("")));
        let dir = injection().download_dir.clone();
        let mut body = Vec::new();
        match (file_name, dir, request.as_reader().read_to_end(&mut body)) {
            (Some(file_name), Some(dir), Ok(_))
                if !file_name.is_empty() && !file_name.contains(['/', '\\']) =>
            {
                // Written aside first: a half-written file is never seen as a finished download.
                let partial = dir.join(format!(".{file_name}.part"));
                match std::fs::write(&partial, &body)
                    .and_then(|()| std::fs::rename(&partial, dir.join(&file_name)))
                {
                    Ok(()) => text_reply(200, "saved"),
                    Err(_) => text_reply(500, "cannot save the download"),
                }
            }
            _ => text_reply(400, "bad download"),
        }
    } else {
        text_reply(404, "not found")
    };
    send(request, reply);
}

fn respond(root: &Path, url: &str) -> Reply {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let Some(relative) = percent_decode(path) else {
        return text_reply(400, "bad path");
    };
    let mut file_path = root.to_path_buf();
    for component in Path::new(relative.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file_path.push(part),
            Component::CurDir => {}
            _ => return text_reply(403, "forbidden path"),
        }
    }
    if file_path.is_dir() {
        file_path.push("index.html");
    }
    let Ok(mut file) = File::open(&file_path) else {
        return text_reply(404, "not found");
    };
    let content_type = mime_type(&file_path);
    if content_type.starts_with("text/html") {
        let mut html = String::new();
        if file.read_to_string(&mut html).is_err() {
            return text_reply(500, "cannot read the page");
        }
        let body = inject_scripts(&html).into_bytes();
        let length = body.len();
        return Response::new(
            200.into(),
            vec![
                header("Content-Type", content_type),
                header("Cache-Control", "no-store"),
            ],
            Box::new(std::io::Cursor::new(body)) as Box<dyn std::io::Read + Send>,
            Some(length),
            None,
        );
    }
    let length = file.metadata().ok().map(|m| m.len() as usize);
    Response::new(
        200.into(),
        vec![
            header("Content-Type", content_type),
            header("Cache-Control", "no-store"),
        ],
        Box::new(file) as Box<dyn std::io::Read + Send>,
        length,
        None,
    )
}

/// Answers with a response every engine must refuse as a network error, as when the server
/// cannot be reached: two different Content-Length values (a network error by the Fetch
/// standard: Chromium, Firefox) and a NUL byte in the headers (WebKit's HTTP stack, libsoup,
/// accepts the first and refuses the second). (Closing the connection with no answer is not
/// possible here: the server keeps reading the next request of a kept-alive connection, and
/// the browser would wait for an answer.)
fn fail_at_network_level(request: tiny_http::Request) {
    use std::io::Write;
    let mut writer = request.into_writer();
    let _ = writer.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\nX-Offline: \0\r\nContent-Type: text/plain\r\n\r\nxy",
    );
    let _ = writer.flush();
}

/// Writes `reply` and closes the connection ("Connection: close"), so a browser never sends a
/// second request on it. The server reads a kept-alive connection's next request only in
/// turn, and WebKit (60 s, its network timeout) and Firefox (115 s, its keep-alive timeout)
/// now and then waited that long for a request sent on such a connection: a page's first
/// load took a minute. (tiny_http drops a `Connection` header given to its `Response`,
/// hence the answer is written here.)
fn send(request: tiny_http::Request, reply: Reply) {
    use std::io::{Read, Write};
    let status = reply.status_code();
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        status.0,
        status.default_reason_phrase()
    );
    for header in reply.headers() {
        head.push_str(&format!("{}: {}\r\n", header.field, header.value));
    }
    let mut body = Vec::new();
    if reply.into_reader().read_to_end(&mut body).is_err() {
        return; // A file that cannot be read: the connection drops, the browser reports it.
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let mut writer = request.into_writer();
    // A browser that went away meanwhile (a reload) is no error of the test.
    let _ = writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.write_all(&body))
        .and_then(|()| writer.flush());
}

fn text_reply(status: u16, text: &str) -> Reply {
    let body = text.as_bytes().to_vec();
    let length = body.len();
    Response::new(
        status.into(),
        vec![header("Content-Type", "text/plain; charset=utf-8")],
        Box::new(std::io::Cursor::new(body)) as Box<dyn std::io::Read + Send>,
        Some(length),
        None,
    )
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

/// The Content-Type for a file name; `application/wasm` matters (streaming compilation).
pub fn mime_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "webp" => "image/webp",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pdf" => "application/pdf",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A fresh folder under the system's temporary folder, removed (with its contents) when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> Result<TempDir> {
        TempDir::new_in(&std::env::temp_dir(), label)
    }

    /// A fresh folder inside `parent`.
    pub fn new_in(parent: &Path, label: &str) -> Result<TempDir> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = parent.join(format!(
            "cchc-browser-{label}-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path)?;
        Ok(TempDir(path))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `contents` to `relative` inside the folder (making parent folders).
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> Result<PathBuf> {
        let path = self.0.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, contents)?;
        Ok(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Chromium may still be letting go of its profile for a moment.
        for _ in 0..20 {
            if std::fs::remove_dir_all(&self.0).is_ok() || !self.0.exists() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}
