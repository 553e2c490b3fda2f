//! The page's keyboard: Excel's keys in the table, undo and redo of the plan, row actions.
//!
//! What a key does is decided by [`crate::domain::editor_keys`]; this module only tells it
//! where the focus is and carries the answer out (moving the focus, breaking a line).

use std::cell::Cell;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

use super::toolbar::{self, RowAction};
use super::EditorState;
use crate::domain::editor_keys::{key_action, Focus, KeyAction, KeyPress};

thread_local! {
    /// The column the drafter moves up and down in, kept while passing through the title of
    /// an area or a group (which spans several columns).
    static WANTED_COLUMN: Cell<Option<usize>> = const { Cell::new(None) };
}

/// Installs the page's key handler; fields that use a key themselves (a suggestion list
/// open) mark the event handled first, and it is left to them.
pub fn install(state: EditorState) {
    let handle = window_event_listener(ev::keydown, move |event| {
        if event.default_prevented() || event.is_composing() {
            return;
        }
        let key = event.key();
        let press = KeyPress {
            key: &key,
            ctrl: event.ctrl_key() || event.meta_key(),
            alt: event.alt_key(),
            shift: event.shift_key(),
        };
        let active = document().active_element();
        let action = key_action(press, focus_of(active.as_ref()));
        if act(state, action, active) {
            event.prevent_default();
        }
    });
    // The app lives as long as the page: the listener is never removed.
    std::mem::forget(handle);
}

/// Where the focus is, for [`key_action`].
fn focus_of(active: Option<&Element>) -> Focus {
    let Some(element) = active else {
        return Focus::Page;
    };
    let tag = element.tag_name().to_ascii_lowercase();
    let editable = matches!(tag.as_str(), "input" | "textarea" | "select")
        || element
            .dyn_ref::<HtmlElement>()
            .is_some_and(HtmlElement::is_content_editable);
    if !editable {
        return Focus::Page;
    }
    let inside = |selector: &str| element.closest(selector).ok().flatten().is_some();
    if inside(".plan-table") {
        let (first_line, last_line) = match element.dyn_ref::<HtmlTextAreaElement>() {
            Some(area) => {
                let text = area.value();
                let caret = caret_of(area, &text);
                (!text[..caret].contains('\n'), !text[caret..].contains('\n'))
            }
            None => (true, true),
        };
        Focus::Cell {
            multiline: tag == "textarea",
            first_line,
            last_line,
        }
    } else if inside(".plan-header") {
        Focus::PlanField
    } else {
        Focus::OtherField
    }
}

/// The caret of a textarea as a byte offset in `text` (the DOM counts UTF-16 units).
fn caret_of(area: &HtmlTextAreaElement, text: &str) -> usize {
    let units = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    utf16_to_byte(text, units)
}

fn utf16_to_byte(text: &str, units: usize) -> usize {
    let mut seen = 0;
    for (byte, ch) in text.char_indices() {
        if seen >= units {
            return byte;
        }
        seen += ch.len_utf16();
    }
    text.len()
}

/// Carries out `action`; true when the browser must not act on the key.
fn act(state: EditorState, action: KeyAction, active: Option<Element>) -> bool {
    let row = |a: RowAction| {
        toolbar::row_action(state, a);
        true
    };
    match action {
        KeyAction::Pass => false,
        KeyAction::Swallow => true,
        KeyAction::Undo => {
            state.undo();
            true
        }
        KeyAction::Redo => {
            state.redo();
            true
        }
        KeyAction::FocusUp => {
            move_focus(active, false);
            true
        }
        KeyAction::FocusDown | KeyAction::CommitDown => {
            state.seal();
            move_focus(active, true);
            true
        }
        KeyAction::NewLine => {
            if let Some(area) = active.and_then(|a| a.dyn_into::<HtmlTextAreaElement>().ok()) {
                break_line(&area);
            }
            true
        }
        KeyAction::AddTask => {
            toolbar::add_task_below(state);
            true
        }
        KeyAction::MoveRowUp => row(RowAction::MoveUp),
        KeyAction::MoveRowDown => row(RowAction::MoveDown),
        KeyAction::Indent => row(RowAction::Indent),
        KeyAction::Outdent => row(RowAction::Outdent),
        KeyAction::Duplicate => row(RowAction::Duplicate),
        KeyAction::DeleteRow => row(RowAction::Delete),
    }
}

/// Inserts a line break at the caret, as typing would (the field hears an `input`).
fn break_line(area: &HtmlTextAreaElement) {
    let text = area.value();
    let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
    let (from, to) = (utf16_to_byte(&text, start), utf16_to_byte(&text, end));
    area.set_value(&format!("{}\n{}", &text[..from], &text[to..]));
    let caret = (start + 1) as u32;
    let _ = area.set_selection_range(caret, caret);
    if let Ok(input) = web_sys::Event::new("input") {
        let _ = area.dispatch_event(&input);
    }
}

/// The cells of a row with the columns each covers (`span-5` titles cover five).
fn cells_of(row: &Element) -> Vec<(Element, usize, usize)> {
    let mut cells = Vec::new();
    let mut column = 0;
    let mut child = row.first_element_child();
    while let Some(cell) = child {
        let span = if cell.class_list().contains("span-5") {
            5
        } else {
            1
        };
        cells.push((cell.clone(), column, column + span));
        column += span;
        child = cell.next_element_sibling();
    }
    cells
}

/// Moves the focus from the field `active` to the same column of the next (or previous)
/// row of the table.
fn move_focus(active: Option<Element>, down: bool) {
    let Some(active) = active else { return };
    let (Some(cell), Some(row)) = (
        active.closest("[role=cell]").ok().flatten(),
        active.closest("[data-row]").ok().flatten(),
    ) else {
        return;
    };
    let Some(&(_, from, to)) = cells_of(&row).iter().find(|(c, ..)| *c == cell) else {
        return;
    };
    let column = match WANTED_COLUMN.with(Cell::get) {
        Some(wanted) if to - from > 1 && (from..to).contains(&wanted) => wanted,
        _ => from,
    };
    WANTED_COLUMN.with(|w| w.set(Some(column)));
    let mut next = row.clone();
    let target = loop {
        let sibling = if down {
            next.next_element_sibling()
        } else {
            next.previous_element_sibling()
        };
        match sibling {
            Some(s) if s.has_attribute("data-row") => break s,
            Some(s) => next = s,
            None => return,
        }
    };
    let field = cells_of(&target)
        .into_iter()
        .find(|(_, from, to)| (*from..*to).contains(&column))
        .and_then(|(cell, ..)| cell.query_selector("textarea, input").ok().flatten())
        .or_else(|| target.query_selector(".primary").ok().flatten());
    if let Some(field) = field.and_then(|f| f.dyn_into::<HtmlElement>().ok()) {
        let _ = field.focus();
        if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
            let end = area.value().encode_utf16().count() as u32;
            let _ = area.set_selection_range(end, end);
        }
    }
}
