//! Plans in IndexedDB (issue #19), the app's store (`cchc.backend = "localStorage"` keeps a
//! browser on the fallback; these tests also ask for "indexeddb" outright): the move of every
//! stored schema out of localStorage, typing kept across a reload, each IndexedDB fault said
//! in Vietnamese without losing anything, unreadable and newer data, two windows, a blocked
//! IndexedDB, the backups dialog, and big data (25.000 templates, 50 plans of 300 tasks)
//! kept across a reload.

use std::time::Duration;

use cchc_plan::domain::file_format::write_plan;
use cchc_plan::domain::plan::{Plan, Task};
use cchc_plan::domain::storage::SCHEMA_VERSION;
use fantoccini::wd::WindowHandle;
use serde_json::{json, Value};

use crate::harness::{bail, browser_tests, BrowserTest, Kind, Page, Result};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        a_fresh_browser_keeps_its_plans_in_indexeddb,
        indexeddb_takes_over_stored_data_of_every_schema,
        indexeddb_keeps_typing_across_an_immediate_reload,
        indexeddb_writes_a_reload_cut_off_come_back_from_the_journal,
        indexeddb_a_journal_overtaken_by_another_window_is_kept_as_a_backup,
        indexeddb_writes_that_fail_then_work_never_overwrite_another_windows_newer_save,
        indexeddb_faults_are_said_and_lose_nothing,
        indexeddb_unreadable_plan_is_backed_up_listed_downloaded_and_deleted,
        indexeddb_newer_schema_is_kept,
        indexeddb_older_window_cannot_overwrite_a_newer_save,
        indexeddb_blocked_keeps_localstorage,
        indexeddb_keeps_25000_imported_templates_searchable,
        indexeddb_keeps_50_plans_of_300_tasks,
        file_reminder_after_eight_days_without_a_file_save,
        auto_save_to_a_picked_file_after_each_autosave,
    ]
}

const SAVED: &str = "Đã lưu trong trình duyệt.";
const CONTENT: &str = "Nội dung, nhiệm vụ";
const FIXTURE_ID: &str = "kh-1767225600000-042137";
const FIXTURE_TITLE: &str = "Kế hoạch cải cách hành chính năm 2027";

/// Every record of the app's database as `{key: text}` (the app must have created it).
const IDB_ALL: &str = r#"
return new Promise((resolve, reject) => {
  const open = indexedDB.open('cchc');
  open.onerror = () => reject(String(open.error));
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction('kv');
    const keys = tx.objectStore('kv').getAllKeys();
    const values = tx.objectStore('kv').getAll();
    tx.oncomplete = () => {
      const all = {};
      keys.result.forEach((k, i) => all[k] = values.result[i]);
      db.close();
      resolve(all);
    };
  };
});
"#;

/// Writes `arguments[1]` under `arguments[0]` in the app's database, as another program would.
const IDB_PUT: &str = r#"
const [key, value] = arguments;
return new Promise((resolve, reject) => {
  const open = indexedDB.open('cchc');
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction('kv', 'readwrite');
    tx.objectStore('kv').put(value, key);
    tx.oncomplete = () => { db.close(); resolve(true); };
    tx.onerror = () => reject(String(tx.error));
  };
});
"#;

async fn idb_all(page: &Page) -> Result<serde_json::Map<String, Value>> {
    match page.js(IDB_ALL).await? {
        Value::Object(all) => Ok(all),
        other => bail!("the database did not read back: {other}"),
    }
}

async fn local_keys(page: &Page) -> Result<Vec<String>> {
    let keys = page.js("return Object.keys(localStorage).sort();").await?;
    Ok(serde_json::from_value(keys)?)
}

/// Turns IndexedDB on for this browser and reloads.
async fn use_indexeddb(page: &Page) -> Result {
    page.js("localStorage.setItem('cchc.backend', 'indexeddb');")
        .await?;
    page.reload().await?;
    assert_eq!(
        page.js("return window.cchcApp.storageBackend();").await?,
        json!("indexeddb")
    );
    Ok(())
}

