use super::*;
use crate::domain::plan::RowKind::{Area, Task};

fn ctrl(key: &str) -> KeyPress<'_> {
    KeyPress {
        key,
        ctrl: true,
        alt: false,
        shift: false,
    }
}

fn alt(key: &str) -> KeyPress<'_> {
    KeyPress {
        key,
        ctrl: false,
        alt: true,
        shift: false,
    }
}

fn shift(key: &str) -> KeyPress<'_> {
    KeyPress {
        key,
        ctrl: false,
        alt: false,
        shift: true,
    }
}

const ONE_LINE: Focus = Focus::Cell {
    multiline: true,
    first_line: true,
    last_line: true,
};

#[test]
fn undo_and_redo_act_on_the_plan_only_from_the_plan() {
    for focus in [ONE_LINE, Focus::PlanField, Focus::Page] {
        assert_eq!(key_action(ctrl("z"), focus), KeyAction::Undo);
        assert_eq!(key_action(ctrl("y"), focus), KeyAction::Redo);
        let ctrl_shift_z = KeyPress {
            shift: true,
            ..ctrl("Z")
        };
        assert_eq!(key_action(ctrl_shift_z, focus), KeyAction::Redo);
    }
    // In the library search the field undoes its own text.
    assert_eq!(key_action(ctrl("z"), Focus::OtherField), KeyAction::Pass);
    assert_eq!(key_action(ctrl("y"), Focus::OtherField), KeyAction::Pass);
}

#[test]
fn arrows_move_between_rows_unless_inside_a_cell_of_several_lines() {
    assert_eq!(
        key_action(KeyPress::plain("ArrowUp"), ONE_LINE),
        KeyAction::FocusUp
    );
    assert_eq!(
        key_action(KeyPress::plain("ArrowDown"), ONE_LINE),
        KeyAction::FocusDown
    );
    let middle = Focus::Cell {
        multiline: true,
        first_line: false,
        last_line: false,
    };
    assert_eq!(
        key_action(KeyPress::plain("ArrowUp"), middle),
        KeyAction::Pass
    );
    assert_eq!(
        key_action(KeyPress::plain("ArrowDown"), middle),
        KeyAction::Pass
    );
    // Outside the table the arrows are the page's.
    assert_eq!(
        key_action(KeyPress::plain("ArrowDown"), Focus::OtherField),
        KeyAction::Pass
    );
    assert_eq!(
        key_action(KeyPress::plain("ArrowDown"), Focus::Page),
        KeyAction::Pass
    );
}

#[test]
fn enter_commits_and_moves_down_alt_or_shift_enter_breaks_the_line() {
    assert_eq!(
        key_action(KeyPress::plain("Enter"), ONE_LINE),
        KeyAction::CommitDown
    );
    assert_eq!(key_action(alt("Enter"), ONE_LINE), KeyAction::NewLine);
    assert_eq!(key_action(shift("Enter"), ONE_LINE), KeyAction::Pass);
    let budget = Focus::Cell {
        multiline: false,
        first_line: true,
        last_line: true,
    };
    assert_eq!(key_action(alt("Enter"), budget), KeyAction::Swallow);
    assert_eq!(key_action(shift("Enter"), budget), KeyAction::Swallow);
    // Enter in a form outside the table submits it as usual.
    assert_eq!(
        key_action(KeyPress::plain("Enter"), Focus::OtherField),
        KeyAction::Pass
    );
}

#[test]
fn the_add_task_shortcut_is_the_one_the_button_shows() {
    assert_eq!(ADD_TASK_SHORTCUT, "Ctrl+Enter");
    assert_eq!(key_action(ctrl("Enter"), ONE_LINE), KeyAction::AddTask);
    assert_eq!(key_action(ctrl("Enter"), Focus::Page), KeyAction::AddTask);
    // A form of its own (the library's template editor) keeps Ctrl+Enter.
    assert_eq!(
        key_action(ctrl("Enter"), Focus::OtherField),
        KeyAction::Pass
    );
}

#[test]
fn browser_shortcuts_never_reach_the_browser() {
    for focus in [ONE_LINE, Focus::PlanField, Focus::OtherField, Focus::Page] {
        assert_eq!(key_action(alt("ArrowLeft"), focus), KeyAction::Outdent);
        assert_eq!(key_action(alt("ArrowRight"), focus), KeyAction::Indent);
        assert_eq!(key_action(ctrl("d"), focus), KeyAction::Duplicate);
        let alt_shift_left = KeyPress {
            shift: true,
            ..alt("ArrowLeft")
        };
        assert_eq!(key_action(alt_shift_left, focus), KeyAction::Swallow);
        let ctrl_shift_d = KeyPress {
            shift: true,
            ..ctrl("D")
        };
        assert_eq!(key_action(ctrl_shift_d, focus), KeyAction::Swallow);
    }
}

#[test]
fn typing_is_left_alone() {
    for key in ["a", "ă", " ", "Tab", "Backspace", "ArrowLeft", "Home"] {
        assert_eq!(
            key_action(KeyPress::plain(key), ONE_LINE),
            KeyAction::Pass,
            "{key}"
        );
    }
    assert_eq!(key_action(shift("Tab"), ONE_LINE), KeyAction::Pass);
}

#[test]
fn an_undone_delete_gives_the_focus_to_the_row_that_came_back() {
    let before = [(1, 0, Area), (3, 1, Task)];
    let after = [(1, 0, Area), (2, 1, Task), (3, 1, Task)];
    assert_eq!(affected_row(&before, &after, Some(3)), Some(2));
}

#[test]
fn an_undone_add_gives_the_focus_to_the_row_in_its_place() {
    let before = [(1, 0, Area), (2, 1, Task), (4, 1, Task), (3, 1, Task)];
    let after = [(1, 0, Area), (2, 1, Task), (3, 1, Task)];
    assert_eq!(affected_row(&before, &after, Some(4)), Some(3));
    // The last row added and undone: the row above takes the focus.
    let before = [(1, 0, Area), (2, 1, Task)];
    let after = [(1, 0, Area)];
    assert_eq!(affected_row(&before, &after, Some(2)), Some(1));
    assert_eq!(affected_row(&[(1, 0, Area)], &[], Some(1)), None);
}

#[test]
fn an_undone_move_follows_the_moved_row() {
    // Row 3 was moved up above row 2; undoing puts it back and keeps it focused.
    let before = [(1, 0, Area), (3, 1, Task), (2, 1, Task)];
    let after = [(1, 0, Area), (2, 1, Task), (3, 1, Task)];
    assert_eq!(affected_row(&before, &after, Some(3)), Some(3));
    // Focus elsewhere: the first row that moved.
    assert_eq!(affected_row(&before, &after, Some(1)), Some(2));
}

#[test]
fn an_undone_indent_follows_the_indented_row() {
    let before = [(1, 0, Area), (2, 1, Task), (3, 2, Task)];
    let after = [(1, 0, Area), (2, 1, Task), (3, 1, Task)];
    assert_eq!(affected_row(&before, &after, None), Some(3));
    assert_eq!(affected_row(&before, &after, Some(3)), Some(3));
}

#[test]
fn an_undone_text_edit_moves_no_focus() {
    let rows = [(1, 0, Area), (2, 1, Task)];
    assert_eq!(affected_row(&rows, &rows, Some(2)), None);
}
