//! What can go wrong with stored plans, each with its Vietnamese message.

use std::fmt;

use super::migrate::{BlobProblem, SCHEMA_VERSION};
use super::store::StoreError;

/// Which stored blob a problem is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// `cchc.index`, the list of plans.
    Index,
    /// A plan, with the name to show (its title when known, else its id).
    Plan { id: String, name: String },
    /// `cchc.settings`.
    Settings,
    /// `cchc.templates`, the user's own templates.
    Templates,
}

/// An unreadable blob and where its raw text was kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damaged {
    pub subject: Subject,
    /// The key it was read from.
    pub key: String,
    pub problem: BlobProblem,
    /// Where the raw text was copied, untouched; `None` when the copy failed (store full or
    /// blocked), in which case the original was left at `key`.
    pub backup_key: Option<String>,
}

impl fmt::Display for Damaged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.subject {
            Subject::Index => f.write_str("Danh sách kế hoạch")?,
            Subject::Plan { name, .. } => write!(f, "Dữ liệu kế hoạch “{name}”")?,
            Subject::Settings => f.write_str("Cài đặt")?,
            Subject::Templates => f.write_str("Thư viện nhiệm vụ mẫu của bạn")?,
        }
        write!(f, " trong trình duyệt {}. ", self.problem)?;
        match &self.backup_key {
            Some(backup) if self.problem.is_newer_schema() => write!(
                f,
                "Dữ liệu được giữ nguyên ở khóa “{}” và một bản sao ở khóa “{backup}”; có thể tải bản sao về máy.",
                self.key
            ),
            Some(backup) => write!(
                f,
                "Bản gốc đã được giữ lại ở khóa “{backup}”; có thể tải về máy."
            ),
            None => write!(
                f,
                "Chưa sao lưu được (bộ nhớ đầy hoặc bị chặn) nên bản gốc được giữ nguyên ở khóa “{}”.",
                self.key
            ),
        }
    }
}

/// Something the user must hear about when the app starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartupProblem {
    /// There is no usable store: the shelf keeps plans in memory for this session only.
    Unavailable(StoreError),
    /// The list was unreadable and was rebuilt from the `recovered` plans found in the store.
    IndexUnreadable { damaged: Damaged, recovered: usize },
    /// One plan is unreadable; the others open as usual.
    PlanUnreadable(Damaged),
    /// The settings are unreadable; the defaults are used.
    SettingsUnreadable(Damaged),
}

impl fmt::Display for StartupProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartupProblem::Unavailable(error) => write!(
                f,
                "{error} Ứng dụng vẫn dùng được nhưng không có gì được lưu lại: mọi thay đổi sẽ mất khi đóng trang. Hãy tải kế hoạch về máy trước khi đóng."
            ),
            StartupProblem::IndexUnreadable { damaged, recovered } => write!(
                f,
                "{damaged} Danh sách đã được dựng lại từ {recovered} kế hoạch còn trong trình duyệt."
            ),
            StartupProblem::PlanUnreadable(damaged) => {
                write!(f, "{damaged} Các kế hoạch khác vẫn mở bình thường.")
            }
            StartupProblem::SettingsUnreadable(damaged) => {
                write!(f, "{damaged} Đang dùng cài đặt mặc định.")
            }
        }
    }
}

/// Why a shelf operation failed; [`fmt::Display`] gives the Vietnamese message. After any
/// of these, what was stored before is intact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShelfError {
    /// The store is full. Keep editing in memory, offer a download, retry on the next change.
    Quota,
    /// The store is blocked; nothing can be kept.
    Unavailable,
    /// Another error of the store.
    Store(String),
    /// Another tab saved a newer revision: reload it (keep local edits downloadable), or
    /// save again with `force` ("Ghi đè").
    Conflict {
        stored_revision: u64,
        base_revision: u64,
    },
    /// No such plan in the store (never saved, or deleted for good in another tab); save
    /// with `force` to store it again.
    NotFound { id: String },
    /// A plan with this id already exists.
    AlreadyExists { id: String },
    /// The plan is in the trash (moved there in another tab); restore it, or save with
    /// `force`, which also takes it out of the trash.
    InTrash { id: String, name: String },
    /// The stored plan was written by a newer app; saving with `force` backs it up first.
    NewerSchema { id: String, found: u64 },
    /// The stored plan is unreadable; its raw text was kept as said.
    Unreadable(Box<Damaged>),
}

impl From<StoreError> for ShelfError {
    fn from(error: StoreError) -> ShelfError {
        match error {
            StoreError::QuotaExceeded => ShelfError::Quota,
            StoreError::Unavailable => ShelfError::Unavailable,
            StoreError::Other(detail) => ShelfError::Store(detail),
        }
    }
}

impl fmt::Display for ShelfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShelfError::Quota => f.write_str(
                "Bộ nhớ của trình duyệt đã đầy nên thay đổi mới nhất chưa được lưu; bản đã lưu trước đó vẫn nguyên vẹn. \
                 Hãy tải kế hoạch về máy, rồi giải phóng chỗ bằng cách dọn thùng rác hoặc xóa bản sao lưu không cần nữa. \
                 Ứng dụng sẽ thử lưu lại ở lần sửa tiếp theo.",
            ),
            ShelfError::Unavailable => f.write_str(
                "Trình duyệt đang chặn bộ nhớ cục bộ (localStorage) nên không lưu được. \
                 Thay đổi chỉ nằm trong trang này và sẽ mất khi đóng; hãy tải kế hoạch về máy.",
            ),
            ShelfError::Store(detail) => write!(
                f,
                "Không lưu được vào bộ nhớ của trình duyệt ({detail}). Hãy tải kế hoạch về máy để khỏi mất dữ liệu."
            ),
            ShelfError::Conflict {
                stored_revision,
                base_revision,
            } => write!(
                f,
                "Kế hoạch này vừa được lưu ở một thẻ hoặc cửa sổ khác (lần lưu thứ {stored_revision}, mới hơn lần thứ \
                 {base_revision} mà thẻ này đang sửa) nên thay đổi ở đây chưa được lưu. Hãy tải lại bản mới (có thể tải \
                 bản đang sửa về máy trước), hoặc chọn “Ghi đè” để thay bản kia bằng bản này."
            ),
            ShelfError::NotFound { id } => write!(
                f,
                "Không tìm thấy kế hoạch “{id}” trong trình duyệt (có thể đã bị xóa hẳn ở một thẻ khác)."
            ),
            ShelfError::AlreadyExists { id } => {
                write!(f, "Đã có một kế hoạch mang mã “{id}” trong trình duyệt.")
            }
            ShelfError::InTrash { name, .. } => write!(
                f,
                "Kế hoạch “{name}” đã được chuyển vào thùng rác (ở một thẻ khác) nên chưa được lưu. \
                 Hãy khôi phục nó, hoặc chọn “Ghi đè” để lưu và đưa nó ra khỏi thùng rác."
            ),
            ShelfError::NewerSchema { id, found } => write!(
                f,
                "Kế hoạch “{id}” trong trình duyệt đã được lưu bởi một phiên bản ứng dụng mới hơn (dữ liệu phiên bản \
                 {found}, ứng dụng này chỉ đọc được đến phiên bản {SCHEMA_VERSION}) nên không ghi đè. Hãy mở bằng phiên \
                 bản mới hơn, hoặc chọn “Ghi đè” (bản kia sẽ được sao lưu trước)."
            ),
            ShelfError::Unreadable(damaged) => damaged.fmt(f),
        }
    }
}

impl std::error::Error for ShelfError {}