async fn add_task(page: &Page, content: &str) -> Result {
    let before = page.count_of(Kind::Field, CONTENT).await?;
    page.click_button("Thêm nhiệm vụ").await?;
    page.wait_for_field_count(CONTENT, before + 1).await?;
    page.type_into(CONTENT, before, content).await
}

async fn wait_for_value(page: &Page, name: &str, nth: usize, expected: &str) -> Result {
    page.wait_for(
        &format!("{name:?} #{nth} to read {expected:?}"),
        |p| async move { Ok(p.value_of(name, nth).await? == expected) },
    )
    .await
}

/// The texts of the database's keys that start with `prefix` (from [`idb_all`]).
fn texts_under<'a>(all: &'a serde_json::Map<String, Value>, prefix: &str) -> Vec<&'a str> {
    all.iter()
        .filter(|(k, _)| k.starts_with(prefix))
        .filter_map(|(_, v)| v.as_str())
        .collect()
}

/// Waits until the database holds a plan blob containing `text`; returns its key.
async fn wait_stored(page: &Page, text: &str) -> Result<String> {
    let mut last = serde_json::Map::new();
    for _ in 0..100 {
        last = idb_all(page).await?;
        if let Some((key, _)) = last.iter().find(|(k, v)| {
            k.starts_with("cchc.plan.") && v.as_str().is_some_and(|v| v.contains(text))
        }) {
            return Ok(key.clone());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!(
        "no plan holding {text:?} in IndexedDB: {:?}",
        last.keys().collect::<Vec<_>>()
    )
}

/// Opens the app in a second window of the same browser, where the first task reads `before`,
/// and saves `after` over it there; the second window stays the current one.
async fn save_in_a_second_window(page: &Page, before: &str, after: &str) -> Result {
    let client = page.client();
    let second = client.new_window(false).await?.handle;
    client.switch_to_window(second).await?;
    client.goto(&format!("{}/", page.base_url())).await?;
    wait_for_value(page, CONTENT, 0, before).await?;
    page.clear_and_type(CONTENT, 0, after).await?;
    wait_stored(page, after).await?;
    Ok(())
}

/// The plan reads "Bản đầu" in IndexedDB; this window's writes fail while it types " của cửa sổ
/// một" after it, and a second window saves "Bản của cửa sổ hai" over "Bản đầu". Returns the
/// plan's key and this window's handle (the second window is the current one).
async fn overtaken_in_a_second_window(page: &Page) -> Result<(String, WindowHandle)> {
    use_indexeddb(page).await?;
    add_task(page, "Bản đầu").await?;
    page.wait_for_body_text(SAVED).await?;
    let key = wait_stored(page, "Bản đầu").await?;
    let injected = page
        .js("return window.cchcApp.storageFault('aborted');")
        .await?;
    assert_eq!(injected, json!(true));
    page.type_into(CONTENT, 0, " của cửa sổ một").await?;
    page.wait_for_body_text("đã hủy lần ghi").await?;
    let first = page.client().window().await?;
    save_in_a_second_window(page, "Bản đầu", "Bản của cửa sổ hai").await?;
    Ok((key, first))
}

fn fixture(version: u32, name: &str) -> Result<String> {
    let path = format!(
        "{}/tests/fixtures/storage/v{version}/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    Ok(std::fs::read_to_string(&path)?)
}

/// With nothing chosen, the plans go to IndexedDB and only the settings to localStorage.
async fn a_fresh_browser_keeps_its_plans_in_indexeddb(page: Page) -> Result {
    assert_eq!(
        page.js("return window.cchcApp.storageBackend();").await?,
        json!("indexeddb")
    );
    add_task(&page, "Lưu trong IndexedDB").await?;
    page.wait_for_body_text(SAVED).await?;
    wait_stored(&page, "Lưu trong IndexedDB").await?;
    let local = local_keys(&page).await?;
    assert!(
        !local
            .iter()
            .any(|k| k == "cchc.index" || k.starts_with("cchc.plan.") || k == "cchc.templates"),
        "the app's data in localStorage: {local:?}"
    );
    page.reload().await?;
    wait_for_value(&page, CONTENT, 0, "Lưu trong IndexedDB").await?;
    Ok(())
}

async fn indexeddb_takes_over_stored_data_of_every_schema(page: Page) -> Result {
    // Each fixture is put in place by a page that runs on localStorage.
    page.use_local_storage().await?;
    for version in 1..=SCHEMA_VERSION {
        // localStorage as an app of this schema left it (the page runs on localStorage and
        // does not write again before it is reloaded: nothing is pending).
        page.js("localStorage.clear(); return new Promise(r => { const d = indexedDB.deleteDatabase('cchc'); d.onsuccess = d.onerror = d.onblocked = () => r(true); });")
            .await?;
        page.js_with(
            "const [index, plan, settings, id] = arguments;
             localStorage.setItem('cchc.index', index);
             localStorage.setItem('cchc.plan.' + id, plan);
             localStorage.setItem('cchc.settings', settings);
             localStorage.setItem('cchc.backup.cchc.plan.x.1700000000000', '{hỏng');
             return true;",
            vec![
                json!(fixture(version, "index.json")?),
                json!(fixture(version, "plan.json")?),
                json!(fixture(version, "settings.json")?),
                json!(FIXTURE_ID),
            ],
        )
        .await?;
        use_indexeddb(&page).await?;
        wait_for_value(&page, "Tên kế hoạch", 0, FIXTURE_TITLE).await?;
        let all = idb_all(&page).await?;
        let plan_key = format!("cchc.plan.{FIXTURE_ID}");
        assert_eq!(
            all.get(&plan_key).and_then(Value::as_str),
            Some(fixture(version, "plan.json")?.as_str()),
            "v{version}: the plan moved as it was"
        );
        assert!(all.contains_key("cchc.index"), "v{version}");
        assert_eq!(
            all.get("cchc.backup.cchc.plan.x.1700000000000"),
            Some(&json!("{hỏng"))
        );
        // Removed from localStorage only after the copy read back equal; settings stay.
        let left = local_keys(&page).await?;
        assert!(
            !left.iter().any(|k| k == "cchc.index"
                || k.starts_with("cchc.plan.")
                || k.starts_with("cchc.backup.")),
            "v{version}: left in localStorage: {left:?}"
        );
        assert!(
            left.iter().any(|k| k == "cchc.settings"),
            "v{version}: {left:?}"
        );
        page.reload().await?;
        wait_for_value(&page, "Tên kế hoạch", 0, FIXTURE_TITLE).await?;
        // Back to localStorage for the next version's fixture.
        page.use_local_storage().await?;
    }
    Ok(())
}

async fn indexeddb_keeps_typing_across_an_immediate_reload(page: Page) -> Result {
    use_indexeddb(&page).await?;
    add_task(&page, "Rà soát thủ tục hành chính").await?;
    // No waiting for the debounce: leaving the page must write to IndexedDB.
    page.reload().await?;
    wait_for_value(&page, CONTENT, 0, "Rà soát thủ tục hành chính").await?;
    wait_stored(&page, "Rà soát thủ tục hành chính").await?;
    let keys = local_keys(&page).await?;
    assert!(
        !keys
            .iter()
            .any(|k| k.starts_with("cchc.plan.") || k == "cchc.index"),
        "plans left in localStorage: {keys:?}"
    );
    Ok(())
}

/// An engine may drop the IndexedDB transaction of a page being reloaded (WebKit does), so
/// the app also keeps what is not yet durable in a localStorage journal while the page goes.
/// Here every IndexedDB write fails (an injected fault), so only the journal has the last
/// edit: after the reload it is back on screen, in IndexedDB, and the journal is gone.
async fn indexeddb_writes_a_reload_cut_off_come_back_from_the_journal(page: Page) -> Result {
    use_indexeddb(&page).await?;
    add_task(&page, "Trước khi tải lại").await?;
    page.wait_for_body_text(SAVED).await?;
    wait_stored(&page, "Trước khi tải lại").await?;
    let injected = page
        .js("return window.cchcApp.storageFault('aborted');")
        .await?;
    assert_eq!(injected, json!(true));
    page.type_into(CONTENT, 0, " và sau đó").await?;
    page.wait_for_body_text("đã hủy lần ghi").await?;
    let stored = idb_all(&page).await?;
    if stored
        .values()
        .any(|v| v.as_str().is_some_and(|v| v.contains("và sau đó")))
    {
        bail!("the edit reached IndexedDB despite the fault");
    }
    page.reload().await?;
    wait_for_value(&page, CONTENT, 0, "Trước khi tải lại và sau đó").await?;
    wait_stored(&page, "Trước khi tải lại và sau đó").await?;
    let keys = local_keys(&page).await?;
    assert!(
        !keys.iter().any(|k| k.starts_with("cchc.unsaved.")),
        "a journal left after its writes were made durable: {keys:?}"
    );
    // Typing on saves as usual (the revision replayed is the one the page holds).
    page.type_into(CONTENT, 0, ", rồi gõ tiếp").await?;
    page.wait_for_body_text(SAVED).await?;
    wait_stored(&page, "và sau đó, rồi gõ tiếp").await?;
    let body = page.body_text().await?;
    assert!(
        !body.contains("chưa kịp lưu"),
        "the drafter's own edit came back: nothing to be told"
    );
    Ok(())
}

/// Two windows: the first cannot finish its writes (every IndexedDB write fails) and is
/// reloaded, so its edit goes into the unload journal; meanwhile the second window saved the
/// same plan. The journal must not overwrite the newer save: its text is kept in "Bản sao lưu"
/// and the drafter is told. Nothing is lost either way.
async fn indexeddb_a_journal_overtaken_by_another_window_is_kept_as_a_backup(page: Page) -> Result {
    let (key, first) = overtaken_in_a_second_window(&page).await?;
    let client = page.client();
    client.close_window().await?;

    client.switch_to_window(first).await?;
    page.reload().await?;
    page.wait_for_body_text("chưa kịp lưu").await?;
    wait_for_value(&page, CONTENT, 0, "Bản của cửa sổ hai").await?;
    let all = idb_all(&page).await?;
    let stored = all[&key].as_str().unwrap_or_default();
    assert!(
        stored.contains("Bản của cửa sổ hai") && !stored.contains("cửa sổ một"),
        "the newer save was overwritten by the journal"
    );
    let kept = texts_under(&all, "cchc.backup.");
    assert!(
        kept.iter()
            .any(|text| text.contains("Bản đầu của cửa sổ một")),
        "the first window's edit is not in a backup: {kept:?}"
    );
    let keys = local_keys(&page).await?;
    assert!(
        !keys.iter().any(|k| k.starts_with("cchc.unsaved.")),
        "the journal was left after its text was kept: {keys:?}"
    );
    // The drafter finds it where the notice says, and downloads it.
    open_list(&page).await?;
    page.click_button("Bản sao lưu").await?;
    page.wait_for_body_text("Bản sao lưu (1)").await?;
    page.wait_for_body_text(&key).await?;
    page.click_button("Tải bản sao lưu về máy").await?;
    let file = page.wait_for_download(".json").await?;
    assert!(std::fs::read_to_string(file)?.contains("Bản đầu của cửa sổ một"));
    Ok(())
}

/// While this window's writes fail, another window saves the same plan. When the writes work
/// again, this window's queued text must not land on the newer save: the database keeps the
/// other window's text, this window's goes to a backup the notice offers, and autosave here
/// stops until the drafter opens the newer save.
async fn indexeddb_writes_that_fail_then_work_never_overwrite_another_windows_newer_save(
    page: Page,
) -> Result {
    let (key, first) = overtaken_in_a_second_window(&page).await?;
    let client = page.client();
    client.switch_to_window(first).await?;
    page.js("window.cchcApp.storageFault(null);").await?;
    page.wait_for_body_text("không ghi đè lên nó").await?;
    page.wait_for_body_text("vừa được lưu ở một thẻ hoặc cửa sổ khác")
        .await?;
    let all = idb_all(&page).await?;
    let stored = all[&key].as_str().unwrap_or_default();
    assert!(
        stored.contains("Bản của cửa sổ hai") && !stored.contains("cửa sổ một"),
        "the newer save was overwritten: {stored}"
    );
    let kept = texts_under(&all, &format!("cchc.backup.{key}."));
    assert!(
        kept.len() == 1 && kept[0].contains("Bản đầu của cửa sổ một"),
        "this window's text is not in one backup of the plan: {kept:?}"
    );
    page.click_button("Tải bản gốc về máy").await?;
    let file = page.wait_for_download(".json").await?;
    assert!(std::fs::read_to_string(file)?.contains("Bản đầu của cửa sổ một"));
    page.click_button("Mở bản mới hơn").await?;
    wait_for_value(&page, CONTENT, 0, "Bản của cửa sổ hai").await?;
    Ok(())
}

async fn indexeddb_faults_are_said_and_lose_nothing(page: Page) -> Result {
    use_indexeddb(&page).await?;
    add_task(&page, "Trước lỗi").await?;
    page.wait_for_body_text(SAVED).await?;
    let faults = [
        ("quota", "(IndexedDB) đã đầy"),
        ("aborted", "đã hủy lần ghi"),
        ("versionchange", "Một thẻ khác vừa mở phiên bản mới hơn"),
        ("unavailable", "chế độ riêng tư"),
    ];
    let mut expected = "Trước lỗi".to_string();
    for (i, (kind, message)) in faults.iter().enumerate() {
        let injected = page
            .js_with(
                "return window.cchcApp.storageFault(arguments[0]);",
                vec![json!(kind)],
            )
            .await?;
        assert_eq!(injected, json!(true));
        let typed = format!(" {i}");
        page.type_into(CONTENT, 0, &typed).await?;
        expected.push_str(&typed);
        page.wait_for_body_text(message).await?;
        page.wait_for_body_text("vẫn còn nguyên trong trang này")
            .await?;
        assert_eq!(page.value_of(CONTENT, 0).await?, expected);
        // The fault passes: what was kept in the page is written.
        page.js("window.cchcApp.storageFault(null);").await?;
        page.wait_for_body_text(SAVED).await?;
        wait_stored(&page, &expected).await?;
    }
    page.reload().await?;
    wait_for_value(&page, CONTENT, 0, &expected).await?;
    Ok(())
}

async fn open_list(page: &Page) -> Result {
    page.js("document.querySelector('.plan-list .toggle').click();")
        .await?;
    page.wait_for_body_text("Thùng rác").await
}

async fn indexeddb_unreadable_plan_is_backed_up_listed_downloaded_and_deleted(
    page: Page,
) -> Result {
    use_indexeddb(&page).await?;
    add_task(&page, "Việc quan trọng").await?;
    let key = wait_stored(&page, "Việc quan trọng").await?;
    page.js_with(IDB_PUT, vec![json!(key), json!("{hỏng")])
        .await?;
    page.reload().await?;
    page.wait_for_body_text("bị hỏng").await?;
    open_list(&page).await?;
    // The storage used and left, when the browser tells (`navigator.storage.estimate()`);
    // else a note that it does not.
    let tells = page
        .js("return navigator.storage && navigator.storage.estimate
                 ? navigator.storage.estimate().then((e) => typeof e.usage === 'number'
                       && typeof e.quota === 'number', () => false)
                 : false;")
        .await?;
    page.wait_for_body_text(if tells == json!(true) {
        "Bộ nhớ trình duyệt: đã dùng"
    } else {
        "Bộ nhớ trình duyệt: trình duyệt này không cho biết dung lượng đã dùng."
    })
    .await?;
    page.click_button("Bản sao lưu").await?;
    page.wait_for_body_text("Bản sao lưu (1)").await?;
    // Listed with the key it came from, its date and its size.
    page.wait_for_body_text(&key).await?;
    page.wait_for_body_text("0,0 KB").await?;
    page.click_button("Tải bản sao lưu về máy").await?;
    let file = page.wait_for_download(".json").await?;
    assert_eq!(std::fs::read_to_string(file)?, "{hỏng");
    // Deleting asks first.
    page.click_button("Xóa bản sao lưu").await?;
    page.wait_for_body_text("Không thể hoàn tác").await?;
    page.click_button("Không xóa").await?;
    page.wait_for_body_text("Bản sao lưu (1)").await?;
    page.click_button("Xóa bản sao lưu").await?;
    page.click_button("Xóa hẳn bản sao lưu").await?;
    page.wait_for_body_text("Bản sao lưu (0)").await?;
    page.wait_for("the backup removed from IndexedDB", |p| async move {
        Ok(!idb_all(&p)
            .await?
            .keys()
            .any(|k| k.starts_with("cchc.backup.")))
    })
    .await?;
    Ok(())
}

async fn indexeddb_newer_schema_is_kept(page: Page) -> Result {
    use_indexeddb(&page).await?;
    add_task(&page, "Việc của bản mới").await?;
    let key = wait_stored(&page, "Việc của bản mới").await?;
    let all = idb_all(&page).await?;
    let mut blob: Value = serde_json::from_str(all[&key].as_str().unwrap_or_default())?;
    blob["schema"] = json!(99);
    page.js_with(IDB_PUT, vec![json!(key), json!(blob.to_string())])
        .await?;
    page.reload().await?;
    page.wait_for_body_text("99").await?;
    let kept: Value =
        serde_json::from_str(idb_all(&page).await?[&key].as_str().unwrap_or_default())?;
    assert_eq!(kept["schema"], json!(99));
    Ok(())
}

async fn indexeddb_older_window_cannot_overwrite_a_newer_save(page: Page) -> Result {
    use_indexeddb(&page).await?;
    add_task(&page, "Bản đầu").await?;
    let key = wait_stored(&page, "Bản đầu").await?;
    let client = page.client();
    let first = client.window().await?;
    save_in_a_second_window(&page, "Bản đầu", "Bản mới của cửa sổ hai").await?;

    client.switch_to_window(first).await?;
    page.wait_for_body_text("vừa được lưu ở một thẻ hoặc cửa sổ khác")
        .await?;
    page.type_into(CONTENT, 0, " sửa tiếp").await?;
    page.click_button("Tải kế hoạch về máy").await?;
    let file = page.wait_for_download(".json").await?;
    assert!(std::fs::read_to_string(file)?.contains("Bản đầu sửa tiếp"));
    page.js("window.dispatchEvent(new Event('pagehide'));")
        .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let stored = idb_all(&page).await?[&key]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        stored.contains("Bản mới của cửa sổ hai"),
        "the newer save was overwritten"
    );
    assert!(!stored.contains("sửa tiếp"));
    page.click_button("Mở bản mới hơn").await?;
    wait_for_value(&page, CONTENT, 0, "Bản mới của cửa sổ hai").await?;
    Ok(())
}

async fn indexeddb_blocked_keeps_localstorage(page: Page) -> Result {
    page.js("localStorage.setItem('cchc.backend', 'indexeddb');")
        .await?;
    page.add_init_script(
        "Object.defineProperty(window, 'indexedDB', { get() { return undefined; } });",
    )
    .await?;
    page.reload().await?;
    page.wait_for_body_text("Trình duyệt không cho dùng bộ nhớ IndexedDB")
        .await?;
    page.wait_for_body_text("tiếp tục dùng bộ nhớ cục bộ (localStorage)")
        .await?;
    assert_eq!(
        page.js("return window.cchcApp.storageBackend();").await?,
        json!("localStorage")
    );
    add_task(&page, "Vẫn lưu vào localStorage").await?;
    page.wait_for_body_text(SAVED).await?;
    page.reload().await?;
    wait_for_value(&page, CONTENT, 0, "Vẫn lưu vào localStorage").await?;
    Ok(())
}

async fn indexeddb_keeps_25000_imported_templates_searchable(page: Page) -> Result {
    use crate::search_index::{large_template_file, COUNT, MARKER, QUERY};
    use_indexeddb(&page).await?;
    let answer = page
        .js_with(
            "return window.cchcApp.importTemplates(arguments[0]);",
            vec![json!(large_template_file())],
        )
        .await?;
    if let Some(error) = answer.get("error") {
        bail!("the hook refused the file: {error}");
    }
    assert_eq!(
        page.js("return window.cchcApp.userTemplateCount();")
            .await?,
        json!(COUNT)
    );
    // Written to IndexedDB (about 18 MB, far past localStorage's 5 MB).
    page.wait_for_within(
        "the templates in IndexedDB",
        Duration::from_secs(60),
        |p| async move {
            let size = p
                .js("return new Promise(r => { const o = indexedDB.open('cchc'); o.onsuccess = () => { const g = o.result.transaction('kv').objectStore('kv').get('cchc.templates'); g.onsuccess = () => { o.result.close(); r(g.result ? g.result.length : 0); }; }; });")
                .await?;
            Ok(size.as_f64().unwrap_or(0.0) > 5.0 * 1024.0 * 1024.0)
        },
    )
    .await?;
    page.reload().await?;
    assert_eq!(
        page.js("return window.cchcApp.userTemplateCount();")
            .await?,
        json!(COUNT)
    );
    page.click_button("Thêm nhiệm vụ").await?;
    page.click_button("Thư viện mẫu").await?;
    page.type_into("Tìm nhiệm vụ mẫu", 0, QUERY).await?;
    page.wait_for_within(
        "the imported template found after the reload",
        Duration::from_secs(120),
        |p| async move {
            let first = p
                .js("const r = document.querySelector('.library-result .result-content'); return r ? r.textContent : '';")
                .await?;
            Ok(first.as_str() == Some(MARKER))
        },
    )
    .await?;
    Ok(())
}

/// A plan of `tasks` tasks under one area, each with its own content.
fn big_plan(n: usize, tasks: usize) -> Plan {
    let mut plan = Plan::new(format!("kh-lon-{n:02}"), "Hưng Yên", 2027);
    plan.title = format!("Kế hoạch lớn số {n}");
    let mut last = plan.add_area_titled(None, "Cải cách thủ tục hành chính".into());
    for t in 0..tasks {
        last = plan.add_task(Some(last));
        plan.update_task(last, |task: &mut Task| {
            task.content = format!("Nhiệm vụ {t} của kế hoạch {n}");
        });
    }
    plan
}

async fn indexeddb_keeps_50_plans_of_300_tasks(page: Page) -> Result {
    const PLANS: usize = 50;
    const TASKS: usize = 300;
    use_indexeddb(&page).await?;
    for n in 0..PLANS {
        let opened = page
            .js_with(
                "return window.cchcApp.openPlanFile(arguments[0]);",
                vec![json!(write_plan(&big_plan(n, TASKS)))],
            )
            .await?;
        if opened != json!("") {
            bail!("plan {n} was refused: {opened}");
        }
        // The blank plan of the first start, and each stored plan.
        page.wait_for_body_text(&format!("Danh sách kế hoạch ({})", n + 2))
            .await?;
    }
    page.wait_for_within(
        "50 plans in IndexedDB",
        Duration::from_secs(60),
        |p| async move {
            let count = p
                .js("return new Promise(r => { const o = indexedDB.open('cchc'); o.onsuccess = () => { const g = o.result.transaction('kv').objectStore('kv').getAllKeys(); g.onsuccess = () => { o.result.close(); r(g.result.filter(k => k.startsWith('cchc.plan.kh-lon-')).length); }; }; });")
                .await?;
            Ok(count == json!(PLANS))
        },
    )
    .await?;
    page.reload().await?;
    page.wait_for_body_text(&format!("Danh sách kế hoạch ({})", PLANS + 1))
        .await?;
    // Every plan read back whole from the database the reloaded page opened.
    let all = idb_all(&page).await?;
    for n in 0..PLANS {
        let blob: Value = serde_json::from_str(
            all[&format!("cchc.plan.kh-lon-{n:02}")]
                .as_str()
                .unwrap_or_default(),
        )?;
        assert_eq!(blob["plan"]["title"], json!(format!("Kế hoạch lớn số {n}")));
        assert_eq!(
            blob["plan"]["rows"].as_array().map(Vec::len),
            Some(TASKS + 1)
        );
    }
    Ok(())
}

const REMINDER: &str = "chưa được lưu ra tệp hơn 7 ngày";

async fn file_reminder_after_eight_days_without_a_file_save(page: Page) -> Result {
    use_indexeddb(&page).await?;
    add_task(&page, "Việc cần giữ").await?;
    page.wait_for_body_text(SAVED).await?;
    page.click_button("Lưu tệp kế hoạch").await?;
    let first = page.wait_for_download(".json").await?;
    std::fs::remove_file(first)?;
    // Changed a minute later: too soon for a reminder.
    page.js("window.cchcApp.shiftClock(60 * 1000);").await?;
    page.type_into(CONTENT, 0, " a").await?;
    wait_stored(&page, "Việc cần giữ a").await?;
    page.wait_for_body_text(SAVED).await?;
    assert!(!page.body_text().await?.contains(REMINDER));
    // Eight days later, changed again: the quiet reminder offers to save the file.
    page.js("window.cchcApp.shiftClock(8 * 24 * 3600 * 1000);")
        .await?;
    page.type_into(CONTENT, 0, " b").await?;
    page.wait_for_body_text(REMINDER).await?;
    page.click_button("Lưu tệp ngay").await?;
    let file = page.wait_for_download(".json").await?;
    assert!(std::fs::read_to_string(file)?.contains("Việc cần giữ a b"));
    page.wait_for("the reminder gone", |p| async move {
        Ok(!p.body_text().await?.contains(REMINDER))
    })
    .await?;
    Ok(())
}

/// A File System Access picker that hands out a file recording what is written to it.
const FAKE_PICKER: &str = r#"
window.__written = [];
window.showSaveFilePicker = async (options) => ({
  name: options.suggestedName,
  createWritable: async () => {
    let text = '';
    return { write: async (t) => { text += t; }, close: async () => { window.__written.push(text); } };
  },
});
"#;

async fn last_written(page: &Page) -> Result<String> {
    let text = page
        .js("return window.__written.length ? window.__written[window.__written.length - 1] : '';")
        .await?;
    Ok(text.as_str().unwrap_or_default().to_string())
}

async fn auto_save_to_a_picked_file_after_each_autosave(page: Page) -> Result {
    page.add_init_script(FAKE_PICKER).await?;
    use_indexeddb(&page).await?;
    add_task(&page, "Việc ghi ra tệp").await?;
    page.wait_for_body_text(SAVED).await?;
    page.click_button("Tự động lưu vào tệp").await?;
    page.wait_for_body_text("Đang tự động lưu vào tệp").await?;
    assert!(last_written(&page).await?.contains("Việc ghi ra tệp"));
    page.type_into(CONTENT, 0, " và sửa tiếp").await?;
    page.wait_for(
        "the file written again after the autosave",
        |p| async move {
            Ok(last_written(&p)
                .await?
                .contains("Việc ghi ra tệp và sửa tiếp"))
        },
    )
    .await?;
    page.click_button("Ngừng tự động lưu vào tệp").await?;
    page.wait_for_body_text("Tự động lưu vào tệp").await?;
    Ok(())
}
