//! Tests of the storage domain: fixtures of every schema, faults, tabs, trash.

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::Value;

use super::blob::{decode_plan, encode_index, encode_plan, encode_settings, Index};
use super::*;
use crate::domain::money::Money;
use crate::domain::plan::{Plan, Task};
use crate::domain::words::{UnitsFour, WordsStyle, ZeroTens};

pub(super) type Shared = Rc<RefCell<MemoryStore>>;

pub(super) const T0: f64 = 1_767_225_600_000.0; // 2026-01-01
pub(super) const DAY: f64 = 24.0 * 3600.0 * 1000.0;

pub(super) fn shared() -> Shared {
    Rc::new(RefCell::new(MemoryStore::new()))
}

pub(super) fn raw(store: &Shared, key: &str) -> Option<String> {
    store.borrow().get(key).unwrap()
}

/// A plan using every field: header, areas, a group, tasks and a sub-task, Unicode,
/// agencies, budgets with and without decimals, a task without a budget.
pub(super) fn full_plan(id: &str) -> Plan {
    let mut plan = Plan::new(id, "Thừa Thiên Huế", 2027);
    plan.title = "Kế hoạch CCHC năm 2027 — “trọng tâm” số hoá 🇻🇳".into();
    plan.document_number = "271/KH-UBND".into();
    plan.document_date = "16/12/2026".into();
    let area = plan.add_area_titled(None, "Công tác chỉ đạo, điều hành".into());
    let group = plan.add_group_titled(Some(area), "Kiện toàn tổ chức".into());
    let task = plan.add_task_with(
        Some(group),
        Task {
            content: "Kiện toàn Ban Chỉ đạo\nCCHC tỉnh".into(),
            product: "Quyết định của UBND tỉnh".into(),
            lead: vec!["Sở Nội vụ".into()],
            partners: vec!["Các Sở, Ban, ngành".into(), "UBND cấp huyện".into()],
            deadline: "Quý I/2027".into(),
            budget: Some(Money::parse("1.600,125").unwrap()),
            note: "Ghi chú có dấu \"ngoặc\" và \\ gạch".into(),
            template: Some("002-I-1.1".into()),
            progress: crate::domain::progress::Progress {
                status: crate::domain::progress::Status::DoneLate,
                completed_on: crate::domain::progress::Day::new(2027, 4, 2),
                result: "Quyết định số 12/QĐ-UBND".into(),
                reached: "100%".into(),
                reason: String::new(),
            },
            criteria: vec!["3.2.1".into()],
        },
    );
    plan.add_task_with(
        Some(task),
        Task {
            content: "Việc con không có kinh phí".into(),
            ..Task::default()
        },
    );
    let area2 = plan.add_area_titled(Some(area), "Cải cách thể chế".into());
    let sub = plan.add_task_with(
        Some(area2),
        Task {
            content: "Rà soát văn bản".into(),
            budget: Some(Money::from_trieu(936)),
            ..Task::default()
        },
    );
    plan.add_task_with(
        Some(sub),
        Task {
            content: "Đợt 2".into(),
            budget: Some(Money::parse("0,5").unwrap()),
            ..Task::default()
        },
    );
    plan
}

pub(super) fn open(store: &Shared, now: f64) -> PlanShelf<Shared> {
    let (shelf, problems) = PlanShelf::open(Rc::clone(store), now);
    assert!(problems.is_empty(), "{problems:?}");
    shelf
}

pub(super) fn ids(list: &[PlanSummary]) -> Vec<&str> {
    list.iter().map(|s| s.id.as_str()).collect()
}

pub(super) fn backup_keys(store: &Shared) -> Vec<String> {
    let mut keys: Vec<String> = store
        .borrow()
        .keys()
        .unwrap()
        .into_iter()
        .filter(|k| k.starts_with(BACKUP_PREFIX))
        .collect();
    keys.sort();
    keys
}

/// The index as stored; panics when it is missing or unreadable.
pub(super) fn stored_index(store: &Shared) -> Index {
    blob::decode_index(&raw(store, INDEX_KEY).expect("an index")).unwrap()
}

/// Every line of the stored index has its plan blob.
pub(super) fn assert_consistent(store: &Shared) {
    if let Some(text) = raw(store, INDEX_KEY) {
        let index = blob::decode_index(&text).unwrap();
        for summary in &index.plans {
            let blob = raw(store, &plan_key(&summary.id))
                .unwrap_or_else(|| panic!("index lists {} without its plan", summary.id));
            decode_plan(&blob).unwrap();
        }
    }
}

