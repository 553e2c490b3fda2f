//! The protocol between the app and the documents worker, and the worker's side of it.
//!
//! The documents worker is a second wasm (`src/bin/worker.rs`) that alone links the office
//! codecs (the Excel and Word writers; the importers later), so the app's
//! own wasm never carries them. Both binaries share these types; neither exports them to JS.
//! A message is JSON (serde) for its head, [`Request`] or [`Response`]; the bytes of a file
//! travel beside the head as their own buffer, transferred between the threads, never
//! encoded into the JSON. Every request carries an id that its response repeats, so a late
//! answer can never land on the wrong request. This module knows nothing of `web-sys`: the
//! app's client is `platform::worker`, the worker's message loop is `src/bin/worker.rs`.
//!
//! ```
//! use cchc_plan::documents::{Job, Outcome, Request};
//! use cchc_plan::domain::plan::{Plan, Task};
//! use cchc_plan::domain::workbook::ExportSettings;
//! let mut plan = Plan::new("p1", "Hưng Yên", 2027);
//! plan.add_task_with(None, Task { content: "Rà soát văn bản QPPL".into(), ..Task::default() });
//! let request = Request { id: 7, job: Job::ExportXlsx { plan, settings: ExportSettings::default() } };
//! // What the app posts, and what the worker answers.
//! let (response, bytes) = cchc_plan::documents::handle(&request.encode());
//! assert_eq!(response.id, 7);
//! assert!(matches!(response.outcome, Outcome::File { .. }));
//! assert_eq!(&bytes[..2], b"PK");
//! ```

use serde::{Deserialize, Serialize};

use crate::domain::import::{OtherFormat, SourceDocument};
use crate::domain::par_index::{CriteriaSet, Scores};
use crate::domain::plan::Plan;
use crate::domain::progress::{Day, ReportPeriod, ReportingRules};
use crate::domain::workbook::ExportSettings;

/// Which request a response answers; the app numbers its requests from 1.
pub type RequestId = u32;

/// What the app asks of the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: RequestId,
    pub job: Job,
}

/// The work itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum Job {
    /// The plan's appendices as an .xlsx workbook.
    ExportXlsx {
        plan: Plan,
        settings: ExportSettings,
    },
    /// Read an office file (.docx, .xlsx, .ods) picked or dropped by the drafter: its bytes
    /// are the buffer that travels beside this head. `name` gives the extension.
    ReadOffice { name: String },
    /// The plan's appendices as a .docx, with the same settings as the workbook.
    ExportDocx {
        plan: Plan,
        settings: ExportSettings,
    },
    /// The whole plan document (Dự thảo kế hoạch) as a .docx: its body from the plan's
    /// sections, then the appendices with the same settings.
    ExportPlanDocument {
        plan: Plan,
        settings: ExportSettings,
    },
    /// The progress report ("Báo cáo tiến độ") of `period` of the plan's year as an .xlsx
    /// workbook, with these reporting rules (cut-off days; absent: the defaults, 15/12 to
    /// 14/3, 14/6, 14/9, 14/12); statuses read on `as_of` ("YYYY-MM-DD"; absent or null:
    /// the period's cut-off day). `period`: "q1", "six_months", "q3", "year".
    ExportReportXlsx {
        plan: Plan,
        #[serde(default)]
        rules: ReportingRules,
        period: ReportPeriod,
        #[serde(default)]
        as_of: Option<Day>,
    },
    /// "Khắc phục Chỉ số CCHC" as an .xlsx workbook: the criteria `scores` took points from
    /// (built-in criteria set of the scores' methodology), with the plan's tasks for each.
    /// `set`: the drafter's criteria set; absent or null: the built-in one.
    ExportParIndexXlsx {
        plan: Plan,
        scores: Scores,
        #[serde(default)]
        set: Option<CriteriaSet>,
    },
    /// The same table as a .docx.
    ExportParIndexDocx {
        plan: Plan,
        scores: Scores,
        #[serde(default)]
        set: Option<CriteriaSet>,
    },
    /// The same progress report as a .docx.
    ExportReportDocx {
        plan: Plan,
        #[serde(default)]
        rules: ReportingRules,
        period: ReportPeriod,
        #[serde(default)]
        as_of: Option<Day>,
    },
}

