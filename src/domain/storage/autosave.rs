//! What autosave does next: where the open plan stands with respect to storage, how a save
//! or a change made in another tab moves it, and what the drafter is told. The UI
//! (`ui/state/persistence.rs`) owns the timer and the page's events and asks these rules;
//! they need no browser and are tested natively.

use super::blob::plan_revision;
use super::errors::ShelfError;
use super::shelf::ExternalChange;

/// Said when this tab's text of a plan went to a backup because another tab had saved the
/// plan since (see [`super::mirror::Guard`]).
pub const OVERTAKEN_NOTICE: &str = "Một kế hoạch vừa được lưu ở một thẻ hoặc cửa sổ khác trong \
    lúc thẻ này chưa ghi được vào bộ nhớ. Bản lưu kia được giữ nguyên; thay đổi của thẻ này \
    không ghi đè lên nó mà được giữ trong “Bản sao lưu” để tải về.";

/// Autosave waits this long after the last change, in ms (the issue allows at most 500).
pub const SAVE_DELAY_MS: u64 = 300;

/// ... but never longer than this after the first change not yet saved, in ms: a drafter who
/// types without a 300 ms pause (or a test driver) is still saved every two seconds.
pub const SAVE_MAX_WAIT_MS: u64 = 2_000;

/// How long autosave waits after a change, when the first change not yet saved was made at
/// `waiting_since` (both in ms on one clock).
///
/// ```
/// use cchc_plan::domain::storage::autosave::save_delay;
/// assert_eq!(save_delay(1_000.0, 1_000.0), 300);
/// assert_eq!(save_delay(1_000.0, 2_900.0), 100);
/// assert_eq!(save_delay(1_000.0, 3_500.0), 0);
/// ```
pub fn save_delay(waiting_since: f64, now: f64) -> u64 {
    let left = (waiting_since + SAVE_MAX_WAIT_MS as f64 - now).max(0.0);
    SAVE_DELAY_MS.min(left as u64)
}

/// Where the open plan stands with respect to storage.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Saved,
    Pending,
    /// The store is full: edits stay in memory; the next change tries again.
    Full,
    /// Another tab saved a newer revision; saving waits for the drafter's choice.
    Conflict {
        stored_revision: u64,
    },
    /// The open plan was moved to the trash in another tab.
    Trashed,
    Failed(String),
    /// No storage at all: nothing outlives the page.
    SessionOnly,
}

/// What a change made in another tab asks of this one.
#[derive(Clone, Debug, PartialEq)]
pub enum Reaction {
    /// Nothing about the open plan (the list may still need refreshing).
    Nothing,
    /// Stop autosaving (cancel a waiting save) and show this status.
    Stop(SaveStatus),
    /// Nothing of the open plan is stored any more: store it again at once, with `force`.
    SaveAgain,
}

impl SaveStatus {
    /// The status of a store just opened: saved, or session only when nothing can be kept.
    #[must_use]
    pub fn at_start(persistent: bool) -> SaveStatus {
        if persistent {
            SaveStatus::Saved
        } else {
            SaveStatus::SessionOnly
        }
    }

    /// After the plan changed: the status while its save waits, or `None` when no save is
    /// scheduled (a conflict or the trash waits for the drafter; no storage at all).
    #[must_use]
    pub fn after_change(&self) -> Option<SaveStatus> {
        match self {
            SaveStatus::Conflict { .. } | SaveStatus::Trashed | SaveStatus::SessionOnly => None,
            _ => Some(SaveStatus::Pending),
        }
    }

    /// Whether a save may be written now; `force` is the drafter's "Ghi đè" (or restoring a
    /// plan from the trash), which overrides a conflict and the trash, never a missing store.
    #[must_use]
    pub fn may_save(&self, force: bool) -> bool {
        match self {
            SaveStatus::SessionOnly => false,
            SaveStatus::Conflict { .. } | SaveStatus::Trashed => force,
            _ => true,
        }
    }

    /// The status after a save: the stored revision on success.
    #[must_use]
    pub fn after_save(result: Result<u64, ShelfError>) -> (SaveStatus, Option<u64>) {
        match result {
            Ok(revision) => (SaveStatus::Saved, Some(revision)),
            Err(ShelfError::Quota) => (SaveStatus::Full, None),
            Err(ShelfError::Conflict {
                stored_revision, ..
            }) => (SaveStatus::Conflict { stored_revision }, None),
            Err(ShelfError::InTrash { .. }) => (SaveStatus::Trashed, None),
            Err(error) => (SaveStatus::Failed(error.to_string()), None),
        }
    }

