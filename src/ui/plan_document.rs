//! "Văn bản kế hoạch": the plan document's sections as text boxes, beside the table.
//!
//! A toggle shows the view in the table's place. Each section is a labelled text box
//! holding the section's text (as edited, or the default derived from the plan); typing
//! goes through [`EditorState::edit`], so it autosaves and undoes like any edit, and
//! "Khôi phục mặc định" makes the section follow the plan again. The wording and the
//! parsing are in [`crate::domain::plan_document`].

use leptos::prelude::*;

use super::export::export_ui;
use super::EditorState;
use crate::domain::history::EditKey;
use crate::domain::plan_document::{section_text, Section};

/// The toggle between the table and the document view.
#[component]
pub fn DocumentToggle() -> impl IntoView {
    let showing = export_ui().document_view;
    view! {
        <div class="view-tabs" role="group" aria-label="Chế độ xem">
            <button type="button" class="view-toggle"
                aria-pressed=move || showing.get().to_string()
                title="Soạn phần nội dung của văn bản kế hoạch (căn cứ, mục đích, nhiệm vụ, kinh phí, tổ chức thực hiện)"
                on:click=move |_| showing.update(|on| *on = !*on)>
                "Văn bản kế hoạch"
            </button>
        </div>
    }
}

/// The document view, while the toggle is on.
#[component]
pub fn DocumentView() -> impl IntoView {
    let showing = export_ui().document_view;
    view! {
        <Show when=move || showing.get()>
            <section class="plan-document" aria-labelledby="plan-document-title">
                <h2 id="plan-document-title">"Dự thảo văn bản kế hoạch"</h2>
                <p class="document-hint">
                    "Mỗi dòng là một đoạn. Dòng bắt đầu bằng “- ” là đoạn gạch đầu dòng; “1.”, “1.1.” \
                     hoặc “a)” bắt đầu một đề mục. Phần chưa sửa tự cập nhật theo kế hoạch (tỉnh, năm, \
                     lĩnh vực, cơ quan chủ trì, kinh phí)."
                </p>
                {Section::ALL.into_iter().map(|section| view! { <SectionEditor section/> }).collect_view()}
            </section>
        </Show>
    }
}

/// One section: its label, its text box and "Khôi phục mặc định".
#[component]
fn SectionEditor(section: Section) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let words = state.words_style;
    let text = Memo::new(move |_| {
        let words = words.get();
        state.track_plan(|plan| section_text(plan, section, words))
    });
    let edited =
        Memo::new(move |_| state.track_plan(|plan| plan.document.edited(section).is_some()));
    let id = format!("document-{}", section.key());
    let rows = match section {
        Section::Subject | Section::PlaceDate => 2,
        Section::Signature => 5,
        _ => 8,
    };
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        state.edit(Some(EditKey::Document(section)), |plan| {
            plan.document.set(section, value)
        });
    };
    let reset = move |_| {
        if state.edit(None, |plan| plan.document.reset(section)) {
            state.say(
                format!(
                    "Đã khôi phục nội dung mặc định của phần “{}”.",
                    section.title()
                ),
                false,
            );
        }
    };
    view! {
        <div class="document-section" class:edited=move || edited.get()>
            <div class="document-section-head">
                <label for=id.clone()>{section.title()}</label>
                <span class="document-state">
                    {move || if edited.get() { "đã sửa" } else { "theo kế hoạch" }}
                </span>
                <button type="button" aria-label=format!("Khôi phục mặc định: {}", section.title())
                    disabled=move || !edited.get()
                    on:click=reset>"Khôi phục mặc định"</button>
            </div>
            <textarea id=id rows=rows spellcheck="false"
                prop:value=move || text.get()
                on:input=on_input
                on:focusout=move |_| state.seal()></textarea>
        </div>
    }
}
