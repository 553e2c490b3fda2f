//! Tests of the shelf's rules over a shared store: revisions and two tabs, a full or missing
//! store, the list and the trash.

use std::rc::Rc;

use crate::domain::plan::Plan;
use crate::domain::storage::blob::{encode_plan, encode_settings};
use crate::domain::storage::tests::*;
use crate::domain::storage::*;
use crate::domain::words::{WordsStyle, ZeroTens};

// ----- revisions and tabs -----

#[test]
fn an_older_tab_never_overwrites_a_newer_save() {
    let store = shared();
    let mut setup = open(&store, T0);
    let mut plan = full_plan("p");
    assert_eq!(setup.create(&plan, T0), Ok(1));

    let mut tab_a = open(&store, T0 + 1.0);
    let mut tab_b = open(&store, T0 + 1.0);
    let in_a = tab_a.load("p").unwrap();
    let in_b = tab_b.load("p").unwrap();
    assert_eq!((in_a.revision, in_b.revision), (1, 1));

    plan.title = "Bản của thẻ A".into();
    assert_eq!(tab_a.save(&plan, 1, T0 + 2.0, false), Ok(2));

    // Tab B hears about it through the storage event…
    let text = raw(&store, &plan_key("p"));
    assert_eq!(
        tab_b.on_external_change(Some("cchc.plan.p"), text.as_deref(), Some(("p", 1))),
        ExternalChange::OpenPlanChanged {
            id: "p".into(),
            revision: 2
        }
    );
    // …and its save from revision 1 is refused.
    let mut edits_b = in_b.plan.clone();
    edits_b.title = "Bản của thẻ B".into();
    let refused = tab_b.save(&edits_b, 1, T0 + 3.0, false);
    assert_eq!(
        refused,
        Err(ShelfError::Conflict {
            stored_revision: 2,
            base_revision: 1
        })
    );
    assert!(refused.unwrap_err().to_string().contains("lần lưu thứ 2"));
    assert_eq!(tab_b.load("p").unwrap().plan.title, "Bản của thẻ A");

    // After reloading, B saves revision 3.
    let reloaded = tab_b.load("p").unwrap();
    let mut again = reloaded.plan;
    again.document_number = "5/KH-UBND".into();
    assert_eq!(
        tab_b.save(&again, reloaded.revision, T0 + 4.0, false),
        Ok(3)
    );

    // A is now behind; "Ghi đè" overwrites.
    assert!(matches!(
        tab_a.save(&plan, 2, T0 + 5.0, false),
        Err(ShelfError::Conflict {
            stored_revision: 3,
            ..
        })
    ));
    assert_eq!(tab_a.save(&plan, 2, T0 + 6.0, true), Ok(4));
    assert_eq!(tab_b.load("p").unwrap().plan, plan);
    assert_consistent(&store);
}

#[test]
fn list_changes_in_two_tabs_do_not_drop_each_other() {
    let store = shared();
    let mut tab_a = open(&store, T0);
    let mut tab_b = open(&store, T0);
    tab_a.create(&full_plan("a"), T0 + 1.0).unwrap();
    tab_b.create(&full_plan("b"), T0 + 2.0).unwrap();
    tab_a.save(&full_plan("a"), 1, T0 + 3.0, false).unwrap();
    assert_eq!(ids(tab_a.list()), ["a", "b"]);
    assert_eq!(
        tab_b.on_external_change(Some(INDEX_KEY), None, Some(("b", 1))),
        ExternalChange::ListChanged
    );
    assert_eq!(ids(tab_b.list()), ["a", "b"]);
    tab_a.delete("b", T0 + 4.0).unwrap();
    assert_eq!(
        tab_b.on_external_change(Some(INDEX_KEY), None, Some(("b", 1))),
        ExternalChange::OpenPlanTrashed { id: "b".into() }
    );
    // B kept editing: its save is refused until restored or forced.
    let plan_b = full_plan("b");
    assert!(matches!(
        tab_b.save(&plan_b, 1, T0 + 5.0, false),
        Err(ShelfError::InTrash { .. })
    ));
    assert_eq!(tab_b.save(&plan_b, 1, T0 + 6.0, true), Ok(2));
    assert_eq!(ids(tab_b.list()), ["b", "a"]);
    assert!(tab_b.trash().is_empty());
}

