//! Undo and redo for the plan editor.
//!
//! [`Editor`] owns the open plan and its history. Every change goes through
//! [`Editor::edit`], which keeps the plan as it was before (cheap: rows are shared) and
//! merges consecutive keystrokes in one field into one step.
//!
//! ```
//! use cchc_plan::domain::history::Editor;
//! use cchc_plan::domain::plan::Plan;
//! let mut editor = Editor::new(Plan::new("p", "Hưng Yên", 2027));
//! editor.edit(None, |plan| { plan.add_area(None); true });
//! assert_eq!(editor.plan().len(), 1);
//! assert!(editor.undo());
//! assert!(editor.plan().is_empty());
//! assert!(editor.redo());
//! assert_eq!(editor.plan().len(), 1);
//! ```

use std::collections::VecDeque;

use super::{Plan, RowId, RowKind};

/// How many steps can be undone.
pub const UNDO_LIMIT: usize = 200;

/// The field a keystroke goes to; consecutive edits with the same key are one undo step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EditKey {
    Row(RowId, Field),
    Header(HeaderField),
    /// A section of the plan document ("Văn bản kế hoạch").
    Document(crate::domain::document_sections::Section),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Content,
    Product,
    Lead,
    Partners,
    Deadline,
    Budget,
    Note,
    /// The task's progress: what was produced ("Kết quả thực hiện").
    Result,
    /// The task's progress: the value reached ("Giá trị đạt").
    Reached,
    /// The task's progress: why it is not done.
    Reason,
}

