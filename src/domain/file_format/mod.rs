//! The app's file format: one versioned JSON envelope for plans and template sets.
//!
//! Every file starts with `"format": "cchc-plan"`, a `version` and a `kind`; see
//! `docs/file-format.md` for every field. Reading checks the envelope first, so a file of
//! another program, of the other kind or of a newer version gets a precise message.
//!
//! ```
//! use cchc_plan::domain::{file_format, plan::Plan};
//! let plan = Plan::new("p1", "Lâm Đồng", 2027);
//! let text = file_format::write_plan(&plan);
//! assert_eq!(file_format::read_plan(&text).unwrap(), plan);
//! ```
//!
//! Files by job: this file reads the envelope and holds the errors and plan files;
//! `templates.rs` reads and writes template files (with a fast path for valid ones); tests
//! beside. It knows no storage and no library: those call it with the text of a file.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::plan::{Plan, PlanData};
use super::template::TemplateSet;
use super::update_form::UpdateForm;

mod templates;

pub use templates::{read_templates, write_templates};
use templates::{templates_fast, templates_from_value};

/// The value of the `format` field.
pub const FORMAT: &str = "cchc-plan";
/// The newest version this app reads and the one it writes.
pub const VERSION: u32 = 1;

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Plan,
    Templates,
    /// "Phiếu cập nhật tiến độ" for one lead agency, or its reply.
    UpdateForm,
}

impl FileKind {
    pub fn label(self) -> &'static str {
        match self {
            FileKind::Plan => "kế hoạch",
            FileKind::Templates => "thư viện nhiệm vụ mẫu",
            FileKind::UpdateForm => "phiếu cập nhật tiến độ",
        }
    }
}

/// Why a file could not be read; [`fmt::Display`] gives the Vietnamese message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    Empty,
    NotJson(String),
    NotOurFormat,
    NewerVersion { found: u64 },
    WrongKind { expected: FileKind, found: FileKind },
    Invalid(String),
    TooLarge { bytes: usize },
    TooManyItems { count: usize },
    NotUtf8,
}

/// The largest file the app opens.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// The most rows (plan) or templates (template set) a file may hold.
pub const MAX_ITEMS: usize = 100_000;

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Empty => f.write_str("Tệp rỗng, không có nội dung."),
            FileError::NotJson(detail) => write!(f, "Tệp không phải JSON hợp lệ ({detail})."),
            FileError::NotOurFormat => {
                f.write_str("Tệp JSON này không phải tệp kế hoạch hay thư viện của ứng dụng (thiếu \"format\": \"cchc-plan\").")
            }
            FileError::NewerVersion { found } => write!(
                f,
                "Tệp có phiên bản định dạng {found}, mới hơn phiên bản {VERSION} mà ứng dụng này đọc được. Hãy dùng ứng dụng bản mới hơn."
            ),
            FileError::WrongKind { expected, found } => {
                write!(f, "Tệp này là {}, không phải {}.", found.label(), expected.label())
            }
            FileError::Invalid(detail) => write!(f, "Tệp có nội dung không hợp lệ: {detail}."),
            FileError::TooLarge { bytes } => write!(
                f,
                "Tệp quá lớn ({:.1} MB): ứng dụng chỉ mở tệp đến {} MB.",
                *bytes as f64 / (1024.0 * 1024.0),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            FileError::TooManyItems { count } => write!(
                f,
                "Tệp có {} mục, vượt giới hạn {} mục mỗi tệp.",
                crate::domain::money::group_thousands(*count as u64),
                crate::domain::money::group_thousands(MAX_ITEMS as u64)
            ),
            FileError::NotUtf8 => f.write_str("Tệp không phải văn bản UTF-8 (có thể là tệp Word, Excel hay ảnh)."),
        }
    }
}

impl std::error::Error for FileError {}

