//! The plan's header: province, year, title and issuing document.

use leptos::prelude::*;

use super::suggest::provinces;
use super::EditorState;
use crate::domain::history::{EditKey, HeaderField};
use crate::domain::plan::{default_title, Plan};
use crate::domain::words::{UnitsFour, ZeroTens};

#[component]
pub fn PlanHeader() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let read = move |f: fn(&Plan) -> String| {
        let field = state.plan_memo(f);
        move || field.get()
    };
    let write = move |field: HeaderField, set: fn(&mut Plan, String) -> bool| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            state.edit(Some(EditKey::Header(field)), |plan| set(plan, value));
        }
    };
    let year_error = RwSignal::new(None::<String>);
    let on_year = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        match text.trim().parse::<i32>() {
            Ok(year) if (2000..=2100).contains(&year) => {
                year_error.set(None);
                state.edit(Some(EditKey::Header(HeaderField::Year)), |plan| {
                    if plan.year == year {
                        return false;
                    }
                    if plan.title == default_title(plan.year) {
                        plan.title = default_title(year);
                    }
                    plan.year = year;
                    true
                });
            }
            _ => year_error.set(Some(
                "Năm kế hoạch phải là số từ 2000 đến 2100; giữ năm cũ.".into(),
            )),
        }
    };

    view! {
        <section class="plan-header" aria-label="Thông tin kế hoạch" on:focusout=move |_| state.seal()>
            <label class="wide">"Tên kế hoạch"
                <input type="text" prop:value=read(|p| p.title.clone())
                    on:input=write(HeaderField::Title, |p, v| replace(&mut p.title, v))/>
            </label>
            <label>"Tỉnh, thành phố"
                <input type="text" list="province-list" prop:value=read(|p| p.province.clone())
                    on:input=write(HeaderField::Province, |p, v| replace(&mut p.province, v))/>
                <ProvinceHint/>
            </label>
            <label>"Năm kế hoạch"
                <input type="number" min="2000" max="2100" prop:value=read(|p| p.year.to_string())
                    on:input=on_year aria-invalid=move || year_error.with(Option::is_some).to_string()/>
                <span class="field-error" role="alert">{move || year_error.get()}</span>
            </label>
            <label>"Số kế hoạch"
                <input type="text" placeholder="..../KH-UBND" prop:value=read(|p| p.document_number.clone())
                    on:input=write(HeaderField::DocumentNumber, |p, v| replace(&mut p.document_number, v))/>
            </label>
            <label>"Ngày ban hành"
                <input type="text" placeholder="ngày ... tháng ... năm ..." prop:value=read(|p| p.document_date.clone())
                    on:input=write(HeaderField::DocumentDate, |p, v| replace(&mut p.document_date, v))/>
            </label>
        </section>
    }
}

/// Sets a text field; returns whether it changed.
fn replace(field: &mut String, value: String) -> bool {
    if *field == value {
        return false;
    }
    *field = value;
    true
}

/// How the amount in words reads: "linh" or "lẻ", "tư" or "bốn" (beside the total in words,
/// under the table).
#[component]
pub fn WordsSettings() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let style = state.words_style;
    view! {
        <label>"Đọc số 0 hàng chục"
            <select on:change=move |ev| {
                let le = event_target_value(&ev) == "le";
                style.update(|s| s.zero_tens = if le { ZeroTens::Le } else { ZeroTens::Linh });
            }>
                <option value="linh" selected=move || style.with(|s| s.zero_tens == ZeroTens::Linh)>"linh (105: một trăm linh năm)"</option>
                <option value="le" selected=move || style.with(|s| s.zero_tens == ZeroTens::Le)>"lẻ (105: một trăm lẻ năm)"</option>
            </select>
        </label>
        <label>"Đọc số 4 sau hàng chục"
            <select on:change=move |ev| {
                let bon = event_target_value(&ev) == "bon";
                style.update(|s| s.units_four = if bon { UnitsFour::Bon } else { UnitsFour::Tu });
            }>
                <option value="tu" selected=move || style.with(|s| s.units_four == UnitsFour::Tu)>"tư (24: hai mươi tư)"</option>
                <option value="bon" selected=move || style.with(|s| s.units_four == UnitsFour::Bon)>"bốn (24: hai mươi bốn)"</option>
            </select>
        </label>
    }
}

/// The list of the 34 provinces for the province inputs.
#[component]
pub fn ProvinceList() -> impl IntoView {
    view! {
        <datalist id="province-list">
            {provinces().sorted_names().into_iter().map(|name| view! { <option value=name></option> }).collect_view()}
        </datalist>
    }
}

/// For a former province (before 1 July 2025), the unit it now belongs to, with a button.
#[component]
fn ProvinceHint() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let province = state.plan_memo(|p| p.province.trim().to_string());
    let successor = move || {
        let name = province.get();
        let list = provinces();
        if name.is_empty() || list.is_current(&name) {
            return None;
        }
        list.successor(&name)
            .map(|p| (name, p.name.clone(), p.official_name()))
    };
    move || {
        successor().map(|(old, new, official)| {
            let target = new.clone();
            view! {
                <span class="hint" role="note">
                    {format!("Từ 1/7/2025, {old} thuộc {official}. ")}
                    <button type="button" on:click=move |_| {
                        let target = target.clone();
                        state.edit(None, move |p| replace(&mut p.province, target));
                    }>{format!("Đổi thành {new}")}</button>
                </span>
            }
        })
    }
}
