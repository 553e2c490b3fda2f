//! The template library panel: browse the built-in templates by area and source, search them
//! as you type, add them to the open plan (one by one or several at once), or recreate a
//! source's appendix as a new plan.
//!
//! The panel is collapsed at first and renders nothing but its toggle until opened; what was
//! searched and chosen is kept while it is closed. It reads the plan only for its year and for
//! which templates it already holds (two memos), so typing in the table never re-renders the
//! results, and showing results never touches the table. The search index is built on the
//! first search, a slice at a time ([`UserLibrary::search_top`]); until it is complete the
//! summary says how far it is and results come from the templates indexed so far.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use leptos::prelude::*;

use super::review::{start_rolled_plan, ReviewState};
use super::user_library::UserLibrary;
use super::{new_plan_id, next_year, EditorState};
use crate::domain::agency::split_agencies;
use crate::domain::deadline::{roll, shift_years};
use crate::domain::library::{add_templates, plan_from_source, AreaKey, Library, Template};
use crate::domain::money::{group_thousands, Money};
use crate::domain::search::{Filter, Hit};
use crate::domain::timeline::full_numbers;
use crate::domain::user_library::{builtin_count, remove_template};

/// Results shown at first, and added by each "Xem thêm".
const PAGE: usize = 50;
/// Characters of a template's content in its checkbox's name.
const NAME_CHARS: usize = 60;

/// What the panel remembers, open or closed. All `Copy` handles.
#[derive(Clone, Copy)]
struct Panel {
    query: RwSignal<String>,
    /// An [`AreaKey::key`], or empty for every area.
    area: RwSignal<String>,
    /// A source id, or empty for every source.
    source: RwSignal<String>,
    /// How many results to show.
    limit: RwSignal<usize>,
    /// Chosen templates, by id (shared with "Xuất thư viện").
    selected: RwSignal<HashSet<String>>,
}

impl Panel {
    fn filter(&self) -> Filter {
        Filter {
            area: AreaKey::from_key(&self.area.get()),
            source: Some(self.source.get()).filter(|s| !s.is_empty()),
        }
    }
}

#[component]
pub fn LibraryPanel() -> impl IntoView {
    let open = RwSignal::new(false);
    let panel = Panel {
        query: RwSignal::new(String::new()),
        area: RwSignal::new(String::new()),
        source: RwSignal::new(String::new()),
        limit: RwSignal::new(PAGE),
        selected: expect_context::<UserLibrary>().selected,
    };
    view! {
        <section class="library" aria-label="Thư viện mẫu">
            <button type="button" class="library-toggle" aria-controls="library-body"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>"Thư viện mẫu"</button>
            <span class="library-hint">"Nhiệm vụ mẫu từ các kế hoạch đã ban hành: tìm, chọn rồi thêm vào kế hoạch."</span>
            <Show when=move || open.get()>
                <LibraryBody panel/>
            </Show>
        </section>
    }
}