#[test]
fn storage_events_are_classified() {
    let store = shared();
    let mut shelf = open(&store, T0);
    shelf.create(&full_plan("p"), T0).unwrap();
    let open_p = Some(("p", 1));
    assert_eq!(
        shelf.on_external_change(Some("cchc.plan.q"), Some("{}"), open_p),
        ExternalChange::Irrelevant
    );
    assert_eq!(
        shelf.on_external_change(Some("other.app"), None, open_p),
        ExternalChange::Irrelevant
    );
    let same = encode_plan(&full_plan("p"), 1, T0);
    assert_eq!(
        shelf.on_external_change(Some("cchc.plan.p"), Some(&same), open_p),
        ExternalChange::Irrelevant
    );
    assert_eq!(
        shelf.on_external_change(Some("cchc.plan.p"), Some(r#"{"schema":2}"#), open_p),
        ExternalChange::OpenPlanUnreadable {
            id: "p".into(),
            problem: BlobProblem::NewerSchema { found: 2, known: 1 }
        }
    );
    assert_eq!(
        shelf.on_external_change(Some("cchc.plan.p"), None, open_p),
        ExternalChange::OpenPlanRemoved { id: "p".into() }
    );
    let style = Settings {
        words_style: WordsStyle {
            zero_tens: ZeroTens::Le,
            ..WordsStyle::default()
        },
        ..Settings::default()
    };
    assert_eq!(
        shelf.on_external_change(Some(SETTINGS_KEY), Some(&encode_settings(&style)), None),
        ExternalChange::SettingsChanged
    );
    assert_eq!(shelf.settings(), &style);
    store.borrow_mut().remove(INDEX_KEY).unwrap();
    store.borrow_mut().remove(&plan_key("p")).unwrap();
    assert_eq!(
        shelf.on_external_change(None, None, open_p),
        ExternalChange::Cleared
    );
    assert!(shelf.list().is_empty());
    // The open plan can be kept again with "Ghi đè".
    assert_eq!(
        shelf.save(&full_plan("p"), 1, T0 + 1.0, false),
        Err(ShelfError::NotFound { id: "p".into() })
    );
    assert_eq!(shelf.save(&full_plan("p"), 1, T0 + 1.0, true), Ok(2));
    assert_eq!(ids(shelf.list()), ["p"]);
}

// ----- quota and availability -----

#[test]
fn a_full_store_refuses_the_save_and_keeps_the_old_copy() {
    let store = shared();
    let mut shelf = open(&store, T0);
    let mut plan = full_plan("p");
    shelf.create(&plan, T0).unwrap();
    shelf.create(&full_plan("q"), T0).unwrap();
    let before_blob = raw(&store, &plan_key("p"));
    let before_index = raw(&store, INDEX_KEY);
    let used = store.borrow().used_bytes();
    store.borrow_mut().set_quota(Some(used + 100));

    plan.add_area_titled(None, "Một lĩnh vực rất dài ".repeat(20));
    let error = shelf.save(&plan, 1, T0 + 1.0, false).unwrap_err();
    assert_eq!(error, ShelfError::Quota);
    assert!(error
        .to_string()
        .contains("bản đã lưu trước đó vẫn nguyên vẹn"));
    assert_eq!(raw(&store, &plan_key("p")), before_blob);
    assert_eq!(raw(&store, INDEX_KEY), before_index);
    assert_consistent(&store);
    assert_eq!(shelf.load("p").unwrap().revision, 1);

    // Emptying the trash frees space; the next save (same base revision) succeeds.
    shelf.delete("q", T0 + 2.0).unwrap();
    assert_eq!(shelf.empty_trash(), Ok(1));
    assert_eq!(shelf.save(&plan, 1, T0 + 3.0, false), Ok(2));
    assert_eq!(shelf.load("p").unwrap().plan, plan);
    assert_consistent(&store);
}

#[test]
fn a_full_index_rolls_the_plan_back() {
    let store = shared();
    let mut shelf = open(&store, T0);
    let mut plan = full_plan("p");
    shelf.create(&plan, T0).unwrap();
    let before_blob = raw(&store, &plan_key("p"));
    let used = store.borrow().used_bytes();
    // The longer title fits in the plan blob (+20 bytes) but not also in the index.
    store.borrow_mut().set_quota(Some(used + 30));
    plan.title.push_str("0123456789");
    assert_eq!(
        shelf.save(&plan, 1, T0 + 1.0, false),
        Err(ShelfError::Quota)
    );
    assert_eq!(raw(&store, &plan_key("p")), before_blob);
    assert_eq!(shelf.load("p").unwrap().revision, 1);
    assert_ne!(shelf.list()[0].title, plan.title);

    // A new plan that fits but whose index line does not is removed again.
    let mut small = Plan::new("s", "", 2027);
    small.title = String::new();
    store.borrow_mut().set_quota(Some(used + 400));
    let blob_bytes = 2 * (plan_key("s").len() + encode_plan(&small, 1, T0).len());
    assert!(blob_bytes < 400, "{blob_bytes}");
    assert_eq!(shelf.create(&small, T0 + 2.0), Err(ShelfError::Quota));
    assert_eq!(raw(&store, &plan_key("s")), None);
    assert_consistent(&store);
}

struct Blocked;

impl KeyValueStore for Blocked {
    fn get(&self, _: &str) -> Result<Option<String>, StoreError> {
        Err(StoreError::Unavailable)
    }
    fn set(&mut self, _: &str, _: &str) -> Result<(), StoreError> {
        Err(StoreError::Unavailable)
    }
    fn remove(&mut self, _: &str) -> Result<(), StoreError> {
        Err(StoreError::Unavailable)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Err(StoreError::Unavailable)
    }
}

#[test]
fn an_unavailable_store_works_in_memory_for_the_session() {
    let (mut shelf, problems) = PlanShelf::open(Blocked, T0);
    assert_eq!(
        problems,
        [StartupProblem::Unavailable(StoreError::Unavailable)]
    );
    assert!(problems[0]
        .to_string()
        .contains("mọi thay đổi sẽ mất khi đóng trang"));
    assert!(!shelf.is_persistent());
    let plan = full_plan("p");
    assert_eq!(shelf.create(&plan, T0), Ok(1));
    assert_eq!(shelf.save(&plan, 1, T0 + 1.0, false), Ok(2));
    assert_eq!(shelf.load("p").unwrap().plan, plan);
    assert_eq!(ids(shelf.list()), ["p"]);
}

// ----- the list and the trash -----

#[test]
fn trash_restore_expiry_and_emptying() {
    let store = shared();
    let mut shelf = open(&store, T0);
    for (i, id) in ["a", "b", "c"].iter().enumerate() {
        shelf.create(&full_plan(id), T0 + i as f64).unwrap();
    }
    assert_eq!(ids(shelf.list()), ["c", "b", "a"]);
    shelf.set_last_open(Some("b")).unwrap();

    shelf.delete("b", T0 + DAY).unwrap();
    assert_eq!(ids(shelf.list()), ["c", "a"]);
    assert_eq!(ids(shelf.trash()), ["b"]);
    assert_eq!(shelf.last_open(), None);
    assert_eq!(
        PlanShelf::<Shared>::expires_at(&shelf.trash()[0]),
        Some(T0 + 31.0 * DAY)
    );
    assert!(
        shelf.load("b").is_ok(),
        "a plan in the trash can still be read"
    );
    shelf.restore("b").unwrap();
    assert_eq!(ids(shelf.list()), ["c", "b", "a"]);
    assert!(shelf.trash().is_empty());

    shelf.delete("a", T0 + DAY).unwrap();
    shelf.delete("b", T0 + 2.0 * DAY).unwrap();
    // 30 days after "a" went to the trash, opening purges it but keeps "b".
    let (shelf, problems) = PlanShelf::open(Rc::clone(&store), T0 + 31.0 * DAY);
    assert!(problems.is_empty());
    let mut shelf = shelf;
    assert_eq!(ids(shelf.trash()), ["b"]);
    assert_eq!(raw(&store, &plan_key("a")), None);
    assert!(shelf.purge_expired(T0 + 31.0 * DAY).unwrap().is_empty());
    let purged = shelf.purge_expired(T0 + 32.0 * DAY).unwrap();
    assert_eq!(ids(&purged), ["b"]);
    assert!(shelf.trash().is_empty());

    shelf.delete("c", T0 + 33.0 * DAY).unwrap();
    assert_eq!(shelf.purge("c"), Ok(()));
    assert_eq!(
        shelf.purge("c"),
        Err(ShelfError::NotFound { id: "c".into() })
    );
    assert!(shelf.list().is_empty() && shelf.trash().is_empty());
    assert_eq!(shelf.empty_trash(), Ok(0));
    assert!(store.borrow().keys().unwrap() == [INDEX_KEY]);
}

#[test]
fn create_duplicate_rename_and_last_open() {
    let store = shared();
    let mut shelf = open(&store, T0);
    let plan = full_plan("a");
    shelf.create(&plan, T0).unwrap();
    assert_eq!(
        shelf.create(&plan, T0),
        Err(ShelfError::AlreadyExists { id: "a".into() })
    );
    let copy = shelf.duplicate("a", "a2", T0 + 1.0).unwrap();
    assert_eq!(copy.revision, 1);
    assert_eq!(copy.plan.title, format!("{}{COPY_SUFFIX}", plan.title));
    assert_eq!(copy.plan.rows(), plan.rows());
    assert_eq!(shelf.load("a2").unwrap().plan, copy.plan);
    assert_eq!(ids(shelf.list()), ["a2", "a"]);
    assert!(matches!(
        shelf.duplicate("a", "a2", T0 + 2.0),
        Err(ShelfError::AlreadyExists { .. })
    ));

    assert_eq!(shelf.rename("a", "Tên mới", T0 + 3.0), Ok(2));
    assert_eq!(shelf.list()[0].title, "Tên mới");
    assert_eq!(shelf.load("a").unwrap().plan.title, "Tên mới");

    shelf.set_last_open(Some("a2")).unwrap();
    assert_eq!(
        shelf.set_last_open(Some("zz")),
        Err(ShelfError::NotFound { id: "zz".into() })
    );
    let reopened = open(&store, T0 + 4.0);
    assert_eq!(reopened.last_open(), Some("a2"));
    assert_eq!(ids(reopened.list()), ["a", "a2"]);
}

#[test]
fn start_repairs_an_index_that_disagrees_with_the_plan_keys() {
    let store = shared();
    let mut shelf = open(&store, T0);
    shelf.create(&full_plan("a"), T0).unwrap();
    shelf.create(&full_plan("b"), T0).unwrap();
    // A plan written by a tab closed before its index line, and a plan gone missing.
    store
        .borrow_mut()
        .set(
            &plan_key("orphan"),
            &encode_plan(&full_plan("orphan"), 4, T0 + 9.0),
        )
        .unwrap();
    store.borrow_mut().remove(&plan_key("b")).unwrap();
    let shelf = open(&store, T0 + 10.0);
    assert_eq!(ids(shelf.list()), ["orphan", "a"]);
    assert_eq!(shelf.list()[0].changed_at, T0 + 9.0);
    assert_consistent(&store);
    assert_eq!(stored_index(&store).plans.len(), 2);
}
