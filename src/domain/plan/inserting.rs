//! Inserting a run of rows made elsewhere (rows pasted from a spreadsheet or a document)
//! after a row, as one edit: the rows keep their order and their levels relative to each
//! other, and land where the outline lets them.

use std::sync::Arc;

use super::row::{check_structure, Item, Row, RowId};
use super::Plan;

impl Plan {
    /// Inserts `items` (each with its depth as in a plan of its own: areas 0, groups 1,
    /// tasks 1 or 2) after `anchor`: areas after the anchor's area; groups after the
    /// anchor's group or top task (right under an anchor area); tasks alone after the anchor
    /// row (its block), one level under an area or a group, beside a task. Without an
    /// anchor, at the end of the plan (in its last area). Returns the new rows' ids, in
    /// order; nothing changes (and no id is returned) when the rows would not fit the
    /// outline.
    pub fn insert_rows_after(
        &mut self,
        anchor: Option<RowId>,
        items: Vec<(u8, Item)>,
    ) -> Vec<RowId> {
        if items.is_empty() {
            return Vec::new();
        }
        let has_area = items.iter().any(|(_, i)| matches!(i, Item::Area { .. }));
        let has_group = items.iter().any(|(_, i)| matches!(i, Item::Group { .. }));
        let anchor_pos = anchor.and_then(|a| self.position(a)).or_else(|| {
            // No anchor: after the last row (in the last area).
            self.rows.len().checked_sub(1)
        });
        let (pos, shift): (usize, i16) = match anchor_pos {
            None => (0, 0),
            Some(at) if has_area => {
                let area = self.rows[..=at]
                    .iter()
                    .rposition(|r| r.depth == 0)
                    .unwrap_or(0);
                (self.block_end(area), 0)
            }
            Some(at) if has_group => {
                let depth = self.rows[at].depth;
                if depth == 0 {
                    (at + 1, 0)
                } else {
                    let top = self.rows[..=at]
                        .iter()
                        .rposition(|r| r.depth == 1)
                        .unwrap_or(at);
                    (self.block_end(top), 0)
                }
            }
            Some(at) => {
                let min = items.iter().map(|(d, _)| *d).min().unwrap_or(1) as i16;
                let anchor_row = &self.rows[at];
                let (pos, depth) = match anchor_row.item {
                    Item::Area { .. } | Item::Group { .. } => (at + 1, anchor_row.depth + 1),
                    Item::Task(_) if anchor_row.depth == 1 => (self.block_end(at), 1),
                    Item::Task(_) => (at + 1, 2),
                };
                (pos, depth as i16 - min)
            }
        };
        let mut rows: Vec<Arc<Row>> = Vec::with_capacity(self.rows.len() + items.len());
        rows.extend(self.rows[..pos].iter().cloned());
        let first_id = self.next_id;
        let mut ids = Vec::with_capacity(items.len());
        for (i, (depth, item)) in items.into_iter().enumerate() {
            let depth = match item {
                Item::Area { .. } => 0,
                Item::Group { .. } => 1,
                Item::Task(_) => (depth as i16 + shift).clamp(1, 2) as u8,
            };
            let id = first_id + i as RowId;
            ids.push(id);
            rows.push(Arc::new(Row { id, depth, item }));
        }
        rows.extend(self.rows[pos..].iter().cloned());
        let plain: Vec<Row> = rows.iter().map(|r| Row::clone(r)).collect();
        if check_structure(&plain).is_err() {
            return Vec::new();
        }
        self.next_id = first_id + ids.len() as RowId;
        self.rows = rows;
        self.reindex(pos..self.rows.len());
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::Task;

    fn task(text: &str) -> Item {
        Item::Task(Task {
            content: text.into(),
            ..Task::default()
        })
    }

    #[test]
    fn tasks_go_after_the_anchor_and_keep_their_levels() {
        let mut plan = Plan::new("p", "Huế", 2027);
        let area = plan.add_area_titled(None, "A".into());
        let t1 = plan.add_task_with(
            Some(area),
            Task {
                content: "t1".into(),
                ..Task::default()
            },
        );
        plan.add_task_with(
            Some(area),
            Task {
                content: "t2".into(),
                ..Task::default()
            },
        );
        let ids = plan.insert_rows_after(
            Some(t1),
            vec![(1, task("x")), (2, task("x.1")), (1, task("y"))],
        );
        assert_eq!(ids.len(), 3);
        let texts: Vec<&str> = plan.rows().iter().map(|r| r.text()).collect();
        assert_eq!(texts, ["A", "t1", "x", "x.1", "y", "t2"]);
        assert_eq!(plan.numbers(), ["I", "1", "2", "2.1", "3", "4"]);
        assert_eq!(plan.position(ids[2]), Some(4));
        // Under an area row: one level down.
        plan.insert_rows_after(Some(area), vec![(1, task("first"))]);
        assert_eq!(plan.rows()[1].text(), "first");
    }

    #[test]
    fn areas_go_after_the_anchor_area() {
        let mut plan = Plan::new("p", "Huế", 2027);
        let a = plan.add_area_titled(None, "A".into());
        let t = plan.add_task(Some(a));
        plan.add_area_titled(None, "B".into());
        plan.insert_rows_after(
            Some(t),
            vec![(0, Item::Area { title: "N".into() }), (1, task("n1"))],
        );
        let texts: Vec<&str> = plan.rows().iter().map(|r| r.text()).collect();
        assert_eq!(texts, ["A", "", "N", "n1", "B"]);
    }
}
