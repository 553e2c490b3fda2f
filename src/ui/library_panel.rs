//! The template library panel: browse the built-in templates by area and source, search them
//! as you type, add them to the open plan (one by one or several at once), or recreate a
//! source's appendix as a new plan.
//!
//! The panel is collapsed at first and renders nothing but its toggle until opened; what was
//! searched and chosen is kept while it is closed. It reads the plan only for its year and for
//! which templates it already holds (two memos), so typing in the table never re-renders the
//! results, and showing results never touches the table. The search index is built once, on
//! the first search (the library caches it).

use std::collections::HashSet;
use std::ops::Range;

use leptos::prelude::*;

use super::{new_plan_id, EditorState};
use crate::domain::deadline::{roll, shift_years};
use crate::domain::library::{add_templates, builtin, plan_from_source, AreaKey, Template};
use crate::domain::search::{Filter, Hit};

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
    /// Chosen templates, by index in the library.
    selected: RwSignal<HashSet<usize>>,
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
        selected: RwSignal::new(HashSet::new()),
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
    let library = builtin();
    let plan_year = Memo::new(move |_| state.editor.with(|e| e.plan().year));
    let in_plan = Memo::new(move |_| {
        state.editor.with(|e| {
            e.plan()
                .rows()
                .iter()
                .filter_map(|r| r.task()?.template.clone())
                .collect::<HashSet<String>>()
        })
    });
    // One more than shown: tells whether "Xem thêm" has anything to show.
    let hits = Memo::new(move |_| {
        let query = panel.query.get();
        let filter = panel.filter();
        library.search_top(&query, &filter, panel.limit.get() + 1)
    });
    let shown = move || {
        hits.with(|h| {
            let limit = panel.limit.get();
            h.iter().take(limit).cloned().collect::<Vec<_>>()
        })
    };
    let more = move || hits.with(Vec::len) > panel.limit.get();
    let summary = move || {
        let searching = panel.query.with(|q| !q.trim().is_empty());
        let more = more();
        hits.with(|h| {
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
        })
    };
    let reset_page = move || panel.limit.set(PAGE);
    let selected_count = move || panel.selected.with(HashSet::len);

    let add = move |indices: Vec<usize>| add_to_plan(state, indices);
    let add_selected = move |_| {
        let indices: Vec<usize> = panel
            .selected
            .with_untracked(|s| s.iter().copied().collect());
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
    let recreate = move |_| {
        let source = panel.source.get_untracked();
        let Some(found) = library.source(&source) else {
            state.say(
                "Hãy chọn một văn bản nguồn trước, rồi bấm “Tạo kế hoạch từ văn bản mẫu”.",
                true,
            );
            return;
        };
        let Some(plan) = plan_from_source(library, &source, new_plan_id()) else {
            return;
        };
        let tasks = plan.task_count();
        let total = plan.budget_totals().grand;
        state.start_new_plan(plan);
        state.say(
            format!(
                "Đã tạo kế hoạch từ văn bản mẫu {}: {tasks} nhiệm vụ, tổng kinh phí {total} triệu đồng. Kế hoạch trước vẫn ở trong Danh sách kế hoạch.",
                found.provenance()
            ),
            false,
        );
    };

    let areas: Vec<AreaKey> = AreaKey::ALL
        .into_iter()
        .filter(|a| library.templates().iter().any(|t| t.area == *a))
        .collect();
    let sources: Vec<(String, String, String)> = library
        .sources()
        .iter()
        .map(|s| {
            let label = s.provenance();
            let twin = library
                .sources()
                .iter()
                .filter(|o| o.provenance() == label)
                .count()
                > 1;
            let label = if twin {
                format!("{label} ({})", s.id)
            } else {
                label
            };
            (s.id.clone(), label, s.title.clone())
        })
        .collect();

    view! {
        <div id="library-body" class="library-body">
            <div class="library-filters" role="search" aria-label="Tìm trong thư viện mẫu">
                <label class="library-query">"Tìm nhiệm vụ mẫu"
                    <input type="search" autocomplete="off" placeholder="Ví dụ: một cửa, TTHC, số hóa hồ sơ"
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
                        {areas.into_iter().map(|a| view! {
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
                        {sources.into_iter().map(|(id, label, title)| {
                            let value = id.clone();
                            view! {
                                <option value=value title=title prop:selected=move || panel.source.with(|v| *v == id)>{label}</option>
                            }
                        }).collect_view()}
                    </select>
                </label>
                <button type="button" on:click=recreate
                    title="Lập kế hoạch mới giống phụ lục của văn bản nguồn đã chọn (có thể hoàn tác)">
                    "Tạo kế hoạch từ văn bản mẫu"
                </button>
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
            <ol class="library-results" aria-label="Kết quả tìm mẫu">
                <For each=shown key=|hit: &Hit| (hit.index, hit.content.clone(), hit.product.clone())
                    children=move |hit| view! { <ResultItem hit panel plan_year in_plan on_add=Callback::new(add)/> }/>
            </ol>
            <Show when=more>
                <button type="button" class="library-more"
                    on:click=move |_| panel.limit.update(|l| *l += PAGE)>"Xem thêm"</button>
            </Show>
        </div>
    }
}

/// One result: the template's fields with the matches marked, where it comes from, whether
/// the plan has it, a checkbox and an add button.
#[component]
fn ResultItem(
    hit: Hit,
    panel: Panel,
    plan_year: Memo<i32>,
    in_plan: Memo<HashSet<String>>,
    on_add: Callback<Vec<usize>>,
) -> impl IntoView {
    let library = builtin();
    let index = hit.index;
    let template: &'static Template = &library.templates()[index];
    let source = library.source_of(template);
    let source_year = source.and_then(|s| s.year);
    let content_id = format!("library-content-{index}");
    let present = move || in_plan.with(|ids| ids.contains(&template.id));
    let checked = move || panel.selected.with(|s| s.contains(&index));

    let mut place = template.area.title_vi().to_string();
    for group in &template.group {
        place.push_str(" › ");
        place.push_str(group);
    }
    let deadline = move || {
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
    };
    let provenance = source.map(|s| s.provenance()).unwrap_or_default();
    let source_title = source.map(|s| s.title.clone()).unwrap_or_default();

    view! {
        <li class="library-result" class:in-plan=present>
            <div class="result-head">
                <label class="result-pick">
                    <input type="checkbox" aria-label=format!("Chọn mẫu: {}", short(&template.content, NAME_CHARS))
                        prop:checked=checked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            panel.selected.update(|s| {
                                if on {
                                    s.insert(index);
                                } else {
                                    s.remove(&index);
                                }
                            });
                        }/>
                    "Chọn"
                </label>
                <span class="result-place">{place}</span>
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
            <button type="button" class="result-add" aria-describedby=content_id
                on:click=move |_| on_add.run(vec![index])>"Thêm vào kế hoạch"</button>
        </li>
    }
}

/// Adds templates (by library index, put in library order) to the plan as one undo step and
/// says where they went.
fn add_to_plan(state: EditorState, mut indices: Vec<usize>) {
    let library = builtin();
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

    let numbers: Vec<String> = state.numbers.with_untracked(|n| {
        added
            .iter()
            .filter_map(|a| n.get(&a.row).cloned())
            .collect()
    });
    let created: Vec<String> = state.editor.with_untracked(|e| {
        added
            .iter()
            .filter(|a| a.area_created)
            .filter_map(|a| e.plan().row(a.area).map(|r| r.text().to_string()))
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