#[component]
fn LibraryBody(panel: Panel) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let review = expect_context::<ReviewState>();
    let user = expect_context::<UserLibrary>();
    let plan_year = state.plan_year;
    let in_plan = Memo::new(move |_| {
        state.track_plan(|e| {
            e.rows()
                .iter()
                .filter_map(|r| r.task()?.template.clone())
                .collect::<HashSet<String>>()
        })
    });
    // One more than shown: tells whether "Xem thêm" has anything to show.
    let hits = Memo::new(move |_| {
        let query = panel.query.get();
        let filter = panel.filter();
        user.search_top(&query, &filter, panel.limit.get() + 1)
    });
    let shown = move || {
        let generation = user.library.with(|l| l.generation);
        hits.with(|h| {
            let limit = panel.limit.get();
            h.iter()
                .take(limit)
                .map(|hit| (generation, hit.clone()))
                .collect::<Vec<_>>()
        })
    };
    let more = move || hits.with(Vec::len) > panel.limit.get();
    let summary = move || {
        let searching = panel.query.with(|q| !q.trim().is_empty());
        let more = more();
        let indexing = user.indexing().map(|(indexed, total)| {
            format!(
                "Đang lập chỉ mục tìm kiếm… ({}/{} mẫu)",
                group_thousands(indexed as u64),
                group_thousands(total as u64)
            )
        });
        let found = hits.with(|h| {
            let shown = h.len().min(panel.limit.get());
            if h.is_empty() {
                "Không tìm thấy mẫu nào. Hãy thử từ khác hoặc bỏ bớt bộ lọc.".to_string()
            } else if searching && !h[0].complete {
                format!("Không mẫu nào có đủ mọi từ đã gõ; {shown} mẫu gần nhất:")
            } else if more {
                let order = if searching {
                    "phù hợp nhất"
                } else {
                    "đầu tiên"
                };
                format!("{shown} mẫu {order}:")
            } else if searching {
                format!("Tìm thấy {shown} mẫu, phù hợp nhất trước:")
            } else {
                format!("{shown} mẫu, theo thứ tự trong văn bản:")
            }
        });
        match indexing {
            None => found,
            Some(indexing) if hits.with(Vec::is_empty) => indexing,
            Some(indexing) => {
                format!("{indexing}; kết quả từ các mẫu đã lập chỉ mục. {found}")
            }
        }
    };
    let reset_page = move || panel.limit.set(PAGE);
    let selected_count = move || panel.selected.with(HashSet::len);

    let add = move |indices: Vec<usize>| add_to_plan(state, &user.get_untracked(), indices);
    let add_selected = move |_| {
        let library = user.get_untracked();
        let indices: Vec<usize> = panel
            .selected
            .with_untracked(|s| s.iter().filter_map(|id| library.position(id)).collect());
        if indices.is_empty() {
            state.say(
                "Chưa chọn mẫu nào: đánh dấu ô “Chọn” ở các mẫu cần thêm.",
                true,
            );
            return;
        }
        add(indices);
        panel.selected.update(HashSet::clear);
    };
    // The year the recreated plan is for (next year unless the drafter types another), and
    // what recreating did, said beside the button.
    let recreate_year = RwSignal::new(None::<String>);
    let recreate_said: super::Said = RwSignal::new(None);
    let recreate = move |_| {
        let library = user.get_untracked();
        let source = panel.source.get_untracked();
        let Some(found) = library.source(&source) else {
            recreate_said.set(Some((
                "Hãy chọn một văn bản nguồn trước, rồi bấm “Tạo kế hoạch từ văn bản mẫu”.".into(),
                true,
            )));
            return;
        };
        let typed = recreate_year.get_untracked();
        let year = match typed.as_deref().map(str::trim) {
            None | Some("") => next_year(),
            Some(text) => match text.parse::<i32>() {
                Ok(year) if (2000..=2100).contains(&year) => year,
                _ => {
                    recreate_said.set(Some((
                        format!("“{text}” không phải năm từ 2000 đến 2100: hãy sửa ô “Năm của kế hoạch mới”."),
                        true,
                    )));
                    return;
                }
            },
        };
        let Some(plan) = plan_from_source(&library, &source, new_plan_id()) else {
            return;
        };
        let tasks = plan.task_count();
        let total = plan.budget_totals().grand;
        let from = plan.year;
        let report = start_rolled_plan(state, review, plan, year);
        let moved = if from == year {
            String::new()
        } else {
            format!(" Thời hạn đã chuyển từ năm {from}: {}.", report.summary())
        };
        let text = format!(
            "Đã tạo kế hoạch năm {year} từ văn bản mẫu {}: {tasks} nhiệm vụ, tổng kinh phí {total} triệu đồng.{moved} Kế hoạch trước vẫn ở trong Danh sách kế hoạch.",
            found.provenance()
        );
        recreate_said.set(Some((text.clone(), false)));
        state.say(text, false);
    };

    // The choices of the filters, again only when the library changes.
    let areas = Memo::new(move |_| {
        let library = user.get();
        AreaKey::ALL
            .into_iter()
            .filter(|a| library.templates().iter().any(|t| t.area == *a))
            .collect::<Vec<AreaKey>>()
    });
    let sources = Memo::new(move |_| {
        let library = user.get();
        let labels: Vec<String> = library.sources().iter().map(|s| s.provenance()).collect();
        library
            .sources()
            .iter()
            .zip(&labels)
            .map(|(s, label)| {
                let twin = labels.iter().filter(|l| *l == label).count() > 1;
                let label = if twin {
                    format!("{label} ({})", s.id)
                } else {
                    label.clone()
                };
                (s.id.clone(), label, s.title.clone())
            })
            .collect::<Vec<(String, String, String)>>()
    });

    view! {
        <div id="library-body" class="library-body">
            <div class="library-filters" role="search" aria-label="Tìm trong thư viện mẫu">
                <label class="library-query">"Tìm nhiệm vụ mẫu"
                    // aria-label: WebKit would join the placeholder to the wrapping label's name.
                    <input type="search" autocomplete="off" aria-label="Tìm nhiệm vụ mẫu"
                        placeholder="Ví dụ: một cửa, TTHC, số hóa hồ sơ"
                        prop:value=move || panel.query.get()
                        on:input=move |ev| {
                            panel.query.set(event_target_value(&ev));
                            reset_page();
                        }
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            // No form to submit: Enter only keeps the results as they are.
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                            }
                        }/>
                </label>
                <label>"Lĩnh vực"
                    <select on:change=move |ev| {
                        panel.area.set(event_target_value(&ev));
                        reset_page();
                    }>
                        <option value="" prop:selected=move || panel.area.with(String::is_empty)>"Tất cả lĩnh vực"</option>
                        {move || areas.get().into_iter().map(|a| view! {
                            <option value=a.key() prop:selected=move || panel.area.with(|v| v == a.key())>{a.title_vi()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"Văn bản nguồn"
                    <select on:change=move |ev| {
                        panel.source.set(event_target_value(&ev));
                        reset_page();
                    }>
                        <option value="" prop:selected=move || panel.source.with(String::is_empty)>"Tất cả văn bản"</option>
                        {move || sources.get().into_iter().map(|(id, label, title)| {
                            let value = id.clone();
                            view! {
                                <option value=value title=title prop:selected=move || panel.source.with(|v| *v == id)>{label}</option>
                            }
                        }).collect_view()}
                    </select>
                </label>
                <label>"Năm của kế hoạch mới"
                    <input type="number" min="2000" max="2100" class="year"
                        prop:value=move || recreate_year.get().unwrap_or_else(|| next_year().to_string())
                        on:input=move |ev| recreate_year.set(Some(event_target_value(&ev)))/>
                </label>
                <button type="button" on:click=recreate
                    title="Lập kế hoạch mới giống phụ lục của văn bản nguồn đã chọn, thời hạn chuyển sang năm đã chọn; kế hoạch đang mở vẫn ở trong danh sách">
                    "Tạo kế hoạch từ văn bản mẫu"
                </button>
                <super::SaidHere message=recreate_said/>
            </div>
            <div class="library-actions">
                <p class="library-summary" aria-live="polite">{summary}</p>
                <button type="button" on:click=add_selected>"Thêm các mẫu đã chọn"</button>
                <span class="library-selected">
                    {move || match selected_count() {
                        0 => String::new(),
                        n => format!("Đã chọn {n} mẫu"),
                    }}
                </span>
                <Show when=move || selected_count() != 0>
                    <button type="button" on:click=move |_| panel.selected.update(HashSet::clear)>"Bỏ chọn"</button>
                </Show>
            </div>
            <ol class="library-results" aria-label="Kết quả tìm mẫu" tabindex="-1">
                <For each=shown key=|(generation, hit): &(u64, Hit)| (*generation, hit.index, hit.content.clone(), hit.product.clone())
                    children=move |(_, hit)| view! { <ResultItem hit panel plan_year in_plan on_add=Callback::new(add)/> }/>
            </ol>
            <Show when=more>
                <button type="button" class="library-more"
                    on:click=move |_| panel.limit.update(|l| *l += PAGE)>"Xem thêm"</button>
            </Show>
        </div>
    }
}

/// One result: the template's fields with the matches marked, where it comes from, whether
/// the plan has it, a checkbox and an add button; the drafter's own templates can also be
/// edited and deleted.
#[component]
fn ResultItem(
    hit: Hit,
    panel: Panel,
    plan_year: Memo<i32>,
    in_plan: Memo<HashSet<String>>,
    on_add: Callback<Vec<usize>>,
) -> impl IntoView {
    let user = expect_context::<UserLibrary>();
    let library = user.get_untracked();
    let index = hit.index;
    let Some(template) = library.templates().get(index).cloned() else {
        return ().into_any();
    };
    let template = Arc::new(template);
    let own = index >= builtin_count();
    let editing = RwSignal::new(false);
    let source = library.source_of(&template).cloned();
    let source_year = source.as_ref().and_then(|s| s.year);
    let similar_to = template
        .similar_to
        .as_ref()
        .and_then(|id| library.template(id))
        .map(|t| format!("Nội dung giống mẫu có sẵn: “{}”", short(&t.content, 120)));
    let content_id = format!("library-content-{index}");
    let id = StoredValue::new(template.id.clone());
    let present = move || id.with_value(|id| in_plan.with(|ids| ids.contains(id)));
    let checked = move || id.with_value(|id| panel.selected.with(|s| s.contains(id)));

    let mut place = template.area.title_vi().to_string();
    for group in &template.group {
        place.push_str(" › ");
        place.push_str(group);
    }
    let deadline = {
        let template = template.clone();
        move || {
            if template.deadline.is_empty() {
                return None;
            }
            let year = plan_year.get();
            let moved = source_year
                .filter(|from| *from != year)
                .map(|from| roll(&template.deadline, from, year))
                .filter(|r| r.changed || r.needs_review);
            let note = moved.map(|r| match (r.changed, r.needs_review) {
                (true, false) => format!(" → {} khi thêm vào kế hoạch năm {year}", r.text),
                (true, true) => format!(
                    " → {} khi thêm vào kế hoạch năm {year} (hãy xem lại)",
                    r.text
                ),
                _ => " (năm không tự chuyển được: hãy xem lại khi thêm)".to_string(),
            });
            Some(format!("{}{}", template.deadline, note.unwrap_or_default()))
        }
    };
    let provenance = source.as_ref().map(|s| s.provenance()).unwrap_or_default();
    let source_title = source.as_ref().map(|s| s.title.clone()).unwrap_or_default();
    let short_content = short(&template.content, NAME_CHARS);
    let state = expect_context::<EditorState>();
    let delete = move |_| delete_template(state, user, &id.get_value());
    let edited = template.clone();

    view! {
        <li class="library-result" class:in-plan=present class:own=own>
            <div class="result-head">
                <label class="result-pick">
                    <input type="checkbox" aria-label=format!("Chọn mẫu: {short_content}")
                        prop:checked=checked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let id = id.get_value();
                            panel.selected.update(|s| {
                                if on {
                                    s.insert(id);
                                } else {
                                    s.remove(&id);
                                }
                            });
                        }/>
                    "Chọn"
                </label>
                <span class="result-place">{place}</span>
                {own.then(|| view! { <span class="result-own">"Thư viện của tôi"</span> })}
                {similar_to.map(|title| view! {
                    <span class="result-similar" title=title>"Gần giống mẫu có sẵn"</span>
                })}
                <Show when=present>
                    <span class="result-present">"Đã có trong kế hoạch"</span>
                </Show>
            </div>
            <p class="result-content" id=content_id.clone()>{marked(&template.content, &hit.content)}</p>
            <dl class="result-fields">
                {(!template.product.is_empty()).then(|| view! {
                    <div><dt>"Sản phẩm"</dt><dd>{marked(&template.product, &hit.product)}</dd></div>
                })}
                {(!template.lead.is_empty()).then(|| view! {
                    <div><dt>"Chủ trì"</dt><dd>{template.lead.join("; ")}</dd></div>
                })}
                {(!template.partners.is_empty()).then(|| view! {
                    <div><dt>"Phối hợp"</dt><dd>{template.partners.join("; ")}</dd></div>
                })}
                {move || deadline().map(|d| view! { <div><dt>"Thời gian"</dt><dd>{d}</dd></div> })}
                {template.budget.map(|b| view! {
                    <div><dt>"Kinh phí"</dt><dd>{format!("{b} triệu đồng")}</dd></div>
                })}
            </dl>
            <p class="result-source" title=source_title>
                "Nguồn: " {provenance}
                {template.criteria.iter().map(|c| view! {
                    <span class="result-criterion" title=c.title.clone()>{c.label()}</span>
                }).collect_view()}
            </p>
            <div class="result-buttons">
                <button type="button" class="result-add" aria-describedby=content_id.clone()
                    on:click=move |_| on_add.run(vec![index])>"Thêm vào kế hoạch"</button>
                {own.then(|| view! {
                    <button type="button" aria-describedby=content_id.clone() aria-expanded=move || editing.get().to_string()
                        on:click=move |_| editing.update(|e| *e = !*e)>"Sửa mẫu"</button>
                    <button type="button" aria-describedby=content_id.clone() on:click=delete>"Xóa mẫu"</button>
                })}
            </div>
            <Show when=move || editing.get()>
                <TemplateEditor template=edited.clone() on_done=Callback::new(move |()| editing.set(false))/>
            </Show>
        </li>
    }
    .into_any()
}

/// Deletes one of the drafter's own templates; its sub-tasks become plain templates and
/// sources no template refers to any more go too.
fn delete_template(state: EditorState, user: UserLibrary, id: &str) {
    let id = id.to_string();
    user.selected.update(|s| {
        s.remove(&id);
    });
    state.say("Đã xóa mẫu khỏi thư viện của bạn.", false);
    user.plans.update_user_templates(state, move |set| {
        remove_template(set, &id);
    });
}

/// The small form that edits one of the drafter's own templates.
#[component]
fn TemplateEditor(template: Arc<Template>, on_done: Callback<()>) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let user = expect_context::<UserLibrary>();
    let content = RwSignal::new(template.content.clone());
    let product = RwSignal::new(template.product.clone());
    let lead = RwSignal::new(template.lead.join("; "));
    let partners = RwSignal::new(template.partners.join("; "));
    let deadline = RwSignal::new(template.deadline.clone());
    let budget = RwSignal::new(template.budget.map(|b| b.to_string()).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(template.id.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = content.get_untracked().trim().to_string();
        if text.is_empty() {
            error.set(Some("Nội dung của mẫu không được để trống.".into()));
            return;
        }
        let money = match Money::parse_optional(&budget.get_untracked()) {
            Ok(money) => money,
            Err(why) => {
                error.set(Some(why.to_string()));
                return;
            }
        };
        let id = id.get_value();
        let product = product.get_untracked().trim().to_string();
        let lead = split_agencies(&lead.get_untracked());
        let partners = split_agencies(&partners.get_untracked());
        let deadline = deadline.get_untracked().trim().to_string();
        on_done.run(());
        state.say("Đã lưu mẫu đã sửa trong thư viện của bạn.", false);
        user.plans.update_user_templates(state, move |set| {
            if let Some(t) = set.templates.iter_mut().find(|t| t.id == id) {
                t.content = text;
                t.product = product;
                t.lead = lead;
                t.partners = partners;
                t.deadline = deadline;
                t.budget = money;
            }
        });
    };
    let field = move |label: &'static str, value: RwSignal<String>| {
        view! {
            <label>{label}
                <input type="text" prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
            </label>
        }
    };
    view! {
        <form class="template-editor" aria-label="Sửa mẫu" on:submit=submit>
            <label class="wide">"Nội dung của mẫu"
                <textarea rows="2" prop:value=move || content.get()
                    on:input=move |ev| content.set(event_target_value(&ev))></textarea>
            </label>
            {field("Sản phẩm của mẫu", product)}
            {field("Cơ quan chủ trì của mẫu", lead)}
            {field("Cơ quan phối hợp của mẫu", partners)}
            {field("Thời gian của mẫu", deadline)}
            <label>"Kinh phí của mẫu (triệu đồng)"
                <input type="text" inputmode="decimal" prop:value=move || budget.get()
                    on:input=move |ev| budget.set(event_target_value(&ev))/>
            </label>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <div class="actions">
                <button type="submit">"Lưu mẫu"</button>
                <button type="button" on:click=move |_| on_done.run(())>"Hủy"</button>
            </div>
        </form>
    }
}

