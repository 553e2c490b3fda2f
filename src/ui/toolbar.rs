//! The toolbar: new plan, adding rows, undo and redo, and actions on the current row.

use leptos::prelude::*;

use super::{new_plan_id, EditorState};
use crate::domain::plan::{Plan, RowId};

/// An action on the current row, from a button or a shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowAction {
    MoveUp,
    MoveDown,
    Indent,
    Outdent,
    Duplicate,
    Delete,
}

impl RowAction {
    fn refused(self) -> &'static str {
        match self {
            RowAction::MoveUp => "Dòng này không thể lên thêm.",
            RowAction::MoveDown => "Dòng này không thể xuống thêm.",
            RowAction::Indent => "Chỉ nhiệm vụ không có nhiệm vụ con, nằm dưới một nhóm hoặc nhiệm vụ khác, mới thụt vào được.",
            RowAction::Outdent => "Chỉ nhiệm vụ con mới thụt ra được.",
            RowAction::Duplicate | RowAction::Delete => "Không tìm thấy dòng đang chọn.",
        }
    }
}

/// Applies an action to the current row. Returns false when no row is current.
pub fn row_action(state: EditorState, action: RowAction) -> bool {
    let Some(id) = state.current.get_untracked() else {
        state.say("Hãy chọn một dòng trong bảng trước.", true);
        return false;
    };
    let mut focus = Some(id);
    let changed = state.edit(None, |plan| match action {
        RowAction::MoveUp => plan.move_up(id),
        RowAction::MoveDown => plan.move_down(id),
        RowAction::Indent => plan.indent(id),
        RowAction::Outdent => plan.outdent(id),
        RowAction::Duplicate => {
            focus = plan.duplicate(id);
            focus.is_some()
        }
        RowAction::Delete => {
            let pos = plan.position(id);
            let deleted = plan.delete(id);
            focus = pos
                .and_then(|p| plan.rows().get(p).or_else(|| plan.rows().last()))
                .map(|r| r.id);
            deleted
        }
    });
    if !changed {
        state.say(action.refused(), true);
        return true;
    }
    match action {
        RowAction::Delete => state.say("Đã xóa dòng (có thể hoàn tác bằng Ctrl+Z).", false),
        RowAction::Duplicate => state.say("Đã nhân bản dòng.", false),
        _ => state.notice.set(None),
    }
    match focus {
        Some(row) => state.focus_row(row),
        None => state.current.set(None),
    }
    true
}

/// Adds a row (`Plan::add_task`, `add_group`, `add_area`) after the current one, as one undo
/// step, and moves the focus into it.
pub fn add_row(state: EditorState, adder: fn(&mut Plan, Option<RowId>) -> RowId) {
    let mut id = 0;
    state.edit(None, |plan| {
        id = adder(plan, state.current.get_untracked());
        true
    });
    state.focus_row(id);
}

/// The toolbar and, at its end, the status line: one bar that stays at the top of the screen
/// (its height is kept in `--command-bar-height` for the table's sticky header below it).
#[component]
pub fn Toolbar() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let creating = RwSignal::new(false);
    let can_undo = move || state.can_undo.get();
    let can_redo = move || state.can_redo.get();
    let has_current = move || state.current.with(|c| c.is_some());

    let add = move |adder: fn(&mut Plan, Option<RowId>) -> RowId| move |_| add_row(state, adder);
    let add_area = add(Plan::add_area);
    let add_group = add(Plan::add_group);
    let add_task = add(Plan::add_task);
    let action = move |a: RowAction| {
        move |_| {
            row_action(state, a);
        }
    };

    let bar = NodeRef::<leptos::html::Div>::new();
    super::track_height(bar, "--command-bar-height");

    view! {
        <div class="command-bar" node_ref=bar>
        <nav class="toolbar" aria-label="Thao tác">
            <div class="tool-group">
                <button type="button" on:click=move |_| creating.set(true)>"Kế hoạch mới"</button>
            </div>
            <div class="tool-group">
                <button type="button" on:click=add_area>"Thêm lĩnh vực"</button>
                <button type="button" on:click=add_group>"Thêm nhóm"</button>
                <button type="button" title="Thêm nhiệm vụ dưới dòng đang chọn (Ctrl+Enter)" on:click=add_task>"Thêm nhiệm vụ"</button>
            </div>
            <div class="tool-group" aria-label="Dòng đang chọn" role="group">
                <button type="button" title="Alt+↑" disabled=move || !has_current() on:click=action(RowAction::MoveUp)>"Lên"</button>
                <button type="button" title="Alt+↓" disabled=move || !has_current() on:click=action(RowAction::MoveDown)>"Xuống"</button>
                <button type="button" title="Alt+→" disabled=move || !has_current() on:click=action(RowAction::Indent)>"Thụt vào"</button>
                <button type="button" title="Alt+←" disabled=move || !has_current() on:click=action(RowAction::Outdent)>"Thụt ra"</button>
                <button type="button" title="Ctrl+D" disabled=move || !has_current() on:click=action(RowAction::Duplicate)>"Nhân bản"</button>
                <button type="button" title="Alt+Delete" disabled=move || !has_current() on:click=action(RowAction::Delete)>"Xóa dòng"</button>
            </div>
            <div class="tool-group">
                <button type="button" title="Ctrl+Z" disabled=move || !can_undo() on:click=move |_| state.undo()>"Hoàn tác"</button>
                <button type="button" title="Ctrl+Y" disabled=move || !can_redo() on:click=move |_| state.redo()>"Làm lại"</button>
            </div>
            <super::export::ExportTools/>
            <super::StatusLine/>
        </nav>
        </div>
        <Show when=move || creating.get()>
            <NewPlanForm on_done=move || creating.set(false)/>
        </Show>
    }
}

/// The "Kế hoạch mới" form: province and year, then a fresh plan (undoable).
#[component]
fn NewPlanForm(on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let province = RwSignal::new(String::new());
    let year = RwSignal::new(state.read_plan(|e| e.year).to_string());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(y) = year.get_untracked().trim().parse::<i32>() else {
            error.set(Some("Năm kế hoạch phải là số, ví dụ 2027.".into()));
            return;
        };
        if !(2000..=2100).contains(&y) {
            error.set(Some("Năm kế hoạch phải từ 2000 đến 2100.".into()));
            return;
        }
        state.start_new_plan(Plan::new(new_plan_id(), province.get_untracked().trim(), y));
        state.say(
            "Đã tạo kế hoạch mới. Kế hoạch trước vẫn lấy lại được bằng Hoàn tác.",
            false,
        );
        on_done();
    };
    view! {
        <form class="new-plan" on:submit=submit aria-label="Tạo kế hoạch mới">
            <label>"Tỉnh, thành phố"
                <input type="text" list="province-list" prop:value=move || province.get()
                    on:input=move |ev| province.set(event_target_value(&ev))/>
            </label>
            <label>"Năm kế hoạch"
                <input type="number" min="2000" max="2100" prop:value=move || year.get()
                    on:input=move |ev| year.set(event_target_value(&ev))/>
            </label>
            <button type="submit">"Tạo kế hoạch"</button>
            <button type="button" on:click=move |_| on_done()>"Hủy"</button>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </form>
    }
}
