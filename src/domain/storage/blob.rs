//! Storage keys and the JSON blobs stored under them.
//!
//! | key                               | blob                                                   |
//! |-----------------------------------|--------------------------------------------------------|
//! | `cchc.index`                      | `{"schema":1,"last_open":"kh-1"\|null,"plans":[summary…]}` |
//! | `cchc.plan.<id>`                  | `{"schema":1,"revision":3,"saved_at":1767225600000.0,"plan":{PlanData}}` |
//! | `cchc.settings`                   | `{"schema":1,"settings":{"words_style":{…},…}}`        |
//! | `cchc.backup.<original key>.<ms>` | the raw text of an unreadable blob, untouched          |
//!
//! A summary is `{"id","province","year","title","changed_at"}` plus `"deleted_at"` while
//! the plan is in the trash. Times are milliseconds since the epoch (`Date.now()`), given by
//! the caller. The plan itself is [`PlanData`], the same shape as in plan files.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::migrate::{problem_of, upgrade, BlobKind, BlobProblem, SCHEMA_VERSION};
use crate::domain::plan::{Plan, PlanData};
use crate::domain::words::WordsStyle;

/// The list of plans, the last open plan and the schema version.
pub const INDEX_KEY: &str = "cchc.index";
/// User settings.
pub const SETTINGS_KEY: &str = "cchc.settings";
/// One key per plan: `cchc.plan.<id>`, so a keystroke rewrites one plan, not all.
pub const PLAN_PREFIX: &str = "cchc.plan.";
/// The user's own templates (their own and imported ones), as a template-set file.
pub const TEMPLATES_KEY: &str = "cchc.templates";
/// Raw copies of unreadable blobs: `cchc.backup.<original key>.<ms since epoch>`.
pub const BACKUP_PREFIX: &str = "cchc.backup.";

/// The key of a plan's blob.
pub fn plan_key(id: &str) -> String {
    format!("{PLAN_PREFIX}{id}")
}

/// The plan id of a plan key, or `None` for any other key.
pub fn plan_id_of(key: &str) -> Option<&str> {
    key.strip_prefix(PLAN_PREFIX)
}

/// One line of "Danh sách kế hoạch" (or of the trash).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub id: String,
    pub province: String,
    pub year: i32,
    pub title: String,
    /// When the plan was last saved (ms since the epoch).
    pub changed_at: f64,
    /// When the plan went to the trash; `None` for a plan in the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<f64>,
}

impl PlanSummary {
    /// The summary of a plan saved at `changed_at`, not in the trash.
    pub fn of(plan: &Plan, changed_at: f64) -> PlanSummary {
        PlanSummary {
            id: plan.id.clone(),
            province: plan.province.clone(),
            year: plan.year,
            title: plan.title.clone(),
            changed_at,
            deleted_at: None,
        }
    }

    /// The name to show: the title, or the id when the title is blank.
    pub fn name(&self) -> &str {
        if self.title.trim().is_empty() {
            &self.id
        } else {
            &self.title
        }
    }
}

/// The content of `cchc.index`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    #[serde(default)]
    pub last_open: Option<String>,
    /// Every plan, in the list and in the trash, in no particular order.
    pub plans: Vec<PlanSummary>,
}

impl Index {
    pub fn get(&self, id: &str) -> Option<&PlanSummary> {
        self.plans.iter().find(|s| s.id == id)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut PlanSummary> {
        self.plans.iter_mut().find(|s| s.id == id)
    }

    /// Adds or replaces the summary with the same id.
    pub fn upsert(&mut self, summary: PlanSummary) {
        match self.get_mut(&summary.id) {
            Some(existing) => *existing = summary,
            None => self.plans.push(summary),
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<PlanSummary> {
        let pos = self.plans.iter().position(|s| s.id == id)?;
        if self.last_open.as_deref() == Some(id) {
            self.last_open = None;
        }
        Some(self.plans.remove(pos))
    }
}

#[derive(Serialize)]
struct IndexOut<'a> {
    schema: u32,
    last_open: &'a Option<String>,
    plans: &'a [PlanSummary],
}

#[derive(Deserialize)]
struct IndexIn {
    schema: u64,
    #[serde(flatten)]
    index: Index,
}

pub fn encode_index(index: &Index) -> String {
    serde_json::to_string(&IndexOut {
        schema: SCHEMA_VERSION,
        last_open: &index.last_open,
        plans: &index.plans,
    })
    .expect("an index always serialises")
}

/// Reads the index blob (the list of stored plans and the trash) of any known schema.
///
/// # Errors
/// [`BlobProblem`] when the text is not JSON of a known schema (too new, or damaged).
pub fn decode_index(text: &str) -> Result<Index, BlobProblem> {
    decode::<IndexIn>(BlobKind::Index, text, |blob| blob.schema).map(|blob| {
        let mut index = blob.index;
        // A hand-edited index may repeat an id: the first one wins.
        let mut seen = std::collections::HashSet::new();
        index.plans.retain(|s| seen.insert(s.id.clone()));
        index
    })
}

/// A plan as loaded from the store, with the revision to save it against.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedPlan {
    pub plan: Plan,
    /// The stored revision: pass it to `PlanShelf::save` as the base revision.
    pub revision: u64,
    /// When it was saved (ms since the epoch).
    pub saved_at: f64,
}

#[derive(Serialize)]
struct PlanBlobOut<'a> {
    schema: u32,
    revision: u64,
    saved_at: f64,
    plan: &'a Plan,
}

