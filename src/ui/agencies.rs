//! Agency names for the 2025 map: the editable directory and rename table (kept in the
//! settings), and "Cập nhật tên cơ quan", which proposes the new name of every outdated
//! name in the plan and applies the chosen ones as one undo step.

use std::collections::HashSet;

use leptos::prelude::*;

use super::review::{go_to_row, ReviewState};
use super::EditorState;
use crate::domain::agency::{
    is_commune_level, is_district_level, Agency, AgencyData, AgencyField, AgencyKind,
    RenameProposal, RenameRule, RenameTable,
};
use crate::domain::text::fold;

// `ui/mod.rs` and the agency field name them here.
pub use super::state::agencies::{directory, AgencyState};

/// The kind of a name a drafter adds, guessed from its words.
pub(super) fn guess_kind(name: &str) -> AgencyKind {
    let folded = fold(name);
    if is_district_level(name) {
        AgencyKind::DistrictLevel
    } else if is_commune_level(name) {
        AgencyKind::CommuneLevel
    } else if folded.starts_with("so ")
        || folded.starts_with("van phong ubnd")
        || folded.starts_with("thanh tra tinh")
    {
        AgencyKind::Department
    } else if folded.starts_with("ubnd") || folded.starts_with("uy ban nhan dan") {
        AgencyKind::Committee
    } else {
        AgencyKind::Other
    }
}

/// The key of a proposal, stable while the plan does not change under it.
type ProposalKey = (u64, AgencyField, usize, usize);

fn proposal_key(p: &RenameProposal) -> ProposalKey {
    (p.row, p.field, p.index, p.span.start)
}

