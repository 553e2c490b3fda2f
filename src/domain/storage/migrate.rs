//! Schema versions of stored blobs and the chain of migrations between them.
//!
//! Every blob the shelf writes (index, plan, settings) is a JSON object with a `"schema"`
//! field. A blob of an older schema is upgraded one version at a time by [`STEPS`] before it
//! is read; a blob of a newer schema than [`SCHEMA_VERSION`] is refused, never guessed at.
//!
//! To add schema version 2:
//! 1. write `fn v1_to_v2(kind: BlobKind, blob: Value) -> Result<Value, String>` below and
//!    append it to [`STEPS`];
//! 2. bump [`SCHEMA_VERSION`] to 2 and change the blob types in `blob.rs` to the new shape;
//! 3. add `tests/fixtures/storage/v2/` (index.json, plan.json, settings.json, as v2 writes
//!    them). The fixture test loads the blobs of every version from 1 to [`SCHEMA_VERSION`],
//!    so it fails until the fixture exists, and it keeps loading v1 through the new step.

use std::fmt;

use serde_json::Value;

/// The schema version this app writes, and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

/// What a blob holds; a migration step may treat each kind differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlobKind {
    Index,
    Plan,
    Settings,
}

/// One migration: a blob of schema `n` (already parsed) into the blob of schema `n + 1`.
/// The step does not need to set `"schema"`; [`upgrade`] does.
pub type Step = fn(BlobKind, Value) -> Result<Value, String>;

/// `STEPS[n - 1]` migrates schema `n` to `n + 1`. Empty while only version 1 exists.
pub const STEPS: &[Step] = &[];

const _: () = assert!(STEPS.len() + 1 == SCHEMA_VERSION as usize);

/// Why a stored blob cannot be read; [`fmt::Display`] gives a Vietnamese phrase that
/// completes "… trong trình duyệt ".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlobProblem {
    /// Not JSON at all, or cut short.
    InvalidJson {
        line: usize,
        column: usize,
        truncated: bool,
    },
    /// JSON, but not the shape of this kind of blob (detail in Vietnamese where possible).
    WrongShape(String),
    /// Written by a newer app: schema `found`, while this app knows up to `known`.
    NewerSchema { found: u64, known: u32 },
    /// An older blob that a migration step could not upgrade.
    MigrationFailed { from: u64, detail: String },
}

impl BlobProblem {
    /// Whether the blob may still be good for a newer app (so it must stay where it is).
    pub fn is_newer_schema(&self) -> bool {
        matches!(self, BlobProblem::NewerSchema { .. })
    }
}

impl fmt::Display for BlobProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BlobProblem::InvalidJson {
                line,
                column,
                truncated: false,
            } => write!(f, "bị hỏng (JSON không hợp lệ ở dòng {line}, cột {column})"),
            BlobProblem::InvalidJson {
                line,
                column,
                truncated: true,
            } => write!(
                f,
                "bị hỏng (dữ liệu bị cắt cụt, JSON dừng ở dòng {line}, cột {column})"
            ),
            BlobProblem::WrongShape(detail) => write!(f, "bị hỏng (sai cấu trúc: {detail})"),
            BlobProblem::NewerSchema { found, known } => write!(
                f,
                "được lưu bởi một phiên bản ứng dụng mới hơn (dữ liệu phiên bản {found}, \
                 ứng dụng này chỉ đọc được đến phiên bản {known})"
            ),
            BlobProblem::MigrationFailed { from, detail } => write!(
                f,
                "không nâng cấp được từ dữ liệu phiên bản {from} lên phiên bản \
                 {SCHEMA_VERSION} ({detail})"
            ),
        }
    }
}

/// A serde error as a [`BlobProblem`]: syntax and truncation are invalid JSON; data
/// errors are a wrong shape, described in Vietnamese.
pub fn problem_of(error: &serde_json::Error) -> BlobProblem {
    use serde_json::error::Category;
    match error.classify() {
        Category::Syntax | Category::Io => BlobProblem::InvalidJson {
            line: error.line(),
            column: error.column(),
            truncated: false,
        },
        Category::Eof => BlobProblem::InvalidJson {
            line: error.line(),
            column: error.column(),
            truncated: true,
        },
        Category::Data => BlobProblem::WrongShape(shape_detail(error)),
    }
}