/// Parses the text of a file (a leading byte-order mark is allowed) and checks its
/// envelope; returns the kind and the whole JSON object.
///
/// # Errors
/// [`FileError`] when the text is not JSON, not a `cchc-plan` file, of a newer version, or
/// of an unknown kind.
pub fn read_envelope(text: &str) -> Result<(FileKind, Value), FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| FileError::NotJson(json_error_vi(&e)))?;
    let Some(object) = value.as_object() else {
        return Err(FileError::NotOurFormat);
    };
    if object.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(FileError::NotOurFormat);
    }
    let version = object
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| {
            FileError::Invalid("thiếu hoặc sai trường \"version\" (phải là số nguyên)".into())
        })?;
    if version > u64::from(VERSION) {
        return Err(FileError::NewerVersion { found: version });
    }
    if version == 0 {
        return Err(FileError::Invalid("phiên bản 0 không tồn tại".into()));
    }
    let kind = match object.get("kind").and_then(Value::as_str) {
        Some("plan") => FileKind::Plan,
        Some("templates") => FileKind::Templates,
        Some("update_form") => FileKind::UpdateForm,
        _ => {
            return Err(FileError::Invalid(
                "trường \"kind\" phải là \"plan\", \"templates\" hoặc \"update_form\"".into(),
            ))
        }
    };
    Ok((kind, value))
}

/// A serde error in Vietnamese, with its line and column.
pub fn json_error_vi(error: &serde_json::Error) -> String {
    format!("dòng {}, cột {}: {}", error.line(), error.column(), error)
}

#[derive(Serialize)]
struct PlanFileOut<'a> {
    format: &'static str,
    version: u32,
    kind: FileKind,
    plan: &'a Plan,
}

/// Writes a plan file (pretty-printed JSON).
pub fn write_plan(plan: &Plan) -> String {
    let file = PlanFileOut {
        format: FORMAT,
        version: VERSION,
        kind: FileKind::Plan,
        plan,
    };
    serde_json::to_string_pretty(&file).expect("plans always serialise")
}

#[derive(Serialize)]
struct FormFileOut<'a> {
    format: &'static str,
    version: u32,
    kind: FileKind,
    form: &'a UpdateForm,
}

/// Writes a "phiếu cập nhật tiến độ" (or its reply) file.
///
/// ```
/// use cchc_plan::domain::file_format::{read_file, write_update_form, OpenedFile};
/// use cchc_plan::domain::plan::Plan;
/// use cchc_plan::domain::progress::Day;
/// use cchc_plan::domain::update_form::UpdateForm;
/// let plan = Plan::new("p", "Lâm Đồng", 2027);
/// let form = UpdateForm::for_agency(&plan, "Sở Nội vụ", Day::new(2027, 3, 1).unwrap());
/// let text = write_update_form(&form);
/// assert_eq!(read_file(text.as_bytes()), Ok(OpenedFile::UpdateForm(form)));
/// ```
pub fn write_update_form(form: &UpdateForm) -> String {
    let file = FormFileOut {
        format: FORMAT,
        version: VERSION,
        kind: FileKind::UpdateForm,
        form,
    };
    serde_json::to_string_pretty(&file).expect("forms always serialise")
}

/// The name a plan file is saved under: "KH-CCHC-Lam-Dong-2027.json".
pub fn plan_file_name(plan: &Plan) -> String {
    match crate::domain::text::file_slug(&plan.province) {
        province if province.is_empty() => format!("KH-CCHC-{}.json", plan.year),
        province => format!("KH-CCHC-{province}-{}.json", plan.year),
    }
}

/// Reads a plan file.
///
/// # Errors
/// [`FileError`] when the envelope is wrong (see [`read_envelope`]), the file is not a plan,
/// a field has the wrong type, a budget is past the cap, or the rows break the outline rules.
pub fn read_plan(text: &str) -> Result<Plan, FileError> {
    let (kind, mut value) = read_envelope(text)?;
    if kind != FileKind::Plan {
        return Err(FileError::WrongKind {
            expected: FileKind::Plan,
            found: kind,
        });
    }
    let body = value
        .get_mut("plan")
        .map(Value::take)
        .ok_or_else(|| FileError::Invalid("thiếu trường \"plan\"".into()))?;
    plan_from_value(body)
}