// ----- schema versions -----

fn fixture(version: u32, name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/storage/v{version}/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("missing fixture {path} ({e}): every schema version needs its blobs")
    })
}

#[test]
fn blobs_of_every_schema_version_load() {
    for version in 1..=SCHEMA_VERSION {
        let (index, plan, settings) = (
            fixture(version, "index.json"),
            fixture(version, "plan.json"),
            fixture(version, "settings.json"),
        );
        let id = "kh-1767225600000-042137";
        let store = shared();
        {
            let mut s = store.borrow_mut();
            s.set(INDEX_KEY, &index).unwrap();
            s.set(&plan_key(id), &plan).unwrap();
            s.set(SETTINGS_KEY, &settings).unwrap();
        }
        let mut shelf = open(&store, T0 + DAY);
        assert_eq!(ids(shelf.list()), [id], "v{version}");
        assert_eq!(shelf.last_open(), Some(id));
        assert_eq!(shelf.list()[0].province, "Đắk Nông");
        let loaded = shelf.load(id).unwrap();
        assert_eq!(loaded.revision, 7);
        assert_eq!(loaded.plan.title, "Kế hoạch cải cách hành chính năm 2027");
        assert_eq!(loaded.plan.document_number, "271/KH-UBND");
        assert_eq!(
            loaded.plan.numbers(),
            ["I", "1", "1.1", "2", "2.1", "II", "1"]
        );
        assert_eq!(
            loaded.plan.budget_totals().grand,
            Money::parse("1.612,625").unwrap()
        );
        assert_eq!(
            shelf.settings().words_style,
            WordsStyle {
                zero_tens: ZeroTens::Le,
                units_four: UnitsFour::Bon
            }
        );
        // Saving writes the current schema.
        let revision = shelf.save(&loaded.plan, 7, T0 + DAY, false).unwrap();
        assert_eq!(revision, 8);
        let saved: Value = serde_json::from_str(&raw(&store, &plan_key(id)).unwrap()).unwrap();
        assert_eq!(saved["schema"], SCHEMA_VERSION);
        if version == SCHEMA_VERSION {
            // The current fixture is exactly what this version writes.
            let golden = |text: &str| serde_json::from_str::<Value>(text).unwrap();
            assert_eq!(
                golden(&encode_plan(&loaded.plan, 7, loaded.saved_at)),
                golden(&plan)
            );
            assert_eq!(
                golden(&encode_settings(shelf.settings())),
                golden(&settings)
            );
            assert_eq!(
                golden(&encode_index(&blob::decode_index(&index).unwrap())),
                golden(&index)
            );
        }
    }
}

#[test]
fn newer_schema_plan_is_refused_backed_up_and_kept() {
    let store = shared();
    let mut shelf = open(&store, T0);
    shelf.create(&full_plan("a"), T0).unwrap();
    shelf.create(&full_plan("b"), T0).unwrap();
    let newer = r#"{"schema":99,"revision":12,"plan":{"chapters":[]}}"#;
    store.borrow_mut().set(&plan_key("a"), newer).unwrap();

    let Err(ShelfError::Unreadable(damaged)) = shelf.load("a") else {
        panic!("a newer plan must be refused");
    };
    assert_eq!(
        damaged.problem,
        BlobProblem::NewerSchema {
            found: 99,
            known: SCHEMA_VERSION
        }
    );
    let backup = damaged.backup_key.clone().unwrap();
    assert_eq!(backup, format!("cchc.backup.cchc.plan.a.{T0:.0}"));
    assert_eq!(raw(&store, &backup).as_deref(), Some(newer));
    assert_eq!(raw(&store, &plan_key("a")).as_deref(), Some(newer));
    let message = ShelfError::Unreadable(damaged).to_string();
    assert!(
        message.contains("phiên bản 99") && message.contains("phiên bản 1"),
        "{message}"
    );
    assert!(message.contains(&backup), "{message}");

    // Loading again makes no second copy; the other plan still opens.
    assert!(shelf.load("a").is_err());
    assert_eq!(backup_keys(&store), std::slice::from_ref(&backup));
    assert!(shelf.load("b").is_ok());

    // Saving over it is refused, unless forced ("Ghi đè").
    let plan = full_plan("a");
    assert_eq!(
        shelf.save(&plan, 1, T0 + 1.0, false),
        Err(ShelfError::NewerSchema {
            id: "a".into(),
            found: 99
        })
    );
    assert_eq!(raw(&store, &plan_key("a")).as_deref(), Some(newer));
    assert_eq!(shelf.save(&plan, 1, T0 + 2.0, true), Ok(2));
    assert_eq!(backup_keys(&store), [backup]);
    assert_eq!(shelf.load("a").unwrap().plan, plan);
}

