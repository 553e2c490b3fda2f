//! What a key press does in the plan editor, as a spreadsheet user expects (Excel's keys),
//! and which row gets the focus back after a structural undo or redo.
//!
//! Plain decisions only: the UI reads the key and where the focus is, asks [`key_action`],
//! and carries the answer out. Nothing here touches the page.

use super::plan::{RowId, RowKind};

/// A key press: the `KeyboardEvent.key` value and its modifiers (Ctrl or ⌘ as `ctrl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyPress<'a> {
    pub key: &'a str,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl<'a> KeyPress<'a> {
    /// A key with no modifier.
    pub fn plain(key: &'a str) -> KeyPress<'a> {
        KeyPress {
            key,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }
}

/// Where the keyboard focus is when a key is pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// A field in a cell of the plan table. `multiline` cells take a new line (textareas);
    /// `first_line` / `last_line` say whether the caret is on the first / last line of the
    /// text (always true in a one-line field).
    Cell {
        multiline: bool,
        first_line: bool,
        last_line: bool,
    },
    /// A field of the plan outside the table (the plan's name, year…): part of the plan's
    /// history, but arrows and Enter keep their usual meaning.
    PlanField,
    /// A text field that is not the plan (the library search, a form): its own undo.
    OtherField,
    /// Anything else of the app: a button, a row, the page itself.
    Page,
}

/// What the editor does with a key press.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAction {
    /// Nothing: the browser handles the key as usual (typing, the field's own undo).
    Pass,
    /// The browser must not act (leave the page, open a dialog), and the editor does nothing.
    Swallow,
    Undo,
    Redo,
    /// Moves the focus to the same column of the row above / below.
    FocusUp,
    FocusDown,
    /// Enter: ends the cell's edit and moves the focus down one row.
    CommitDown,
    /// Alt+Enter: a new line inside the cell (Shift+Enter does it natively).
    NewLine,
    /// Adds a task below the current row ([`ADD_TASK_SHORTCUT`]).
    AddTask,
    MoveRowUp,
    MoveRowDown,
    Indent,
    Outdent,
    Duplicate,
    DeleteRow,
}

/// The shortcut that adds a task below the current row, as shown in the button's title.
pub const ADD_TASK_SHORTCUT: &str = "Ctrl+Enter";

/// What `press` does with the focus at `focus`.
///
/// ```
/// use cchc_plan::domain::editor_keys::{key_action, Focus, KeyAction, KeyPress};
/// let cell = Focus::Cell { multiline: true, first_line: true, last_line: true };
/// assert_eq!(key_action(KeyPress::plain("ArrowDown"), cell), KeyAction::FocusDown);
/// let undo = KeyPress { key: "z", ctrl: true, alt: false, shift: false };
/// assert_eq!(key_action(undo, Focus::OtherField), KeyAction::Pass);
/// ```
pub fn key_action(press: KeyPress<'_>, focus: Focus) -> KeyAction {
    let KeyPress {
        key,
        ctrl,
        alt,
        shift,
    } = press;
    let in_plan = !matches!(focus, Focus::OtherField);
    match (ctrl, alt, shift, key) {
        // Undo and redo: the plan's history in the plan, the field's own elsewhere.
        (true, false, false, "z" | "Z") if in_plan => KeyAction::Undo,
        (true, false, true, "z" | "Z") | (true, false, _, "y" | "Y") if in_plan => KeyAction::Redo,
        (true, false, false, "Enter") if in_plan => KeyAction::AddTask,
        // Row actions on the current row. Ctrl+D (bookmark) and Alt+←/→ (history) are never
        // left to the browser, even when no row is current.
        (false, true, false, "ArrowUp") => KeyAction::MoveRowUp,
        (false, true, false, "ArrowDown") => KeyAction::MoveRowDown,
        (false, true, false, "ArrowRight") => KeyAction::Indent,
        (false, true, false, "ArrowLeft") => KeyAction::Outdent,
        (false, true, false, "Delete") => KeyAction::DeleteRow,
        (true, false, false, "d" | "D") => KeyAction::Duplicate,
        (true, false, true, "d" | "D") | (false, true, _, "ArrowLeft" | "ArrowRight") => {
            KeyAction::Swallow
        }
        _ => match focus {
            Focus::Cell {
                multiline,
                first_line,
                last_line,
            } => cell_key(key, ctrl, alt, shift, multiline, first_line, last_line),
            _ => KeyAction::Pass,
        },
    }
}

