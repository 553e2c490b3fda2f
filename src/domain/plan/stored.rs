//! Rows and plans as files carry them (serde), written and read by hand where that is
//! twice as fast as derived code; a plan is checked
//! ([`super::check_structure`]) on the way in.

use serde::{Deserialize, Serialize};

use super::row::{Item, Row, RowId, StructureError, Task};
use super::{Plan, PlanData};
use crate::domain::money::Money;
use crate::domain::progress::Progress;

impl Serialize for Row {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (kind, fields) = match &self.item {
            Item::Area { .. } => ("area", 4),
            Item::Group { .. } => ("group", 4),
            Item::Task(task) => (
                "task",
                11 + usize::from(!task.progress.is_empty())
                    + usize::from(!task.criteria.is_empty()),
            ),
        };
        let mut out = serializer.serialize_struct("Row", fields)?;
        out.serialize_field("id", &self.id)?;
        out.serialize_field("depth", &self.depth)?;
        out.serialize_field("kind", kind)?;
        match &self.item {
            Item::Area { title } | Item::Group { title } => out.serialize_field("title", title)?,
            Item::Task(task) => {
                out.serialize_field("content", &task.content)?;
                out.serialize_field("product", &task.product)?;
                out.serialize_field("lead", &task.lead)?;
                out.serialize_field("partners", &task.partners)?;
                out.serialize_field("deadline", &task.deadline)?;
                out.serialize_field("budget", &task.budget)?;
                out.serialize_field("note", &task.note)?;
                out.serialize_field("template", &task.template)?;
                // Left out until something is recorded: files of plans without progress stay
                // as they were.
                if task.progress.is_empty() {
                    out.skip_field("progress")?;
                } else {
                    out.serialize_field("progress", &task.progress)?;
                }
                // Likewise the PAR INDEX tags: plans that tag nothing are written as before.
                if task.criteria.is_empty() {
                    out.skip_field("criteria")?;
                } else {
                    out.serialize_field("criteria", &task.criteria)?;
                }
            }
        }
        out.end()
    }
}

/// The kinds of row, as stored.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindIn {
    Area,
    Group,
    Task,
}

/// A stored row as read: every field a row of any kind may have. Fields of other kinds
/// are read and dropped; a heading without `title` is refused.
#[derive(Deserialize)]
pub(super) struct RowIn {
    id: RowId,
    depth: u8,
    kind: KindIn,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    content: String,
    #[serde(default)]
    product: String,
    #[serde(default)]
    lead: Vec<String>,
    #[serde(default)]
    partners: Vec<String>,
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    budget: Option<Money>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    template: Option<String>,
    #[serde(default)]
    progress: Progress,
    #[serde(default)]
    criteria: Vec<String>,
}

impl TryFrom<RowIn> for Row {
    type Error = &'static str;

    fn try_from(row: RowIn) -> Result<Row, &'static str> {
        let heading = |title: Option<String>| title.ok_or("missing field `title`");
        let item = match row.kind {
            KindIn::Area => Item::Area {
                title: heading(row.title)?,
            },
            KindIn::Group => Item::Group {
                title: heading(row.title)?,
            },
            KindIn::Task => Item::Task(Task {
                content: row.content,
                product: row.product,
                lead: row.lead,
                partners: row.partners,
                deadline: row.deadline,
                budget: row.budget,
                note: row.note,
                template: row.template,
                progress: row.progress,
                criteria: row.criteria,
            }),
        };
        Ok(Row {
            id: row.id,
            depth: row.depth,
            item,
        })
    }
}

impl TryFrom<PlanData> for Plan {
    type Error = StructureError;
    fn try_from(data: PlanData) -> Result<Plan, StructureError> {
        let mut plan = Plan::new(data.id, data.province, data.year);
        plan.title = data.title;
        plan.document_number = data.document_number;
        plan.document_date = data.document_date;
        plan.document = data.document;
        plan.replace_rows(data.rows)?;
        Ok(plan)
    }
}

impl Serialize for Plan {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // The fields of PlanData, in its order.
        let mut out = serializer.serialize_struct("PlanData", 8)?;
        out.serialize_field("id", &self.id)?;
        out.serialize_field("province", &self.province)?;
        out.serialize_field("year", &self.year)?;
        out.serialize_field("title", &self.title)?;
        out.serialize_field("document_number", &self.document_number)?;
        out.serialize_field("document_date", &self.document_date)?;
        // Written only once a section was edited: plans without it stay as they were.
        if self.document.is_empty() {
            out.skip_field("document")?;
        } else {
            out.serialize_field("document", &self.document)?;
        }
        out.serialize_field("rows", &self.rows)?;
        out.end()
    }
}

impl From<Plan> for PlanData {
    fn from(plan: Plan) -> PlanData {
        PlanData {
            rows: plan.rows.iter().map(|r| Row::clone(r)).collect(),
            id: plan.id,
            province: plan.province,
            year: plan.year,
            title: plan.title,
            document_number: plan.document_number,
            document_date: plan.document_date,
            document: plan.document,
        }
    }
}