#[test]
fn broken_plan_is_backed_up_and_leaves_the_list() {
    let store = shared();
    let mut shelf = open(&store, T0);
    let mut plan = full_plan("a");
    plan.title = "Kế hoạch A".into();
    shelf.create(&plan, T0).unwrap();
    shelf.create(&full_plan("b"), T0).unwrap();
    let broken = "{\"sc hema\": 1}";
    store.borrow_mut().set(&plan_key("a"), broken).unwrap();
    shelf.set_last_open(Some("a")).unwrap();

    let later = T0 + 5_000.0;
    shelf.purge_expired(later).unwrap();
    let Err(ShelfError::Unreadable(damaged)) = shelf.load("a") else {
        panic!("a broken plan must be refused");
    };
    let backup = format!("cchc.backup.cchc.plan.a.{later:.0}");
    assert_eq!(
        damaged.to_string(),
        format!(
            "Dữ liệu kế hoạch “Kế hoạch A” trong trình duyệt bị hỏng (sai cấu trúc: thiếu trường “schema” \
             hoặc không phải số nguyên dương). Bản gốc đã được giữ lại ở khóa “{backup}”; có thể tải về máy."
        )
    );
    assert_eq!(raw(&store, &backup).as_deref(), Some(broken));
    assert_eq!(raw(&store, &plan_key("a")), None);
    assert_eq!(ids(shelf.list()), ["b"]);
    assert_eq!(shelf.last_open(), None);
    assert_consistent(&store);
    assert!(shelf.load("b").is_ok());
    let backups = shelf.backups().unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].original_key, "cchc.plan.a");
    assert_eq!(backups[0].taken_at, later);
    assert_eq!(shelf.backup_text(&backup).unwrap().as_deref(), Some(broken));
    shelf.remove_backup(&backup).unwrap();
    assert!(shelf.backups().unwrap().is_empty());
}

#[test]
fn saving_over_a_broken_blob_backs_it_up_first() {
    let store = shared();
    let mut shelf = open(&store, T0);
    let plan = full_plan("a");
    shelf.create(&plan, T0).unwrap();
    store
        .borrow_mut()
        .set(&plan_key("a"), "{\"schema\":1,")
        .unwrap();
    assert_eq!(shelf.save(&plan, 1, T0 + 1.0, false), Ok(2));
    let backups = backup_keys(&store);
    assert_eq!(
        backups,
        [format!("cchc.backup.cchc.plan.a.{:.0}", T0 + 1.0)]
    );
    assert_eq!(raw(&store, &backups[0]).as_deref(), Some("{\"schema\":1,"));
    assert_eq!(shelf.load("a").unwrap().plan, plan);

    // When the copy cannot be made, the save is refused and the blob stays.
    store.borrow_mut().set(&plan_key("a"), "[]").unwrap();
    let used = store.borrow().used_bytes();
    store.borrow_mut().set_quota(Some(used));
    assert_eq!(
        shelf.save(&plan, 2, T0 + 2.0, false),
        Err(ShelfError::Quota)
    );
    assert_eq!(raw(&store, &plan_key("a")).as_deref(), Some("[]"));
}

#[test]
fn invalid_json_and_wrong_shapes_have_precise_messages() {
    let cases = [
        (
            "{\"sch",
            "bị hỏng (dữ liệu bị cắt cụt, JSON dừng ở dòng 1, cột 5)",
        ),
        ("{ x", "bị hỏng (JSON không hợp lệ ở dòng 1, cột 3)"),
        (
            r#"{"schema":1,"revision":"7","saved_at":0,"plan":{}}"#,
            "bị hỏng (sai cấu trúc: sai kiểu dữ liệu: string \"7\", expected u64 ở dòng 1, cột 26)",
        ),
        (
            r#"{"schema":1,"revision":7,"saved_at":0}"#,
            "bị hỏng (sai cấu trúc: thiếu trường “plan” ở dòng 1, cột 38)",
        ),
        (
            r#"{"schema":1,"revision":7,"saved_at":0,"plan":{"id":"x","province":"","year":2027,"title":"","rows":[{"id":1,"depth":1,"kind":"task"}]}}"#,
            "bị hỏng (sai cấu trúc: dòng 1 không nằm trong lĩnh vực hoặc nhóm nào)",
        ),
    ];
    for (text, expected) in cases {
        let problem = decode_plan(text).unwrap_err();
        assert_eq!(problem.to_string(), expected, "{text}");
    }
}