/// Keys inside a table cell: arrows and Enter move between rows, as in a spreadsheet.
fn cell_key(
    key: &str,
    ctrl: bool,
    alt: bool,
    shift: bool,
    multiline: bool,
    first_line: bool,
    last_line: bool,
) -> KeyAction {
    if ctrl {
        return KeyAction::Pass;
    }
    match (alt, shift, key) {
        // Inside a cell of several lines the arrows first move through its lines.
        (false, false, "ArrowUp") if first_line => KeyAction::FocusUp,
        (false, false, "ArrowDown") if last_line => KeyAction::FocusDown,
        (false, false, "Enter") => KeyAction::CommitDown,
        (true, false, "Enter") if multiline => KeyAction::NewLine,
        (true, false, "Enter") => KeyAction::Swallow,
        // Shift+Enter: the textarea breaks the line itself; a one-line field has none.
        (false, true, "Enter") if !multiline => KeyAction::Swallow,
        _ => KeyAction::Pass,
    }
}

/// The row to give the focus to after an undo or redo changed the outline from `before` to
/// `after` (rows as `(id, depth, kind)` in table order); `current` is the row the drafter
/// was on. `None` when the outline did not change (a text was undone) or is empty.
///
/// A row that came back (a delete undone) wins; else the row now where a row disappeared (an
/// add undone); else, for a move or an indent, the current row if it moved, or the first row
/// that did.
///
/// ```
/// use cchc_plan::domain::editor_keys::affected_row;
/// use cchc_plan::domain::plan::RowKind::Task;
/// // Undoing the delete of row 2 gives the focus to row 2.
/// assert_eq!(affected_row(&[(1, 0, Task), (3, 0, Task)], &[(1, 0, Task), (2, 0, Task), (3, 0, Task)], None), Some(2));
/// ```
pub fn affected_row(
    before: &[(RowId, u8, RowKind)],
    after: &[(RowId, u8, RowKind)],
    current: Option<RowId>,
) -> Option<RowId> {
    if before == after {
        return None;
    }
    let has = |rows: &[(RowId, u8, RowKind)], id: RowId| rows.iter().any(|r| r.0 == id);
    if let Some(back) = after.iter().find(|r| !has(before, r.0)) {
        return Some(back.0);
    }
    if let Some(gone) = before.iter().position(|r| !has(after, r.0)) {
        // The rows before it are all still there: the row now at its place, or the last.
        let kept_before = before[..gone].iter().filter(|r| has(after, r.0)).count();
        return after.get(kept_before).or(after.last()).map(|r| r.0);
    }
    let first = before.iter().zip(after).position(|(b, a)| b != a)?;
    let last = after.len()
        - before
            .iter()
            .rev()
            .zip(after.iter().rev())
            .position(|(b, a)| b != a)?;
    let changed = &after[first..last];
    current
        .filter(|id| {
            changed.iter().any(|r| r.0 == *id)
                && before.iter().position(|r| r.0 == *id) != after.iter().position(|r| r.0 == *id)
                || depth_of(before, *id) != depth_of(after, *id)
        })
        .or_else(|| changed.first().map(|r| r.0))
}

fn depth_of(rows: &[(RowId, u8, RowKind)], id: RowId) -> Option<u8> {
    rows.iter().find(|r| r.0 == id).map(|r| r.1)
}

#[cfg(test)]
mod tests;