/// What the worker answers to the request with the same id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub id: RequestId,
    pub outcome: Outcome,
}

/// How a request went.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// A file to offer: its bytes are the buffer that travels beside this head.
    File {
        name: String,
        mime: String,
        /// What the drafter should know about the file (Vietnamese), possibly nothing.
        warnings: Vec<String>,
    },
    /// What an office file holds (its tables and the text around them), for the app's
    /// import analysis.
    Source { document: SourceDocument },
    /// The request could not be done; `message` is the Vietnamese explanation.
    Failed { kind: FailureKind, message: String },
}

/// Why a request failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// The worker could not read the request (the app and the worker disagree).
    BadRequest,
    /// The export itself failed (a limit of the file format).
    Export,
    /// The office file could not be read (not a supported format, damaged, no table).
    Import,
}

impl Request {
    /// The head as posted: JSON.
    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("requests always serialise")
    }

    /// Reads a posted head.
    ///
    /// # Errors
    /// The serde message when the bytes are not a request.
    pub fn decode(bytes: &[u8]) -> Result<Request, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }
}

impl Response {
    /// The head as posted: JSON.
    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("responses always serialise")
    }

    /// Reads a posted head.
    ///
    /// # Errors
    /// The serde message when the bytes are not a response.
    pub fn decode(bytes: &[u8]) -> Result<Response, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }
}

/// Where a file the drafter picked or dropped goes, decided in the app from its name and
/// first bytes, before anything else reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileRoute {
    /// The app's own JSON (a plan or a template file): read in the app.
    AppFile,
    /// An office document (.docx, .xlsx, .ods, or any zip): read by the worker
    /// ([`Job::ReadOffice`]), which checks it thoroughly.
    Office,
    /// A format the app does not read: refused at once with
    /// [`crate::domain::import::ImportError::UnsupportedFormat`]'s message (which says how to get a .docx).
    Unsupported(OtherFormat),
}

/// The route of a file by its extension, then its first bytes (a zip is sent to the
/// worker whatever its name; an old binary Office file or a PDF never is).
pub fn route_file(name: &str, start: &[u8]) -> FileRoute {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];
    const PDF: &[u8] = b"%PDF";
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    let named = match extension.as_str() {
        "json" => return FileRoute::AppFile,
        "docx" | "xlsx" | "ods" => return FileRoute::Office,
        "doc" | "dot" | "rtf" => OtherFormat::Doc,
        "xls" => OtherFormat::Xls,
        "odt" => OtherFormat::Odt,
        "pdf" => OtherFormat::Pdf,
        _ => OtherFormat::Unknown,
    };
    // An .odt is a zip too: its name decides first.
    if named != OtherFormat::Unknown {
        return FileRoute::Unsupported(named);
    }
    if start.starts_with(ZIP) {
        return FileRoute::Office;
    }
    if start.starts_with(OLE) {
        return FileRoute::Unsupported(OtherFormat::Doc);
    }
    if start.starts_with(PDF) {
        return FileRoute::Unsupported(OtherFormat::Pdf);
    }
    // A JSON file under another name (or none): its first non-blank character.
    let text = start.strip_prefix("\u{feff}".as_bytes()).unwrap_or(start);
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => FileRoute::AppFile,
        _ => FileRoute::Unsupported(OtherFormat::Unknown),
    }
}

/// The worker's whole job for a request without a file: see [`handle_with_file`].
#[cfg(feature = "documents")]
pub fn handle(head: &[u8]) -> (Response, Vec<u8>) {
    handle_with_file(head, &[])
}

