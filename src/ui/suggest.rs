//! A text field with a list of suggestions under it (ARIA combobox pattern).
//!
//! Arrow keys move through the list, Enter or Tab takes the highlighted suggestion, Escape
//! closes it; a click takes one too. Free text is always allowed.

use std::sync::OnceLock;

use leptos::prelude::*;

use crate::domain::agency::Directory;
use crate::domain::province::Provinces;

/// The built-in agency directory, parsed once.
pub fn directory() -> &'static Directory {
    static DIRECTORY: OnceLock<Directory> = OnceLock::new();
    DIRECTORY.get_or_init(Directory::builtin)
}

/// The built-in list of provinces, parsed once.
pub fn provinces() -> &'static Provinces {
    static PROVINCES: OnceLock<Provinces> = OnceLock::new();
    PROVINCES.get_or_init(Provinces::builtin)
}

/// One suggestion: the text it puts in the field, and a note shown after it ("tên cũ").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub note: Option<String>,
}

impl From<String> for Choice {
    fn from(value: String) -> Choice {
        Choice { value, note: None }
    }
}

/// A textarea with suggestions. `suggest` lists suggestions for the text; `accept` gives the
/// text after taking one; `on_text` receives every new text (typed or accepted).
#[component]
pub fn SuggestField(
    label: &'static str,
    class: &'static str,
    list_id: String,
    #[prop(into)] value: Signal<String>,
    on_text: Callback<String>,
    #[prop(optional)] on_blur: Option<Callback<()>>,
    suggest: Callback<String, Vec<Choice>>,
    accept: Callback<(String, String), String>,
    /// What Enter or Tab commits when no suggestion is highlighted: the whole text's
    /// expansion (a deadline shortcut), or `None` to leave the text as typed.
    #[prop(optional)]
    expand: Option<Callback<String, Option<String>>>,
) -> impl IntoView {
    let items = RwSignal::new(Vec::<Choice>::new());
    let active = RwSignal::new(None::<usize>);
    let open = move || items.with(|i| !i.is_empty());
    let refresh = move |text: String| {
        items.set(suggest.run(text));
        active.set(None);
    };
    let take = move |choice: String| {
        let text = accept.run((value.get_untracked(), choice));
        on_text.run(text.clone());
        refresh(text);
    };
    let option_id = {
        let list_id = list_id.clone();
        move |i: usize| format!("{list_id}-{i}")
    };
    let active_id = {
        let option_id = option_id.clone();
        move || active.get().map(&option_id)
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = items.with(Vec::len);
        match ev.key().as_str() {
            // A key the list uses stops here: the table's own keys (row moves) never see it.
            "ArrowDown" if count > 0 && !ev.alt_key() => {
                ev.prevent_default();
                ev.stop_propagation();
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 && !ev.alt_key() => {
                ev.prevent_default();
                ev.stop_propagation();
                active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Enter" | "Tab" if !ev.alt_key() && !ev.ctrl_key() => {
                let choice = active.get_untracked().and_then(|i| {
                    items.with_untracked(|list| list.get(i).map(|c| c.value.clone()))
                });
                let expanded = || expand.and_then(|expand| expand.run(value.get_untracked()));
                if let Some(choice) = choice {
                    ev.prevent_default();
                    ev.stop_propagation();
                    take(choice);
                } else if let Some(text) = expanded() {
                    // Tab still moves on; Enter stays (one-line cell).
                    if ev.key() == "Enter" {
                        ev.prevent_default();
                    }
                    on_text.run(text);
                    items.set(Vec::new());
                } else if ev.key() == "Enter" && !ev.shift_key() {
                    // One-line cells: Enter confirms rather than breaking the line.
                    ev.prevent_default();
                    items.set(Vec::new());
                }
            }
            "Escape" if count > 0 => {
                ev.prevent_default();
                ev.stop_propagation();
                items.set(Vec::new());
            }
            _ => {}
        }
    };
    view! {
        <div class="suggest">
            <textarea class=class rows="1" aria-label=label role="combobox" aria-autocomplete="list"
                aria-controls=list_id.clone()
                aria-expanded=move || open().to_string()
                aria-activedescendant=active_id
                prop:value=move || value.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    on_text.run(text.clone());
                    refresh(text);
                }
                on:keydown=on_keydown
                on:blur=move |_| {
                    items.set(Vec::new());
                    if let Some(on_blur) = on_blur {
                        on_blur.run(());
                    }
                }></textarea>
            <Show when=open>
                <ul class="suggestions" role="listbox" id=list_id.clone() aria-label=format!("Gợi ý {}", label.to_lowercase())>
                    {
                        let option_id = option_id.clone();
                        move || items.get().into_iter().enumerate().map(|(i, item)| {
                            let chosen = item.value.clone();
                            let note = item.note.map(|note| view! { " " <span class="note">"("{note}")"</span> });
                            view! {
                                <li role="option" id=option_id(i) aria-selected=move || (active.get() == Some(i)).to_string()
                                    on:mousedown=move |ev| {
                                        ev.prevent_default();
                                        take(chosen.clone());
                                    }>{item.value}{note}</li>
                            }
                        }).collect_view()
                    }
                </ul>
            </Show>
        </div>
    }
}