/// Adds templates (by library index, put in library order) to the plan as one undo step and
/// says where they went.
fn add_to_plan(state: EditorState, library: &Library, mut indices: Vec<usize>) {
    indices.sort_unstable();
    indices.dedup();
    let templates: Vec<&Template> = indices
        .iter()
        .filter_map(|&i| library.templates().get(i))
        .collect();
    let mut added = Vec::new();
    let mut year = 0;
    state.edit(None, |plan| {
        year = plan.year;
        added = add_templates(plan, library, templates.iter().copied(), shift_years);
        !added.is_empty()
    });
    let Some(last) = added.last() else {
        return;
    };
    state.current.set(Some(last.row));

    // Full numbers ("II.3"), so that rows of two areas are told apart.
    let numbers: Vec<String> = state.read_plan(|plan| {
        let full = full_numbers(&plan.numbers(), plan.rows().iter().map(|r| r.depth));
        added
            .iter()
            .filter_map(|a| plan.position(a.row).map(|i| full[i].clone()))
            .collect()
    });
    let created: Vec<String> = state.read_plan(|e| {
        added
            .iter()
            .filter(|a| a.area_created)
            .filter_map(|a| e.row(a.area).map(|r| r.text().to_string()))
            .collect()
    });
    let review = templates
        .iter()
        .filter(|t| {
            library
                .source_of(t)
                .and_then(|s| s.year)
                .is_some_and(|from| from != year && roll(&t.deadline, from, year).needs_review)
        })
        .count();

    let mut text = if added.len() == 1 {
        format!(
            "Đã thêm nhiệm vụ mẫu vào kế hoạch, mục {}.",
            numbers.join(", ")
        )
    } else {
        format!(
            "Đã thêm {} nhiệm vụ mẫu vào kế hoạch, các mục {}.",
            added.len(),
            numbers.join(", ")
        )
    };
    if !created.is_empty() {
        let list = created
            .iter()
            .map(|t| format!("“{t}”"))
            .collect::<Vec<_>>()
            .join(", ");
        text.push_str(&format!(" Đã tạo lĩnh vực {list}."));
    }
    if review > 0 {
        text.push_str(&format!(
            " Hãy xem lại thời gian thực hiện của {review} nhiệm vụ: có năm không tự chuyển được."
        ));
    }
    text.push_str(" Có thể hoàn tác bằng Ctrl+Z.");
    state.say(text, false);
}

/// The start of a text, cut at a word and marked with "…" when longer than `max` characters.
fn short(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > max / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// A text with the given byte ranges in `<mark>`; ranges that do not fit are ignored.
fn marked(text: &str, ranges: &[Range<usize>]) -> impl IntoView {
    let mut parts: Vec<AnyView> = Vec::new();
    let mut at = 0;
    for range in ranges {
        if range.start < at || text.get(range.clone()).is_none() {
            continue;
        }
        if range.start > at {
            parts.push(text[at..range.start].to_string().into_any());
        }
        let hit = text[range.clone()].to_string();
        parts.push(view! { <mark>{hit}</mark> }.into_any());
        at = range.end;
    }
    if at < text.len() {
        parts.push(text[at..].to_string().into_any());
    }
    parts
}