impl Field {
    /// Whether a row of this kind has the field: a title for areas and groups, the task
    /// fields for tasks.
    ///
    /// ```
    /// use cchc_plan::domain::history::Field;
    /// use cchc_plan::domain::plan::RowKind;
    /// assert!(Field::Title.fits(RowKind::Group));
    /// assert!(!Field::Content.fits(RowKind::Area));
    /// ```
    pub fn fits(self, kind: RowKind) -> bool {
        match self {
            Field::Title => kind != RowKind::Task,
            _ => kind == RowKind::Task,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeaderField {
    Province,
    Year,
    Title,
    DocumentNumber,
    DocumentDate,
}

/// The open plan with its undo and redo stacks.
#[derive(Clone, Debug)]
pub struct Editor {
    plan: Plan,
    /// Oldest first: the oldest step leaves from the front when the limit is reached.
    undo: VecDeque<Plan>,
    redo: Vec<Plan>,
    /// The key of the last edit, while typing in that field continues.
    open_key: Option<EditKey>,
}

impl PartialEq for Editor {
    fn eq(&self, other: &Editor) -> bool {
        self.plan == other.plan
            && self.undo.len() == other.undo.len()
            && self.redo.len() == other.redo.len()
    }
}

impl Editor {
    pub fn new(plan: Plan) -> Editor {
        Editor {
            plan,
            undo: VecDeque::with_capacity(UNDO_LIMIT + 1),
            redo: Vec::new(),
            open_key: None,
        }
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Applies a change; `change` returns whether it changed anything. With a key equal to
    /// the previous edit's, the change joins that undo step (typing in one field).
    pub fn edit<F: FnOnce(&mut Plan) -> bool>(&mut self, key: Option<EditKey>, change: F) -> bool {
        let joins = key.is_some() && key == self.open_key;
        let before = (!joins).then(|| self.plan.clone());
        if !change(&mut self.plan) {
            return false;
        }
        if let Some(before) = before {
            self.undo.push_back(before);
            if self.undo.len() > UNDO_LIMIT {
                self.undo.pop_front();
            }
        }
        self.redo.clear();
        self.open_key = key;
        true
    }

    /// Ends the current typing step, so the next keystroke starts a new one.
    pub fn seal(&mut self) {
        self.open_key = None;
    }

    /// Replaces the plan outright (opening another plan): the history starts afresh.
    pub fn replace(&mut self, plan: Plan) {
        *self = Editor::new(plan);
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self) -> bool {
        let Some(previous) = self.undo.pop_back() else {
            return false;
        };
        self.redo.push(std::mem::replace(&mut self.plan, previous));
        self.open_key = None;
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(next) = self.redo.pop() else {
            return false;
        };
        self.undo.push_back(std::mem::replace(&mut self.plan, next));
        self.open_key = None;
        true
    }
}

/// Where the keyboard focus belongs after an undo or redo took the plan from `before` to
/// `after`, when the step changed the table's outline (rows added, removed, moved, indented);
/// none when the outline is the same (a text edit: the focus stays where it is).
///
/// Rows that came back: the first of them. Rows that went: the row now in the first one's
/// place (or the last row). Rows moved or indented: `current` (the row the drafter was on)
/// when it is among them, else the first row whose place or depth changed.
///
/// ```
/// use cchc_plan::domain::history::{focus_after_step, Editor};
/// use cchc_plan::domain::plan::Plan;
/// let mut editor = Editor::new(Plan::new("p", "Hưng Yên", 2027));
/// let mut ids = Vec::new();
/// for _ in 0..3 {
///     editor.edit(None, |p| { ids.push(p.add_task(None)); true });
/// }
/// let before = editor.plan().clone();
/// editor.undo(); // the third task goes: the focus goes to the row above
/// assert_eq!(focus_after_step(&before, editor.plan(), None), Some(ids[1]));
/// let before = editor.plan().clone();
/// editor.redo(); // it comes back: the focus goes to it
/// assert_eq!(focus_after_step(&before, editor.plan(), None), Some(ids[2]));
/// ```
pub fn focus_after_step(before: &Plan, after: &Plan, current: Option<RowId>) -> Option<RowId> {
    let (old, new) = (before.outline(), after.outline());
    if old == new {
        return None;
    }
    let first = old
        .iter()
        .zip(&new)
        .position(|(a, b)| a != b)
        .unwrap_or(old.len().min(new.len()));
    if let Some(back) = new[first..]
        .iter()
        .find(|(id, ..)| before.position(*id).is_none())
    {
        return Some(back.0);
    }
    let gone = old.iter().any(|(id, ..)| after.position(*id).is_none());
    if !gone {
        if let Some(current) = current {
            let moved = |id: RowId| {
                let (a, b) = (before.position(id), after.position(id));
                let depth = |plan: &Plan, pos: Option<usize>| pos.map(|p| plan.rows()[p].depth);
                a != b || depth(before, a) != depth(after, b)
            };
            if after.position(current).is_some() && moved(current) {
                return Some(current);
            }
        }
    }
    new.get(first).or(new.last()).map(|r| r.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editor_with_task() -> (Editor, RowId) {
        let mut editor = Editor::new(Plan::new("p", "Hưng Yên", 2027));
        let mut id = 0;
        editor.edit(None, |p| {
            id = p.add_task(None);
            true
        });
        (editor, id)
    }

    #[test]
    fn focus_after_undoing_a_move_an_indent_a_delete_and_typing() {
        let mut editor = Editor::new(Plan::new("p", "Hưng Yên", 2027));
        let mut ids = Vec::new();
        for _ in 0..3 {
            editor.edit(None, |p| {
                ids.push(p.add_task(None));
                true
            });
        }
        let (a, b, c) = (ids[0], ids[1], ids[2]);
        // Moving c up, then undoing with c chosen: c has the focus, not b (also moved).
        editor.edit(None, |p| p.move_up(c));
        let before = editor.plan().clone();
        editor.undo();
        assert_eq!(focus_after_step(&before, editor.plan(), Some(c)), Some(c));
        assert_eq!(focus_after_step(&before, editor.plan(), None), Some(b));
        // Indenting b under a and undoing: b.
        editor.edit(None, |p| p.indent(b));
        let before = editor.plan().clone();
        editor.undo();
        assert_eq!(focus_after_step(&before, editor.plan(), Some(b)), Some(b));
        // Undoing a delete of the first row brings it back: a.
        editor.edit(None, |p| p.delete(a));
        let before = editor.plan().clone();
        editor.undo();
        assert_eq!(focus_after_step(&before, editor.plan(), None), Some(a));
        // Redoing it: the row now in its place, b.
        let before = editor.plan().clone();
        editor.redo();
        assert_eq!(focus_after_step(&before, editor.plan(), Some(a)), Some(b));
        // Typing is not structural: the focus stays where it is.
        editor.edit(Some(EditKey::Row(b, Field::Content)), |p| {
            p.update_task(b, |t| t.content = "x".into())
        });
        let before = editor.plan().clone();
        editor.undo();
        assert_eq!(focus_after_step(&before, editor.plan(), Some(b)), None);
    }

    #[test]
    fn typing_in_one_field_is_one_step() {
        let (mut editor, id) = editor_with_task();
        let key = Some(EditKey::Row(id, Field::Content));
        for text in ["K", "Ki", "Kiể", "Kiểm"] {
            editor.edit(key, |p| p.update_task(id, |t| t.content = text.into()));
        }
        editor.edit(Some(EditKey::Row(id, Field::Product)), |p| {
            p.update_task(id, |t| t.product = "B".into())
        });
        assert!(editor.undo());
        assert_eq!(editor.plan().row(id).unwrap().text(), "Kiểm");
        assert!(editor.undo());
        assert_eq!(editor.plan().row(id).unwrap().text(), "");
        assert!(editor.redo());
        assert_eq!(editor.plan().row(id).unwrap().text(), "Kiểm");
    }

    #[test]
    fn sealing_starts_a_new_step() {
        let (mut editor, id) = editor_with_task();
        let key = Some(EditKey::Row(id, Field::Content));
        editor.edit(key, |p| p.update_task(id, |t| t.content = "a".into()));
        editor.seal();
        editor.edit(key, |p| p.update_task(id, |t| t.content = "ab".into()));
        assert!(editor.undo());
        assert_eq!(editor.plan().row(id).unwrap().text(), "a");
    }

    #[test]
    fn no_change_no_step_and_new_edit_clears_redo() {
        let (mut editor, id) = editor_with_task();
        assert!(!editor.edit(None, |p| p.indent(id)));
        assert!(editor.undo());
        assert!(!editor.undo());
        assert!(editor.can_redo());
        editor.edit(None, |p| {
            p.add_area(None);
            true
        });
        assert!(!editor.can_redo());
    }

    #[test]
    fn keeps_at_least_a_hundred_steps() {
        let (mut editor, id) = editor_with_task();
        for i in 0..150 {
            editor.edit(None, |p| p.update_task(id, |t| t.content = i.to_string()));
        }
        let mut steps = 0;
        while editor.undo() {
            steps += 1;
        }
        assert_eq!(steps, 151);
        assert!(editor.plan().is_empty());
    }

    #[test]
    fn drops_the_oldest_step_past_the_limit() {
        let (mut editor, id) = editor_with_task();
        for i in 0..UNDO_LIMIT + 50 {
            editor.edit(None, |p| p.update_task(id, |t| t.content = i.to_string()));
        }
        let mut steps = 0;
        while editor.undo() {
            steps += 1;
        }
        assert_eq!(steps, UNDO_LIMIT);
        // The oldest kept state is the one 200 steps back: content "49".
        assert_eq!(editor.plan().row(id).unwrap().text(), "49");
        while editor.redo() {}
        assert_eq!(
            editor.plan().row(id).unwrap().text(),
            (UNDO_LIMIT + 49).to_string()
        );
    }
}
