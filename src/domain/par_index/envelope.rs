//! The envelope of the PAR INDEX data files: a `format` tag and a `version` beside the
//! content's own fields. Criteria sets and scores are both read and written through it.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::domain::file_format::json_error_vi;

/// What a data file is and which of its versions this build reads and writes.
pub(super) struct Kind {
    /// The `format` tag: "cchc-par-index-criteria".
    pub format: &'static str,
    /// The newest version read, the one written.
    pub version: u32,
    /// What the file is, for messages: "bộ tiêu chí".
    pub what: &'static str,
}

/// Reads a data file of `kind`.
///
/// # Errors
/// A Vietnamese message: not JSON, another format, a version this build does not read, a
/// field of the wrong type.
pub(super) fn read<T: DeserializeOwned>(text: &str, kind: &Kind) -> Result<T, String> {
    #[derive(Deserialize)]
    struct File<T> {
        format: String,
        version: u32,
        #[serde(flatten)]
        content: T,
    }
    let file: File<T> = serde_json::from_str(text).map_err(|e| json_error_vi(&e))?;
    if file.format != kind.format {
        return Err(format!("không phải tệp {} (“{}”)", kind.what, kind.format));
    }
    if file.version == 0 || file.version > kind.version {
        return Err(format!("phiên bản {} chưa đọc được", file.version));
    }
    Ok(file.content)
}

/// Writes `content` as a data file of `kind` (pretty-printed JSON, a final newline).
pub(super) fn write<T: Serialize>(content: &T, kind: &Kind) -> String {
    #[derive(Serialize)]
    struct File<'a, T> {
        format: &'static str,
        version: u32,
        #[serde(flatten)]
        content: &'a T,
    }
    let file = File {
        format: kind.format,
        version: kind.version,
        content,
    };
    let mut text = serde_json::to_string_pretty(&file).expect("PAR INDEX data serialise");
    text.push('\n');
    text
}