/// A plan from the JSON under the file's `plan` field.
fn plan_from_value(body: Value) -> Result<Plan, FileError> {
    let count = body
        .get("rows")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    if count > MAX_ITEMS {
        return Err(FileError::TooManyItems { count });
    }
    let data: PlanData =
        serde_path_to_error::deserialize(body).map_err(|e| FileError::Invalid(located(&e)))?;
    Plan::try_from(data).map_err(|e| FileError::Invalid(e.to_string()))
}

/// "dòng số 4, trường “budget”: sai kiểu dữ liệu (...)" from a serde error with its path.
pub fn located(error: &serde_path_to_error::Error<serde_json::Error>) -> String {
    use serde_path_to_error::Segment;
    let mut place: Vec<String> = Vec::new();
    let mut segments = error.path().iter().peekable();
    while let Some(segment) = segments.next() {
        match segment {
            Segment::Map { key } => match (key.as_str(), segments.peek()) {
                ("rows", Some(Segment::Seq { index })) => {
                    place.push(format!("dòng số {}", index + 1));
                    segments.next();
                }
                ("templates", Some(Segment::Seq { index })) => {
                    place.push(format!("Mẫu số {}", index + 1));
                    segments.next();
                }
                ("sources", Some(Segment::Seq { index })) => {
                    place.push(format!("Nguồn số {}", index + 1));
                    segments.next();
                }
                (key, _) => place.push(format!("trường “{key}”")),
            },
            Segment::Seq { index } => place.push(format!("mục {}", index + 1)),
            Segment::Enum { variant } => place.push(format!("loại “{variant}”")),
            Segment::Unknown => {}
        }
    }
    let what = serde_message_vi(&error.inner().to_string());
    if place.is_empty() {
        what
    } else {
        format!("{}: {what}", place.join(", "))
    }
}

/// serde's English messages, in Vietnamese where the pattern is known.
fn serde_message_vi(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or(message);
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        return format!("thiếu trường “{field}”");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("sai kiểu dữ liệu (có {found}, cần {expected})");
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return format!("giá trị không hợp lệ {rest}");
    }
    message.to_string()
}

/// What a file held.
#[derive(Clone, Debug, PartialEq)]
pub enum OpenedFile {
    Plan(Plan),
    Templates(TemplateSet),
    UpdateForm(UpdateForm),
}

/// Opens a file as the user gave it (picked or dropped): checks its size, its encoding
/// (UTF-8, with or without a byte-order mark) and its envelope, then reads it by its kind.
///
/// ```
/// use cchc_plan::domain::file_format::{read_file, write_plan, OpenedFile};
/// use cchc_plan::domain::plan::Plan;
/// let plan = Plan::new("p", "Lâm Đồng", 2027);
/// assert_eq!(read_file(write_plan(&plan).as_bytes()), Ok(OpenedFile::Plan(plan)));
/// assert!(read_file(b"").is_err());
/// ```
///
/// # Errors
/// [`FileError`] for an empty file, a file over 20 MB, text that is not UTF-8, or any
/// fault [`read_plan`] and [`read_templates`] report.
pub fn read_file(bytes: &[u8]) -> Result<OpenedFile, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::NotUtf8)?;
    if let Some(set) = templates_fast(text) {
        return Ok(OpenedFile::Templates(set));
    }
    let (kind, mut value) = read_envelope(text)?;
    match kind {
        FileKind::Plan => {
            let body = value
                .get_mut("plan")
                .map(Value::take)
                .ok_or_else(|| FileError::Invalid("thiếu trường \"plan\"".into()))?;
            plan_from_value(body).map(OpenedFile::Plan)
        }
        FileKind::Templates => templates_from_value(value).map(OpenedFile::Templates),
        FileKind::UpdateForm => {
            let body = value
                .get_mut("form")
                .map(Value::take)
                .ok_or_else(|| FileError::Invalid("thiếu trường \"form\"".into()))?;
            serde_path_to_error::deserialize(body)
                .map(OpenedFile::UpdateForm)
                .map_err(|e| FileError::Invalid(located(&e)))
        }
    }
}

#[cfg(test)]
mod tests;