#[derive(Deserialize)]
struct PlanBlobIn {
    schema: u64,
    revision: u64,
    saved_at: f64,
    plan: PlanData,
}

#[derive(Deserialize)]
struct PlanHeader {
    schema: u64,
    revision: u64,
}

/// The blob of a plan at a revision.
pub fn encode_plan(plan: &Plan, revision: u64, saved_at: f64) -> String {
    serde_json::to_string(&PlanBlobOut {
        schema: SCHEMA_VERSION,
        revision,
        saved_at,
        plan,
    })
    .expect("plans always serialise")
}

/// Reads a plan blob of any known schema, checking the plan's outline.
///
/// # Errors
/// [`BlobProblem`] when the blob is damaged, of a newer schema, or its rows break the
/// outline rules.
pub fn decode_plan(text: &str) -> Result<LoadedPlan, BlobProblem> {
    let blob = decode::<PlanBlobIn>(BlobKind::Plan, text, |blob| blob.schema)?;
    let plan = Plan::try_from(blob.plan).map_err(|e| BlobProblem::WrongShape(e.to_string()))?;
    Ok(LoadedPlan {
        plan,
        revision: blob.revision,
        saved_at: blob.saved_at,
    })
}

/// The revision of a plan blob, without building the plan.
///
/// # Errors
/// [`BlobProblem`] when the blob is damaged or of a newer schema.
pub fn plan_revision(text: &str) -> Result<u64, BlobProblem> {
    decode::<PlanHeader>(BlobKind::Plan, text, |blob| blob.schema).map(|h| h.revision)
}

/// User settings, kept in `cchc.settings`. Fields this version does not know (written by a
/// newer one of the same schema) are kept in `other` and written back unchanged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// How amounts are read in words.
    #[serde(default)]
    pub words_style: WordsStyle,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

#[derive(Serialize)]
struct SettingsOut<'a> {
    schema: u32,
    settings: &'a Settings,
}

#[derive(Deserialize)]
struct SettingsIn {
    schema: u64,
    settings: Settings,
}

pub fn encode_settings(settings: &Settings) -> String {
    serde_json::to_string(&SettingsOut {
        schema: SCHEMA_VERSION,
        settings,
    })
    .expect("settings always serialise")
}

/// Reads the settings blob of any known schema.
///
/// # Errors
/// [`BlobProblem`] when the blob is damaged or of a newer schema.
pub fn decode_settings(text: &str) -> Result<Settings, BlobProblem> {
    decode::<SettingsIn>(BlobKind::Settings, text, |blob| blob.schema).map(|b| b.settings)
}

/// Reads a blob: straight into `T` when it is of the current schema (the fast path for
/// every load), otherwise through [`upgrade`], which also tells a newer schema from a
/// broken blob.
fn decode<T: serde::de::DeserializeOwned>(
    kind: BlobKind,
    text: &str,
    schema: impl Fn(&T) -> u64,
) -> Result<T, BlobProblem> {
    let direct = match serde_json::from_str::<T>(text) {
        Ok(blob) if schema(&blob) == u64::from(SCHEMA_VERSION) => return Ok(blob),
        other => other,
    };
    let (value, stored) = upgrade(kind, text)?;
    match direct {
        // A current blob of the wrong shape: the direct error knows the line and column.
        Err(error) if stored == u64::from(SCHEMA_VERSION) => Err(problem_of(&error)),
        _ => serde_json::from_value(value).map_err(|e| problem_of(&e)),
    }
}
