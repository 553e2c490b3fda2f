//! The plan list ("Danh sách kế hoạch"), the trash, and the save status with the storage
//! warnings. What they show and do is kept by [`super::state::persistence`]; the rules are
//! the domain's ([`crate::domain::storage`]).

use leptos::prelude::*;

use super::EditorState;
use crate::domain::file_format;
use crate::domain::storage::{PlanSummary, SaveStatus, TRASH_KEEP_MS};
use crate::platform;

// `ui/mod.rs` names the handle as `plans::Persistence`.
pub use super::state::persistence::Persistence;

/// Downloads the plan on screen as a plan file: the way out when storage fails.
fn download_open_plan(state: EditorState) {
    let (name, text) =
        state.read_plan(|e| (file_format::plan_file_name(e), file_format::write_plan(e)));
    if let Err(error) = platform::download_text(&name, "application/json", &text) {
        state.say(format!("Không tải được tệp: {error}"), true);
    }
}

/// The save status line and the storage warnings, with what the drafter can do about them.
#[component]
pub fn StorageStatus() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let plans = state.plans;
    let status_text = move || plans.status.with(SaveStatus::line);
    let problem = move || plans.status.with(SaveStatus::problem);
    let conflict = move || matches!(plans.status.get(), SaveStatus::Conflict { .. });
    let trashed = move || plans.status.get() == SaveStatus::Trashed;
    view! {
        <p class="save-status" role="status" aria-live="polite">{status_text}</p>
        {move || problem().map(|text| view! {
            <div class="storage-problem" role="alert">
                <p>{text}</p>
                <div class="actions">
                    <button type="button" on:click=move |_| download_open_plan(state)>"Tải kế hoạch về máy"</button>
                    <Show when=conflict>
                        <button type="button" on:click=move |_| plans.take_theirs(state)>"Mở bản mới hơn"</button>
                        <button type="button" on:click=move |_| plans.save_now(state, true)>"Ghi đè bằng bản trên màn hình"</button>
                    </Show>
                    <Show when=trashed>
                        <button type="button" on:click=move |_| {
                            let id = state.read_plan(|e| e.id.clone());
                            plans.restore(state, &id);
                            plans.status.set(SaveStatus::Pending);
                            plans.save_now(state, false);
                        }>"Khôi phục và tiếp tục lưu"</button>
                    </Show>
                </div>
            </div>
        })}
        <Show when=platform::file_access::supported>
            <div class="auto-file" role="group" aria-label="Tự động lưu vào tệp">
                {move || match plans.auto_file_name.get() {
                    Some(name) => view! {
                        <span class="muted">{format!("Đang tự động lưu vào tệp “{name}”.")}</span>
                        <button type="button" on:click=move |_| plans.stop_auto_file()>"Ngừng tự động lưu vào tệp"</button>
                    }.into_any(),
                    None => view! {
                        <button type="button" on:click=move |_| plans.start_auto_file(state)
                            title="Chọn một tệp trên máy; kế hoạch đang mở được ghi vào đó sau mỗi lần tự lưu">"Tự động lưu vào tệp"</button>
                    }.into_any(),
                }}
            </div>
        </Show>
        <Show when=move || plans.file_reminder.get()>
            <div class="file-reminder" role="status" aria-label="Nhắc lưu tệp kế hoạch">
                <p>"Kế hoạch này đã thay đổi mà chưa được lưu ra tệp hơn 7 ngày. Nên lưu một bản ra tệp trên máy, phòng khi trình duyệt xóa dữ liệu của trang."</p>
                <button type="button" on:click=move |_| {
                    download_open_plan(state);
                    plans.file_saved(state);
                }>"Lưu tệp ngay"</button>
                <button type="button" on:click=move |_| plans.file_reminder.set(false)>"Để sau"</button>
            </div>
        </Show>
        <For each=move || plans.notices.get() key=|n| n.id let(notice)>
            <div class="storage-problem" role="alert">
                <p>{notice.text.clone()}</p>
                <div class="actions">
                    {notice.backup_key.clone().map(|key| view! {
                        <button type="button" on:click=move |_| {
                            if let Err(error) = plans.download_backup(&key) {
                                state.say(error, true);
                            }
                        }>"Tải bản gốc về máy"</button>
                    })}
                    <button type="button" on:click=move |_| plans.notices.update(|list| list.retain(|n| n.id != notice.id))>"Đã hiểu"</button>
                </div>
            </div>
        </For>
    }
}