/// The worker's whole job: a posted request head and the bytes that came beside it (empty
/// for jobs without a file) in, the response and the file's bytes (empty unless the
/// outcome is [`Outcome::File`]) out. Never panics on bad input: an unreadable request is
/// answered with [`FailureKind::BadRequest`] (under its id when the id can be read, else 0).
#[cfg(feature = "documents")]
pub fn handle_with_file(head: &[u8], file: &[u8]) -> (Response, Vec<u8>) {
    use crate::domain::docx::{
        build_appendices_docx, build_report_docx, docx_file_name, report_docx_file_name, DOCX_MIME,
    };
    use crate::domain::progress_report::build_report;
    use crate::domain::workbook::{
        build_report_xlsx, build_workbook, file_name, report_file_name, XLSX_MIME,
    };

    let request = match Request::decode(head) {
        Ok(request) => request,
        Err(error) => {
            #[derive(Deserialize)]
            struct IdOnly {
                id: RequestId,
            }
            let id = serde_json::from_slice::<IdOnly>(head).map_or(0, |r| r.id);
            let outcome = Outcome::Failed {
                kind: FailureKind::BadRequest,
                message: format!("Bộ xử lý tệp không đọc được yêu cầu: {error}."),
            };
            return (Response { id, outcome }, Vec::new());
        }
    };
    let (outcome, bytes) = match &request.job {
        Job::ExportXlsx { plan, settings } => {
            file_outcome(build_workbook(plan, settings), file_name(plan), XLSX_MIME)
        }
        Job::ExportParIndexXlsx { plan, scores, set }
        | Job::ExportParIndexDocx { plan, scores, set } => {
            let set = set.as_ref().unwrap_or(CriteriaSet::builtin());
            let settings = ExportSettings::default();
            if matches!(request.job, Job::ExportParIndexDocx { .. }) {
                file_outcome(
                    crate::domain::docx::build_par_index_docx(plan, set, scores, &settings),
                    crate::domain::docx::par_index_docx_file_name(plan),
                    DOCX_MIME,
                )
            } else {
                file_outcome(
                    crate::domain::workbook::build_par_index_workbook(plan, set, scores, &settings),
                    crate::domain::workbook::par_index_file_name(plan),
                    XLSX_MIME,
                )
            }
        }
        Job::ExportDocx { plan, settings } => file_outcome(
            build_appendices_docx(plan, settings),
            docx_file_name(plan),
            DOCX_MIME,
        ),
        Job::ExportPlanDocument { plan, settings } => file_outcome(
            crate::domain::docx::build_plan_document(plan, settings),
            crate::domain::docx::plan_document_file_name(plan),
            DOCX_MIME,
        ),
        Job::ExportReportXlsx {
            plan,
            rules,
            period,
            as_of,
        }
        | Job::ExportReportDocx {
            plan,
            rules,
            period,
            as_of,
        } => {
            let report = build_report(plan, rules, *period, *as_of);
            if matches!(request.job, Job::ExportReportDocx { .. }) {
                file_outcome(
                    build_report_docx(&report, plan),
                    report_docx_file_name(&report, plan),
                    DOCX_MIME,
                )
            } else {
                file_outcome(
                    build_report_xlsx(&report, plan),
                    report_file_name(&report, plan),
                    XLSX_MIME,
                )
            }
        }
        Job::ReadOffice { name } => match crate::domain::import::read_file(name, file) {
            Ok(document) => (Outcome::Source { document }, Vec::new()),
            Err(error) => (
                Outcome::Failed {
                    kind: FailureKind::Import,
                    message: error.to_string(),
                },
                Vec::new(),
            ),
        },
    };
    (
        Response {
            id: request.id,
            outcome,
        },
        bytes,
    )
}

/// The outcome of an export: the file to offer, or why there is none.
#[cfg(feature = "documents")]
fn file_outcome<E: std::fmt::Display>(
    built: Result<Vec<u8>, E>,
    name: String,
    mime: &str,
) -> (Outcome, Vec<u8>) {
    match built {
        Ok(bytes) => (
            Outcome::File {
                name,
                mime: mime.to_string(),
                warnings: Vec::new(),
            },
            bytes,
        ),
        Err(error) => (
            Outcome::Failed {
                kind: FailureKind::Export,
                message: error.to_string(),
            },
            Vec::new(),
        ),
    }
}

#[cfg(test)]
mod tests;