/// A serde data error in Vietnamese: the common messages translated, the rest kept as is.
fn shape_detail(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json appends " at line L column C" when it knows the position.
    let message = match text.rfind(" at line ") {
        Some(cut) if error.line() > 0 => &text[..cut],
        _ => text.as_str(),
    };
    let mut detail = if let Some(rest) = message.strip_prefix("missing field `") {
        format!("thiếu trường “{}”", rest.trim_end_matches('`'))
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        format!("sai kiểu dữ liệu: {rest}")
    } else if let Some(rest) = message.strip_prefix("invalid value: ") {
        format!("giá trị không hợp lệ: {rest}")
    } else if let Some(rest) = message.strip_prefix("unknown variant ") {
        format!("giá trị không hợp lệ {rest}")
    } else {
        message.to_string()
    };
    if error.line() > 0 {
        detail.push_str(&format!(" ở dòng {}, cột {}", error.line(), error.column()));
    }
    detail
}

/// The schema version of a parsed blob.
fn schema_of(blob: &Value) -> Result<u64, BlobProblem> {
    let Some(object) = blob.as_object() else {
        return Err(BlobProblem::WrongShape(
            "không phải một đối tượng JSON".into(),
        ));
    };
    match object.get("schema").and_then(Value::as_u64) {
        Some(0) | None => Err(BlobProblem::WrongShape(
            "thiếu trường “schema” hoặc không phải số nguyên dương".into(),
        )),
        Some(version) => Ok(version),
    }
}

/// Parses a blob of any known schema and upgrades it to [`SCHEMA_VERSION`]; returns it with
/// the version it was stored in.
///
/// # Errors
/// [`BlobProblem`] when the text is not JSON, names a newer schema than this app knows, or
/// cannot be upgraded.
pub fn upgrade(kind: BlobKind, text: &str) -> Result<(Value, u64), BlobProblem> {
    let mut blob: Value = serde_json::from_str(text).map_err(|e| problem_of(&e))?;
    let stored = schema_of(&blob)?;
    if stored > u64::from(SCHEMA_VERSION) {
        return Err(BlobProblem::NewerSchema {
            found: stored,
            known: SCHEMA_VERSION,
        });
    }
    for (from, step) in (stored..).zip(&STEPS[(stored - 1) as usize..]) {
        blob = step(kind, blob).map_err(|detail| BlobProblem::MigrationFailed { from, detail })?;
        match blob.as_object_mut() {
            Some(object) => {
                object.insert("schema".into(), Value::from(from + 1));
            }
            None => {
                return Err(BlobProblem::MigrationFailed {
                    from,
                    detail: "bước nâng cấp không trả về một đối tượng JSON".into(),
                })
            }
        }
    }
    Ok((blob, stored))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_blobs_pass_through() {
        let (blob, from) = upgrade(BlobKind::Settings, r#"{"schema":1,"settings":{}}"#).unwrap();
        assert_eq!(from, 1);
        assert_eq!(blob["settings"], serde_json::json!({}));
    }

    #[test]
    fn newer_invalid_and_shapeless_blobs_are_refused() {
        assert_eq!(
            upgrade(BlobKind::Plan, r#"{"schema":99}"#),
            Err(BlobProblem::NewerSchema {
                found: 99,
                known: SCHEMA_VERSION
            })
        );
        let message = BlobProblem::NewerSchema {
            found: 99,
            known: 1,
        }
        .to_string();
        assert!(
            message.contains("99") && message.contains("phiên bản 1"),
            "{message}"
        );
        assert_eq!(
            upgrade(BlobKind::Plan, "{\"schema\":"),
            Err(BlobProblem::InvalidJson {
                line: 1,
                column: 10,
                truncated: true
            })
        );
        assert_eq!(
            upgrade(BlobKind::Plan, "{oops"),
            Err(BlobProblem::InvalidJson {
                line: 1,
                column: 2,
                truncated: false
            })
        );
        assert!(matches!(
            upgrade(BlobKind::Plan, "[1]"),
            Err(BlobProblem::WrongShape(_))
        ));
        assert!(matches!(
            upgrade(BlobKind::Plan, r#"{"schema":0}"#),
            Err(BlobProblem::WrongShape(_))
        ));
        assert!(matches!(
            upgrade(BlobKind::Plan, r#"{"schema":"1"}"#),
            Err(BlobProblem::WrongShape(_))
        ));
    }

    #[test]
    fn data_errors_read_in_vietnamese() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Blob {
            revision: u64,
        }
        let error = serde_json::from_str::<Blob>("{}").unwrap_err();
        assert_eq!(
            problem_of(&error).to_string(),
            "bị hỏng (sai cấu trúc: thiếu trường “revision” ở dòng 1, cột 2)"
        );
        let error = serde_json::from_str::<Blob>(r#"{"revision":"x"}"#).unwrap_err();
        assert!(problem_of(&error)
            .to_string()
            .contains("sai kiểu dữ liệu: string \"x\""));
    }
}