/// "Cập nhật tên cơ quan": every outdated name with its proposed new name.
#[component]
pub fn RenamePanel(open: RwSignal<bool>) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let agencies = expect_context::<AgencyState>();
    let review = expect_context::<ReviewState>();
    // Unchecked proposals; all are checked by default.
    let unchecked = RwSignal::new(HashSet::<ProposalKey>::new());
    let proposals = Memo::new(move |_| {
        if !open.get() {
            return Vec::new();
        }
        let table = agencies.renames.get();
        state.track_plan(|e| table.proposals(e))
    });
    let apply = move |all: bool| {
        let chosen: Vec<RenameProposal> = proposals.with_untracked(|list| {
            unchecked.with_untracked(|off| {
                list.iter()
                    .filter(|p| all || !off.contains(&proposal_key(p)))
                    .cloned()
                    .collect()
            })
        });
        if chosen.is_empty() {
            state.say("Chưa chọn tên cơ quan nào để đổi.", true);
            return;
        }
        let mut applied = 0;
        state.edit(None, |plan| {
            applied = RenameTable::apply(plan, &chosen);
            applied > 0
        });
        unchecked.set(HashSet::new());
        state.epoch.update(|n| *n += 1);
        state.say(
            format!("Đã đổi {applied} tên cơ quan (hoàn tác được bằng Ctrl+Z)."),
            false,
        );
    };
    view! {
        <section class="review-panel rename-panel" id="rename-panel" aria-label="Đổi tên cơ quan theo năm 2025">
            <h2>"Cập nhật tên cơ quan"</h2>
            <Show when=move || proposals.with(|p| !p.is_empty())
                fallback=|| view! { <p>"Không còn tên cơ quan cũ nào trong kế hoạch."</p> }>
                <p>{move || format!("{} tên cơ quan cũ trong kế hoạch. Bỏ chọn tên không muốn đổi rồi bấm “Áp dụng”.", proposals.with(Vec::len))}</p>
                <div class="panel-actions">
                    <button type="button" on:click=move |_| apply(false)>"Áp dụng"</button>
                    <button type="button" on:click=move |_| apply(true)>"Áp dụng tất cả"</button>
                </div>
                <ul class="proposals">
                    <For each=move || proposals.get() key=|p| (proposal_key(p), p.item.clone(), p.new.clone()) let(p)>
                        {
                            let key = proposal_key(&p);
                            let row = p.row;
                            let tt = move || review.number(row);
                            let checked = move || unchecked.with(|off| !off.contains(&key));
                            let label = format!("{}: “{}” → “{}”", p.field.label(), p.old, p.new);
                            view! {
                                <li class:district=p.district_level>
                                    <label>
                                        <input type="checkbox" prop:checked=checked
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                unchecked.update(|off| {
                                                    if on { off.remove(&key); } else { off.insert(key); }
                                                });
                                            }/>
                                        " " {move || format!("Dòng {} – ", tt())} {label}
                                    </label>
                                    <button type="button" class="goto" on:click=move |_| go_to_row(state, row)>
                                        {move || format!("Đến dòng {}", tt())}
                                    </button>
                                    {(!p.note.is_empty()).then(|| view! { <p class="note">{p.note.clone()}</p> })}
                                    {(p.item != p.proposed).then(|| view! {
                                        <p class="note">{format!("Thành: “{}”", p.proposed)}</p>
                                    })}
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// The editable directory and rename table, kept in the settings.
#[component]
pub fn AgencySettings() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let agencies = expect_context::<AgencyState>();
    let new_name = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get_untracked().trim().to_string();
        if name.is_empty() {
            return;
        }
        let exists = agencies
            .data
            .with_untracked(|d| d.agencies.iter().any(|a| fold(&a.name) == fold(&name)));
        if exists {
            state.say(format!("“{name}” đã có trong danh mục."), true);
            return;
        }
        agencies.update(state, |d| {
            d.agencies.push(Agency {
                kind: guess_kind(&name),
                name: name.clone(),
                current: true,
                some_provinces: false,
                aliases: Vec::new(),
                note: String::new(),
            })
        });
        new_name.set(String::new());
        state.say(format!("Đã thêm “{name}” vào danh mục cơ quan."), false);
    };
    let remove_agency = move |name: String| {
        agencies.update(state, |d| d.agencies.retain(|a| a.name != name));
        state.say(format!("Đã xóa “{name}” khỏi danh mục cơ quan."), false);
    };
    let add_rule = move |_| {
        agencies.update(state, |d| {
            d.renames.push(RenameRule {
                old: String::new(),
                variants: Vec::new(),
                new: String::new(),
                note: String::new(),
                district_level: false,
            })
        });
    };
    let set_old = move |i: usize, old: String| {
        agencies.update(state, |d| {
            if let Some(rule) = d.renames.get_mut(i) {
                if rule.old != old {
                    // The other spellings belonged to the old text.
                    rule.variants.clear();
                    rule.district_level = is_district_level(&old);
                    rule.old = old;
                }
            }
        })
    };
    let set_new = move |i: usize, new: String| {
        agencies.update(state, |d| {
            if let Some(rule) = d.renames.get_mut(i) {
                rule.new = new;
            }
        })
    };
    let remove_rule = move |i: usize| {
        agencies.update(state, |d| {
            if i < d.renames.len() {
                d.renames.remove(i);
            }
        })
    };
    let reset = move |_| {
        agencies.set(state, AgencyData::builtin());
        state.say("Đã khôi phục danh mục và bảng đổi tên mặc định.", false);
    };
    let names = move || {
        agencies.data.with(|d| {
            d.agencies
                .iter()
                .map(|a| (a.name.clone(), a.current))
                .collect::<Vec<_>>()
        })
    };
    let rule_count = move || agencies.data.with(|d| d.renames.len());
    let rule_text = move |i: usize, new: bool| {
        agencies.data.with(|d| {
            d.renames
                .get(i)
                .map(|r| if new { r.new.clone() } else { r.old.clone() })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="review-panel agency-settings" id="agency-settings" aria-label="Danh mục và bảng đổi tên cơ quan">
            <h2>"Danh mục cơ quan và bảng đổi tên"</h2>
            <p class="muted">"Dữ liệu mặc định theo Nghị định 45/2025/NĐ-CP và chính quyền hai cấp; sửa được khi có thay đổi, lưu trong trình duyệt."</p>
            <div class="agency-columns">
                <div>
                    <h3>"Bảng đổi tên cơ quan"</h3>
                    <table class="rename-rules">
                        <thead><tr><th scope="col">"Tên cũ"</th><th scope="col">"Tên mới"</th><th></th></tr></thead>
                        <tbody>
                            // Rows by position: editing one rule never replaces the inputs.
                            // Each box follows its own text only (a memo): committing the old
                            // name must not reset a new name being typed in the same row.
                            <For each=move || 0..rule_count() key=|i| *i children=move |i| {
                                let old_text = Memo::new(move |_| rule_text(i, false));
                                let new_text = Memo::new(move |_| rule_text(i, true));
                                view! {
                                <tr>
                                    <td><input type="text" aria-label="Tên cũ" prop:value=old_text
                                        on:change=move |ev| set_old(i, event_target_value(&ev).trim().to_string())/></td>
                                    <td><input type="text" aria-label="Tên mới" prop:value=new_text
                                        on:change=move |ev| set_new(i, event_target_value(&ev).trim().to_string())/></td>
                                    <td><button type="button" aria-label=move || format!("Xóa dòng đổi tên {}", rule_text(i, false))
                                        on:click=move |_| remove_rule(i)>"Xóa"</button></td>
                                </tr>
                                }
                            }/>
                        </tbody>
                    </table>
                    <button type="button" on:click=add_rule>"Thêm dòng đổi tên"</button>
                </div>
                <div>
                    <h3>"Danh mục cơ quan (gợi ý khi nhập)"</h3>
                    <form class="add-agency" on:submit=add>
                        <input type="text" aria-label="Tên cơ quan mới" placeholder="Tên cơ quan mới" prop:value=move || new_name.get()
                            on:input=move |ev| new_name.set(event_target_value(&ev))/>
                        <button type="submit">"Thêm cơ quan"</button>
                    </form>
                    <ul class="agency-list">
                        <For each=names key=|n| n.clone() let((name, current))>
                            {
                                let label = format!("Xóa {name}");
                                let target = name.clone();
                                view! {
                                    <li>
                                        <span>{name.clone()}</span>
                                        {(!current).then(|| view! { <span class="muted">" (tên cũ)"</span> })}
                                        <button type="button" class="small" aria-label=label on:click=move |_| remove_agency(target.clone())>"Xóa"</button>
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                </div>
            </div>
            <button type="button" on:click=reset>"Khôi phục mặc định"</button>
        </section>
    }
}