/// "Danh sách kế hoạch": every stored plan, and the trash.
#[component]
pub fn PlanList() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let plans = state.plans;
    let shown = RwSignal::new(false);
    let open_id = move || state.plan_id.get();
    view! {
        <section class="plan-list" aria-label="Danh sách kế hoạch">
            <button type="button" class="toggle" aria-expanded=move || shown.get().to_string()
                on:click=move |_| shown.update(|s| *s = !*s)>
                {move || format!("Danh sách kế hoạch ({})", plans.list.with(Vec::len))}
            </button>
            <Show when=move || shown.get()>
                <table class="plans">
                    <thead><tr>
                        <th scope="col">"Tên kế hoạch"</th><th scope="col">"Tỉnh, thành phố"</th>
                        <th scope="col">"Năm"</th><th scope="col">"Sửa lần cuối"</th><th scope="col">"Thao tác"</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || plans.list.get() key=|s| (s.id.clone(), s.title.clone(), s.changed_at.to_bits()) let(summary)>
                            <PlanRow is_open=Signal::derive({
                                let id = summary.id.clone();
                                move || open_id() == id
                            }) summary/>
                        </For>
                    </tbody>
                </table>
                <TrashList/>
                <StorageUsage/>
                <Backups/>
            </Show>
        </section>
    }
}

#[component]
fn PlanRow(summary: PlanSummary, is_open: Signal<bool>) -> impl IntoView {
    let state = expect_context::<EditorState>();
    let plans = state.plans;
    let renaming = RwSignal::new(None::<String>);
    let id = StoredValue::new(summary.id.clone());
    let title = summary.title.clone();
    view! {
        <tr class:open=is_open>
            <td>
                {move || match renaming.get() {
                    Some(text) => view! {
                        <input type="text" aria-label="Tên mới" prop:value=text
                            on:input=move |ev| renaming.set(Some(event_target_value(&ev)))
                            on:keydown=move |ev| if ev.key() == "Enter" {
                                if let Some(text) = renaming.get_untracked() {
                                    plans.rename(state, &id.get_value(), text);
                                }
                                renaming.set(None);
                            }/>
                    }.into_any(),
                    None => view! { <span>{title.clone()}</span> }.into_any(),
                }}
            </td>
            <td>{summary.province.clone()}</td>
            <td>{summary.year}</td>
            <td>{platform::format_time(summary.changed_at)}</td>
            <td class="actions">
                <Show when=move || !is_open.get() fallback=|| view! { <span class="badge">"Đang mở"</span> }>
                    <button type="button" on:click=move |_| plans.open_plan(state, &id.get_value())>"Mở"</button>
                </Show>
                {
                    let title = summary.title.clone();
                    move || match renaming.get() {
                        Some(_) => view! {
                            <button type="button" on:click=move |_| {
                                if let Some(text) = renaming.get_untracked() {
                                    plans.rename(state, &id.get_value(), text);
                                }
                                renaming.set(None);
                            }>"Lưu tên"</button>
                        }.into_any(),
                        None => {
                            let title = title.clone();
                            view! { <button type="button" on:click=move |_| renaming.set(Some(title.clone()))>"Đổi tên"</button> }.into_any()
                        }
                    }
                }
                <button type="button" on:click=move |_| plans.duplicate(state, &id.get_value())>"Nhân bản"</button>
                <button type="button" on:click=move |_| plans.delete(state, &id.get_value())>"Xóa"</button>
            </td>
        </tr>
    }
}

#[component]
fn TrashList() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let plans = state.plans;
    let confirming = RwSignal::new(false);
    view! {
        <section class="trash" aria-label="Thùng rác">
            <h3>{move || format!("Thùng rác ({})", plans.trash.with(Vec::len))}</h3>
            <Show when=move || plans.trash.with(|t| !t.is_empty()) fallback=|| view! { <p class="muted">"Thùng rác trống."</p> }>
                <ul>
                    <For each=move || plans.trash.get() key=|s| s.id.clone() let(summary)>
                        <li>
                            <span>{format!("{} — {} {}", summary.title, summary.province, summary.year)}</span>
                            <span class="muted">{summary.deleted_at.map(|at| format!(" (tự xóa sau {})", platform::format_time(at + TRASH_KEEP_MS)))}</span>
                            <button type="button" on:click={
                                let id = summary.id.clone();
                                move |_| plans.restore(state, &id)
                            }>"Khôi phục"</button>
                        </li>
                    </For>
                </ul>
                <Show when=move || confirming.get()
                    fallback=move || view! { <button type="button" on:click=move |_| confirming.set(true)>"Dọn sạch thùng rác"</button> }>
                    <div class="confirm" role="alertdialog" aria-label="Xác nhận dọn thùng rác">
                        <p>{move || format!("Xóa vĩnh viễn {} kế hoạch trong thùng rác? Không thể hoàn tác.", plans.trash.with(Vec::len))}</p>
                        <button type="button" on:click=move |_| {
                            plans.empty_trash(state);
                            confirming.set(false);
                        }>"Xóa vĩnh viễn"</button>
                        <button type="button" on:click=move |_| confirming.set(false)>"Hủy"</button>
                    </div>
                </Show>
            </Show>
        </section>
    }
}

