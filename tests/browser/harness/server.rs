//! A tiny static file server (tiny_http in a thread) and self-removing temporary folders.

use std::fs::File;
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
                        let blocked = {
                            let mut traffic = traffic.lock().unwrap_or_else(|e| e.into_inner());
                            traffic.requests.push(path.to_string());
                            traffic.blocked.iter().any(|b| b == path)
                        };
                        let response = if blocked {
                            text_reply(404, "not found")
                        } else {
                            respond(&root, request.url())
                        };
                        let _ = request.respond(response);
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
    let Ok(file) = File::open(&file_path) else {
        return text_reply(404, "not found");
    };
    let length = file.metadata().ok().map(|m| m.len() as usize);
    Response::new(
        200.into(),
        vec![
            header("Content-Type", mime_type(&file_path)),
            header("Cache-Control", "no-store"),
        ],
        Box::new(file) as Box<dyn std::io::Read + Send>,
        length,
        None,
    )
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