    /// What it asks of this tab when the database refused its write of the open plan because
    /// another tab had saved the plan since ([`super::mirror::Guard`]), and holds `held` now:
    /// autosave stops as for any newer save, whatever the revisions say (two tabs that saved
    /// from the same revision hold equal ones); a plan the other tab removed is stored again.
    #[must_use]
    pub fn overtaken(held: Option<&str>) -> Reaction {
        match held.map(plan_revision) {
            None => Reaction::SaveAgain,
            Some(Ok(stored_revision)) => Reaction::Stop(SaveStatus::Conflict { stored_revision }),
            Some(Err(problem)) => Reaction::Stop(SaveStatus::Failed(format!(
                "Kế hoạch đang mở vừa được lưu ở thẻ khác nhưng {problem}."
            ))),
        }
    }

    /// What a change made in another tab (as [`super::PlanShelf::on_external_change`] read
    /// it) asks of this tab, whose open plan was loaded or saved at `revision`.
    #[must_use]
    pub fn react(change: &ExternalChange, revision: u64) -> Reaction {
        match change {
            ExternalChange::OpenPlanChanged {
                revision: stored_revision,
                ..
            } if *stored_revision > revision => Reaction::Stop(SaveStatus::Conflict {
                stored_revision: *stored_revision,
            }),
            ExternalChange::OpenPlanUnreadable { problem, .. } => {
                Reaction::Stop(SaveStatus::Failed(format!(
                    "Kế hoạch đang mở vừa được lưu ở thẻ khác nhưng {problem}."
                )))
            }
            ExternalChange::OpenPlanTrashed { .. } => Reaction::Stop(SaveStatus::Trashed),
            ExternalChange::OpenPlanRemoved { .. } | ExternalChange::Cleared => Reaction::SaveAgain,
            _ => Reaction::Nothing,
        }
    }

    /// The quiet status line ("Đã lưu trong trình duyệt."), empty for the states that are
    /// problems instead.
    #[must_use]
    pub fn line(&self) -> &'static str {
        match self {
            SaveStatus::Saved => "Đã lưu trong trình duyệt.",
            SaveStatus::Pending => "Đang lưu…",
            SaveStatus::SessionOnly => "Không lưu được: trình duyệt chặn bộ nhớ cục bộ. Hãy tải kế hoạch về máy trước khi đóng trang.",
            _ => "",
        }
    }

    /// The alert for a state the drafter must act on, with what they can do.
    #[must_use]
    pub fn problem(&self) -> Option<String> {
        Some(match self {
            SaveStatus::Full => "Bộ nhớ của trình duyệt đã đầy: thay đổi mới nhất CHƯA được lưu, nhưng vẫn còn trên màn hình và bạn có thể tiếp tục sửa. Hãy tải kế hoạch về máy ngay; ứng dụng sẽ thử lưu lại sau thay đổi tiếp theo. Xóa bớt kế hoạch cũ trong thùng rác để có thêm chỗ.".to_string(),
            SaveStatus::Conflict { stored_revision } => format!("Kế hoạch này vừa được lưu ở một thẻ hoặc cửa sổ khác (phiên bản {stored_revision}), mới hơn bản trên màn hình. Để không ghi đè mất bản đó, việc tự động lưu ở đây đã dừng."),
            SaveStatus::Trashed => "Kế hoạch đang mở vừa bị chuyển vào thùng rác ở một thẻ khác. Việc tự động lưu ở đây đã dừng.".to_string(),
            SaveStatus::Failed(text) => format!("Chưa lưu được: {text}"),
            SaveStatus::Saved | SaveStatus::Pending | SaveStatus::SessionOnly => return None,
        })
    }
}

/// What the drafter is told when their own templates could not be stored: they stay usable
/// until the page closes, and "Xuất thư viện" keeps them in a file.
#[must_use]
pub fn templates_not_stored(error: &ShelfError) -> String {
    let why = match error {
        ShelfError::Quota => "bộ nhớ của trình duyệt đã đầy".to_string(),
        other => other.to_string(),
    };
    format!(
        "Chưa lưu được thư viện mẫu của bạn vào trình duyệt ({why}). Các mẫu vẫn dùng được đến khi đóng trang: hãy bấm “Xuất thư viện” để giữ chúng trong một tệp."
    )
}

#[cfg(test)]
mod tests;
