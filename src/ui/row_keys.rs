//! Keys like a spreadsheet's in the table's fields: ↑ and ↓ go to the row above or below in
//! the same column (from a cell's first or last line, so the caret still moves through a
//! multi-line text), Enter commits and goes down, Shift+Enter or Alt+Enter breaks the line.
//! Tab and Shift+Tab move across cells as the browser does.
//!
//! A field that uses a key itself (an open suggestion list, a suggestion picked with Enter)
//! stops it before it gets here.

use leptos::ev::KeyboardEvent;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

/// Up or down the table.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    Up,
    Down,
}

/// The table's keydown handler (on the element around the table).
pub fn on_keydown(ev: KeyboardEvent) {
    if ev.ctrl_key() || ev.meta_key() || ev.is_composing() {
        return;
    }
    let Some(field) = ev.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) else {
        return;
    };
    if field.closest("[data-row]").ok().flatten().is_none() {
        return;
    }
    let (first_line, last_line) = caret_lines(&field);
    match (ev.key().as_str(), ev.alt_key(), ev.shift_key()) {
        ("ArrowUp", false, false) if first_line => go(&ev, &field, Way::Up),
        ("ArrowDown", false, false) if last_line => go(&ev, &field, Way::Down),
        ("Enter", true, false) => {
            // Alt+Enter breaks the line, as in Excel (the browser would do nothing).
            if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
                ev.prevent_default();
                if area.set_range_text("\n").is_ok() {
                    let end = area.selection_end().ok().flatten().unwrap_or(0);
                    let _ = area.set_selection_range(end + 1, end + 1);
                    let input = web_sys::Event::new_with_event_init_dict("input", &{
                        let init = web_sys::EventInit::new();
                        init.set_bubbles(true);
                        init
                    });
                    if let Ok(input) = input {
                        let _ = area.dispatch_event(&input);
                    }
                }
            }
        }
        ("Enter", false, false) => {
            ev.prevent_default();
            go(&ev, &field, Way::Down);
        }
        _ => {}
    }
}

/// Whether the caret (or the whole selection) is on the field's first line and on its last
/// line; a one-line input is on both.
fn caret_lines(field: &HtmlElement) -> (bool, bool) {
    let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() else {
        return (true, true);
    };
    let text: Vec<u16> = area.value().encode_utf16().collect();
    let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
    let newline = u16::from(b'\n');
    let first = !text[..start.min(text.len())].contains(&newline);
    let last = !text[end.min(text.len())..].contains(&newline);
    (first, last)
}

/// Moves the focus to the field of the next row up or down in the same column: the field
/// under the left edge of this one (a heading's title spans the text columns, so from it ↓
/// goes to the task's content). Rows with no field there are passed over (↑ from a budget
/// skips the headings). The caret goes to the end going up, to the start going down.
/// Nothing happens at the table's first or last row.
fn go(ev: &KeyboardEvent, field: &HtmlElement, way: Way) {
    let Some(row) = field.closest("[data-row]").ok().flatten() else {
        return;
    };
    // Cells, not fields: a task's content is indented by its depth, its cell is not.
    let cell = |e: &Element| {
        e.closest("[role=cell], [role=rowheader]")
            .ok()
            .flatten()
            .unwrap_or_else(|| e.clone())
            .get_bounding_client_rect()
    };
    let rect = cell(field);
    let x = rect.left() + (rect.width() / 2.0).min(8.0);
    let under = |e: &HtmlElement| {
        let r = cell(e);
        r.width() > 0.0 && r.left() <= x && x <= r.right()
    };
    let mut next = sibling(&row, way);
    while let Some(candidate) = next {
        let fields = candidate.query_selector_all("textarea, input").ok();
        let nearest = fields
            .into_iter()
            .flat_map(|list| (0..list.length()).filter_map(move |i| list.item(i)))
            .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
            .find(under);
        if let Some(target) = nearest {
            ev.prevent_default();
            crate::platform::focus_in_view(&target);
            let caret = match way {
                Way::Up => u32::MAX,
                Way::Down => 0,
            };
            if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
                let at = caret.min(area.value().encode_utf16().count() as u32);
                let _ = area.set_selection_range(at, at);
            } else if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
                let at = caret.min(input.value().encode_utf16().count() as u32);
                let _ = input.set_selection_range(at, at);
            }
            return;
        }
        next = sibling(&candidate, way);
    }
}

/// The plan row before or after `row`.
fn sibling(row: &Element, way: Way) -> Option<Element> {
    let mut next = match way {
        Way::Up => row.previous_element_sibling(),
        Way::Down => row.next_element_sibling(),
    };
    while let Some(element) = next {
        if element.has_attribute("data-row") {
            return Some(element);
        }
        next = match way {
            Way::Up => element.previous_element_sibling(),
            Way::Down => element.next_element_sibling(),
        };
    }
    None
}