/// Megabytes in Vietnamese writing: "1,2 MB", "2.047 MB".
fn megabytes(bytes: f64) -> String {
    let mb = bytes / (1024.0 * 1024.0);
    if mb < 100.0 {
        format!("{mb:.1} MB").replace('.', ",")
    } else {
        let whole = format!("{:.0}", mb.round());
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push('.');
            }
            grouped.push(c);
        }
        format!("{grouped} MB")
    }
}

/// How much of the browser's storage the app uses and may still use
/// (`navigator.storage.estimate()`), read when the list is shown.
#[component]
fn StorageUsage() -> impl IntoView {
    // None while asking; Some(None) when the browser does not say (WebKit may not).
    let usage = RwSignal::new(None::<Option<(f64, f64)>>);
    leptos::task::spawn_local(async move {
        usage.set(Some(platform::storage_estimate().await));
    });
    view! {
        <p class="muted storage-usage">{move || usage.get().map(|known| match known {
            Some((used, quota)) => format!(
                "Bộ nhớ trình duyệt: đã dùng {}, còn trống khoảng {}.",
                megabytes(used),
                megabytes((quota - used).max(0.0))
            ),
            None => "Bộ nhớ trình duyệt: trình duyệt này không cho biết dung lượng đã dùng.".to_string(),
        })}</p>
    }
}

/// "Bản sao lưu": the raw copies of unreadable data and the unsaved changes a newer save
/// overtook (the unload journal's), with their date and size, to download or delete (after a
/// confirmation), so whatever the app set aside is always recoverable by the drafter.
#[component]
fn Backups() -> impl IntoView {
    let state = expect_context::<EditorState>();
    let plans = state.plans;
    let shown = RwSignal::new(false);
    let list = RwSignal::new(Vec::new());
    let confirming = RwSignal::new(None::<String>);
    let reload = move || match plans.backups() {
        Ok(backups) => list.set(backups),
        Err(error) => state.say(error, true),
    };
    view! {
        <button type="button" on:click=move |_| {
            reload();
            shown.set(true);
        }>"Bản sao lưu"</button>
        <Show when=move || shown.get()>
            <div class="backups" role="dialog" aria-label="Bản sao lưu">
                <h3>{move || format!("Bản sao lưu ({})", list.with(Vec::len))}</h3>
                <p class="muted">"Ứng dụng giữ ở đây bản gốc của dữ liệu không đọc được, và những thay đổi chưa kịp lưu mà một bản lưu mới hơn (ở thẻ khác) đã thay thế. Tải về để xem lại hoặc mở lại; xóa khi không còn cần."</p>
                <Show when=move || list.with(|l| !l.is_empty()) fallback=|| view! { <p class="muted">"Không có bản sao lưu nào."</p> }>
                    <ul>
                        <For each=move || list.get() key=|(info, _)| info.key.clone() let((info, size))>
                            <li>
                                <span>{format!("{} — {} — {}", info.original_key, platform::format_time(info.taken_at), kilobytes(size))}</span>
                                <button type="button" on:click={
                                    let key = info.key.clone();
                                    move |_| if let Err(error) = plans.download_backup(&key) { state.say(error, true) }
                                }>"Tải bản sao lưu về máy"</button>
                                <button type="button" on:click={
                                    let key = info.key.clone();
                                    move |_| confirming.set(Some(key.clone()))
                                }>"Xóa bản sao lưu"</button>
                            </li>
                        </For>
                    </ul>
                </Show>
                <Show when=move || confirming.with(Option::is_some)>
                    <div class="confirm" role="alertdialog" aria-label="Xác nhận xóa bản sao lưu">
                        <p>"Xóa bản sao lưu này khỏi trình duyệt? Không thể hoàn tác; hãy tải về máy trước nếu còn cần."</p>
                        <button type="button" on:click=move |_| {
                            if let Some(key) = confirming.get_untracked() {
                                match plans.remove_backup(&key) {
                                    Ok(()) => state.say("Đã xóa bản sao lưu.", false),
                                    Err(error) => state.say(error, true),
                                }
                            }
                            confirming.set(None);
                            reload();
                        }>"Xóa hẳn bản sao lưu"</button>
                        <button type="button" on:click=move |_| confirming.set(None)>"Không xóa"</button>
                    </div>
                </Show>
                <button type="button" on:click=move |_| shown.set(false)>"Đóng bản sao lưu"</button>
            </div>
        </Show>
    }
}

/// A size in bytes as "12,3 KB" (KB = 1.024 bytes).
fn kilobytes(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0).replace('.', ",")
}