#[test]
fn unreadable_index_is_backed_up_and_rebuilt_from_plan_keys() {
    let store = shared();
    let mut shelf = open(&store, T0);
    shelf.create(&full_plan("a"), T0).unwrap();
    shelf.create(&full_plan("b"), T0 + 1.0).unwrap();
    store.borrow_mut().set(INDEX_KEY, "{\"plans\": [").unwrap();
    store.borrow_mut().set(&plan_key("c"), "not json").unwrap();

    let (shelf, problems) = PlanShelf::open(Rc::clone(&store), T0 + DAY);
    assert_eq!(ids(shelf.list()), ["b", "a"]);
    assert_eq!(problems.len(), 2, "{problems:?}");
    let StartupProblem::IndexUnreadable { damaged, recovered } = &problems[1] else {
        panic!("{problems:?}");
    };
    assert_eq!(*recovered, 2);
    let index_backup = format!("cchc.backup.cchc.index.{:.0}", T0 + DAY);
    assert_eq!(damaged.backup_key.as_deref(), Some(index_backup.as_str()));
    assert_eq!(raw(&store, &index_backup).as_deref(), Some("{\"plans\": ["));
    let message = problems[1].to_string();
    assert!(
        message.starts_with("Danh sách kế hoạch trong trình duyệt bị hỏng (dữ liệu bị cắt cụt")
            && message.ends_with("Danh sách đã được dựng lại từ 2 kế hoạch còn trong trình duyệt."),
        "{message}"
    );
    let StartupProblem::PlanUnreadable(plan_damage) = &problems[0] else {
        panic!("{problems:?}");
    };
    assert_eq!(plan_damage.key, "cchc.plan.c");
    assert!(problems[0]
        .to_string()
        .ends_with("Các kế hoạch khác vẫn mở bình thường."));
    // The rebuilt index is stored and consistent.
    assert_eq!(stored_index(&store).plans.len(), 2);
    assert_consistent(&store);
}

#[test]
fn newer_index_is_kept_and_the_list_rebuilt() {
    let store = shared();
    let mut shelf = open(&store, T0);
    shelf.create(&full_plan("a"), T0).unwrap();
    let newer = r#"{"schema":99,"lists":{}}"#;
    store.borrow_mut().set(INDEX_KEY, newer).unwrap();
    let (mut shelf, problems) = PlanShelf::open(Rc::clone(&store), T0 + 10.0);
    assert_eq!(problems.len(), 1);
    let message = problems[0].to_string();
    assert!(
        message.contains("dữ liệu phiên bản 99, ứng dụng này chỉ đọc được đến phiên bản 1"),
        "{message}"
    );
    assert_eq!(raw(&store, INDEX_KEY).as_deref(), Some(newer));
    assert_eq!(backup_keys(&store).len(), 1);
    assert_eq!(ids(shelf.list()), ["a"]);
    // The first change writes this version's index; the newer one stays in its backup.
    shelf.set_last_open(Some("a")).unwrap();
    assert_eq!(stored_index(&store).last_open.as_deref(), Some("a"));
    let backup = &backup_keys(&store)[0];
    assert_eq!(raw(&store, backup).as_deref(), Some(newer));
}

#[test]
fn backups_never_overwrite_each_other() {
    let store = shared();
    let key = format!("cchc.backup.cchc.settings.{T0:.0}");
    store.borrow_mut().set(&key, "older backup").unwrap();
    store.borrow_mut().set(SETTINGS_KEY, "{broken").unwrap();
    let (shelf, problems) = PlanShelf::open(Rc::clone(&store), T0);
    assert_eq!(raw(&store, &key).as_deref(), Some("older backup"));
    let second = format!("{key}-2");
    assert_eq!(raw(&store, &second).as_deref(), Some("{broken"));
    assert_eq!(raw(&store, SETTINGS_KEY), None);
    assert_eq!(shelf.settings(), &Settings::default());
    assert!(matches!(
        &problems[..],
        [StartupProblem::SettingsUnreadable(d)] if d.backup_key.as_deref() == Some(second.as_str())
    ));
    assert!(problems[0]
        .to_string()
        .ends_with("Đang dùng cài đặt mặc định."));
}

