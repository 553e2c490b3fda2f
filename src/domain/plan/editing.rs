//! Changing a plan's outline: adding rows, editing them in place, deleting, duplicating,
//! moving blocks up and down and indenting. Every change keeps the outline valid.

use std::ops::Range;
use std::sync::Arc;

use super::row::{Item, Row, RowId, RowKind, Task};
use super::Plan;

impl Plan {
    // ----- building -----

    pub(super) fn fresh_id(&mut self) -> RowId {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn insert(&mut self, pos: usize, depth: u8, item: Item) -> RowId {
        let id = self.fresh_id();
        self.rows.insert(pos, Arc::new(Row { id, depth, item }));
        self.reindex(pos..self.rows.len());
        id
    }

    /// Records where rows `range` now are (they were added or moved).
    pub(super) fn reindex(&mut self, range: Range<usize>) {
        Arc::make_mut(&mut self.index).place(&self.rows, range);
    }

    /// One past the last row of the block that starts at `pos`.
    pub(super) fn block_end(&self, pos: usize) -> usize {
        let depth = self.rows[pos].depth;
        self.rows[pos + 1..]
            .iter()
            .position(|r| r.depth <= depth)
            .map_or(self.rows.len(), |n| pos + 1 + n)
    }

    /// Adds an empty area after the area that contains `context`, or at the end.
    pub fn add_area(&mut self, context: Option<RowId>) -> RowId {
        self.add_area_titled(context, String::new())
    }

    /// Adds an area with a title after the area that contains `context`, or at the end.
    pub fn add_area_titled(&mut self, context: Option<RowId>, title: String) -> RowId {
        let pos = match context
            .and_then(|c| self.area_of(c))
            .and_then(|a| self.position(a))
        {
            Some(area_pos) => self.block_end(area_pos),
            None => self.rows.len(),
        };
        self.insert(pos, 0, Item::Area { title })
    }

    /// The area to add into: the one containing `context`, else the last, else a new one.
    fn target_area(&mut self, context: Option<RowId>) -> usize {
        let area = context
            .and_then(|c| self.area_of(c))
            .or_else(|| self.rows.iter().rev().find(|r| r.depth == 0).map(|r| r.id));
        match area {
            Some(id) => self.position(id).expect("area is in the plan"),
            None => {
                let id = self.add_area(None);
                self.position(id).expect("new area")
            }
        }
    }

    /// Adds an empty group at the end of the area that contains `context`.
    pub fn add_group(&mut self, context: Option<RowId>) -> RowId {
        self.add_group_titled(context, String::new())
    }

    /// Adds a titled group at the end of the area that contains `context`.
    pub fn add_group_titled(&mut self, context: Option<RowId>, title: String) -> RowId {
        let area_pos = self.target_area(context);
        let pos = self.block_end(area_pos);
        self.insert(pos, 1, Item::Group { title })
    }

    /// Adds an empty task next to `context`: at the end of an area or group, or after a task
    /// (and its sub-tasks) at the same level. With no context, at the end of the last area.
    pub fn add_task(&mut self, context: Option<RowId>) -> RowId {
        self.add_task_with(context, Task::default())
    }

    /// Adds a task with content next to `context`, as [`Plan::add_task`] places it.
    pub fn add_task_with(&mut self, context: Option<RowId>, task: Task) -> RowId {
        match context.and_then(|c| self.position(c)) {
            Some(pos) => {
                let row = &self.rows[pos];
                let (depth, kind) = (row.depth, row.kind());
                let end = self.block_end(pos);
                let task_depth = match kind {
                    RowKind::Area => 1,
                    RowKind::Group => 2,
                    RowKind::Task => depth,
                };
                self.insert(end, task_depth, Item::Task(task))
            }
            None => {
                let area_pos = self.target_area(None);
                let end = self.block_end(area_pos);
                self.insert(end, 1, Item::Task(task))
            }
        }
    }

    // ----- editing -----

    /// Sets the title of an area or group. Returns whether anything changed.
    pub fn set_title(&mut self, id: RowId, title: &str) -> bool {
        let Some(pos) = self.position(id) else {
            return false;
        };
        let row = Arc::make_mut(&mut self.rows[pos]);
        match &mut row.item {
            Item::Area { title: t } | Item::Group { title: t } if t != title => {
                *t = title.to_string();
                true
            }
            _ => false,
        }
    }

    /// Changes a task in place. Returns whether anything changed.
    pub fn update_task(&mut self, id: RowId, change: impl FnOnce(&mut Task)) -> bool {
        let Some(pos) = self.position(id) else {
            return false;
        };
        let Item::Task(task) = &self.rows[pos].item else {
            return false;
        };
        let mut edited = task.clone();
        change(&mut edited);
        if &edited == task {
            return false;
        }
        Arc::make_mut(&mut self.rows[pos]).item = Item::Task(edited);
        true
    }

    /// Deletes a row and everything under it. Returns whether anything changed.
    pub fn delete(&mut self, id: RowId) -> bool {
        let Some(pos) = self.position(id) else {
            return false;
        };
        let end = self.block_end(pos);
        let index = Arc::make_mut(&mut self.index);
        index.forget(self.rows.drain(pos..end).map(|row| row.id));
        self.reindex(pos..self.rows.len());
        true
    }

    /// Copies a row and everything under it, right below; returns the copy's id.
    pub fn duplicate(&mut self, id: RowId) -> Option<RowId> {
        let pos = self.position(id)?;
        let end = self.block_end(pos);
        let mut copies: Vec<Arc<Row>> = Vec::with_capacity(end - pos);
        for i in pos..end {
            let mut row = Row::clone(&self.rows[i]);
            row.id = self.fresh_id();
            copies.push(Arc::new(row));
        }
        let first = copies[0].id;
        self.rows.splice(end..end, copies);
        self.reindex(end..self.rows.len());
        Some(first)
    }

    /// Whether a block of depth `depth` may start at `pos` (rows before it unchanged).
    fn may_start_at(&self, pos: usize, depth: u8) -> bool {
        match depth {
            0 => true,
            d => pos > 0 && self.rows[pos - 1].depth + 1 >= d,
        }
    }

    /// Moves a block so that it starts at `to` in the list without it.
    fn relocate(&mut self, pos: usize, end: usize, to: usize) {
        let block: Vec<Arc<Row>> = self.rows.drain(pos..end).collect();
        let len = block.len();
        self.rows.splice(to..to, block);
        self.reindex(pos.min(to)..end.max(to + len));
    }

    /// Moves a row (with what is under it) above its previous sibling, or to the end of the
    /// previous area or group when it is first in its own. Returns whether it moved.
    pub fn move_up(&mut self, id: RowId) -> bool {
        let Some(pos) = self.position(id) else {
            return false;
        };
        let depth = self.rows[pos].depth;
        let end = self.block_end(pos);
        let Some(prev) = self.rows[..pos].iter().rposition(|r| r.depth <= depth) else {
            return false;
        };
        if self.rows[prev].depth == depth {
            self.relocate(pos, end, prev);
            return true;
        }
        // `prev` is the parent: go to the end of the parent's previous sibling.
        if self.may_start_at(prev, depth) {
            self.relocate(pos, end, prev);
            return true;
        }
        false
    }

    /// Moves a row (with what is under it) below its next sibling, or to the start of the
    /// next area or group when it is last in its own. Returns whether it moved.
    pub fn move_down(&mut self, id: RowId) -> bool {
        let Some(pos) = self.position(id) else {
            return false;
        };
        let depth = self.rows[pos].depth;
        let end = self.block_end(pos);
        if end >= self.rows.len() {
            return false;
        }
        let next_depth = self.rows[end].depth;
        if next_depth == depth {
            let next_end = self.block_end(end);
            let len = end - pos;
            self.relocate(pos, end, next_end - len);
            return true;
        }
        // The next row is a parent-level row: become its first child.
        if next_depth + 1 == depth {
            self.relocate(pos, end, end + 1 - (end - pos));
            return true;
        }
        false
    }

    /// Makes a task a sub-task of the row above it (a group or task in the same area).
    pub fn indent(&mut self, id: RowId) -> bool {
        let Some(pos) = self.position(id) else {
            return false;
        };
        let row = &self.rows[pos];
        if row.kind() != RowKind::Task || row.depth != 1 || self.block_end(pos) != pos + 1 {
            return false;
        }
        if pos == 0 || self.rows[pos - 1].depth < 1 {
            return false;
        }
        Arc::make_mut(&mut self.rows[pos]).depth = 2;
        true
    }

    /// Makes a sub-task a task of its area, placed after the group or task it was under.
    pub fn outdent(&mut self, id: RowId) -> bool {
        let Some(pos) = self.position(id) else {
            return false;
        };
        if self.rows[pos].depth != 2 {
            return false;
        }
        let parent = self.rows[..pos]
            .iter()
            .rposition(|r| r.depth < 2)
            .expect("valid outline");
        let parent_end = self.block_end(parent);
        Arc::make_mut(&mut self.rows[pos]).depth = 1;
        self.relocate(pos, pos + 1, parent_end - 1);
        true
    }
}