#[test]
fn a_failed_backup_leaves_the_original_in_place() {
    let store = shared();
    store.borrow_mut().set(SETTINGS_KEY, "{broken").unwrap();
    let used = store.borrow().used_bytes();
    store.borrow_mut().set_quota(Some(used));
    let (_, problems) = PlanShelf::open(Rc::clone(&store), T0);
    let [StartupProblem::SettingsUnreadable(damaged)] = &problems[..] else {
        panic!("{problems:?}");
    };
    assert_eq!(damaged.backup_key, None);
    assert_eq!(raw(&store, SETTINGS_KEY).as_deref(), Some("{broken"));
    assert!(problems[0]
        .to_string()
        .contains("bản gốc được giữ nguyên ở khóa “cchc.settings”"));
}

// ----- round trip and settings -----

#[test]
fn every_field_survives_save_and_load() {
    let store = shared();
    let mut shelf = open(&store, T0);
    let plan = full_plan("kh-1767225600000-000001");
    shelf.create(&plan, T0).unwrap();
    // Even an empty id round-trips (its key is "cchc.plan.").
    shelf.create(&full_plan(""), T0).unwrap();
    let mut reopened = open(&store, T0 + 1.0);
    assert_eq!(reopened.list().len(), 2);
    assert_eq!(reopened.load("").unwrap().plan, full_plan(""));
    let loaded = reopened.load(&plan.id).unwrap();
    assert_eq!(loaded.plan, plan);
    assert_eq!(loaded.revision, 1);
    assert_eq!(loaded.saved_at, T0);
    assert_eq!(
        loaded.plan.budget_totals().grand,
        Money::parse("2.536,625").unwrap()
    );
    let summary = reopened.summary(&plan.id).unwrap();
    assert_eq!(
        (
            summary.province.as_str(),
            summary.year,
            summary.title.as_str()
        ),
        ("Thừa Thiên Huế", 2027, plan.title.as_str())
    );
}

#[test]
fn settings_persist_and_keep_unknown_fields() {
    let store = shared();
    let mut shelf = open(&store, T0);
    assert_eq!(shelf.settings(), &Settings::default());
    let mut settings = Settings::default();
    settings.words_style.units_four = UnitsFour::Bon;
    shelf.set_settings(settings.clone()).unwrap();
    assert_eq!(open(&store, T0).settings(), &settings);

    let future = r#"{"schema":1,"settings":{"words_style":{"zero_tens":"Le"},"theme":"dark"}}"#;
    store.borrow_mut().set(SETTINGS_KEY, future).unwrap();
    let mut shelf = open(&store, T0);
    assert_eq!(shelf.settings().words_style.zero_tens, ZeroTens::Le);
    let kept = shelf.settings().clone();
    shelf.set_settings(kept).unwrap();
    assert!(raw(&store, SETTINGS_KEY)
        .unwrap()
        .contains(r#""theme":"dark""#));
}

#[test]
fn user_templates_round_trip_and_survive_damage() {
    use crate::domain::library::{AreaKey, Source, Template, TemplateSet};
    let (mut shelf, _) = PlanShelf::open(MemoryStore::new(), 1_000.0);
    assert_eq!(shelf.user_templates(), (TemplateSet::default(), None));
    let set = TemplateSet {
        sources: vec![Source {
            id: "mine".into(),
            province: "Lâm Đồng".into(),
            year: Some(2027),
            ..Source::default()
        }],
        templates: vec![Template::new(
            "u1",
            "mine",
            AreaKey::Procedures,
            "Số hóa hồ sơ TTHC",
        )],
    };
    shelf.set_user_templates(&set).unwrap();
    assert_eq!(shelf.user_templates(), (set, None));

    let (mut shelf, _) = {
        let mut store = MemoryStore::new();
        store.set(TEMPLATES_KEY, "{không phải JSON").unwrap();
        PlanShelf::open(store, 2_000.0)
    };
    let (templates, damaged) = shelf.user_templates();
    assert!(templates.templates.is_empty());
    let damaged = damaged.expect("the damage is reported");
    let backup = damaged.backup_key.clone().expect("the raw text is kept");
    assert_eq!(
        shelf.backup_text(&backup).unwrap().as_deref(),
        Some("{không phải JSON")
    );
    assert!(damaged
        .to_string()
        .contains("Thư viện nhiệm vụ mẫu của bạn"));
}
