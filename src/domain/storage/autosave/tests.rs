//! Autosave's rules: when a change is saved, what a save's result and another tab's change
//! make of the open plan's status, what the drafter reads.

use super::*;
use crate::domain::plan::Plan;
use crate::domain::storage::{BlobProblem, KeyValueStore, MemoryStore, PlanShelf};

const BLOCKED: [SaveStatus; 3] = [
    SaveStatus::Conflict { stored_revision: 3 },
    SaveStatus::Trashed,
    SaveStatus::SessionOnly,
];

#[test]
fn a_change_waits_for_its_save_unless_the_drafter_must_choose_first() {
    for status in [
        SaveStatus::Saved,
        SaveStatus::Pending,
        SaveStatus::Full,
        SaveStatus::Failed("x".into()),
    ] {
        assert_eq!(
            status.after_change(),
            Some(SaveStatus::Pending),
            "{status:?}"
        );
        assert!(status.may_save(false), "{status:?}");
    }
    for status in BLOCKED {
        assert_eq!(status.after_change(), None, "{status:?}");
        assert!(!status.may_save(false), "{status:?}");
    }
    // "Ghi đè" overrides a conflict and the trash, never a missing store.
    assert!(SaveStatus::Conflict { stored_revision: 3 }.may_save(true));
    assert!(SaveStatus::Trashed.may_save(true));
    assert!(!SaveStatus::SessionOnly.may_save(true));
    assert_eq!(SaveStatus::at_start(true), SaveStatus::Saved);
    assert_eq!(SaveStatus::at_start(false), SaveStatus::SessionOnly);
}

#[test]
fn a_save_result_becomes_a_status() {
    assert_eq!(SaveStatus::after_save(Ok(4)), (SaveStatus::Saved, Some(4)));
    assert_eq!(
        SaveStatus::after_save(Err(ShelfError::Quota)),
        (SaveStatus::Full, None)
    );
    assert_eq!(
        SaveStatus::after_save(Err(ShelfError::Conflict {
            stored_revision: 7,
            base_revision: 5
        })),
        (SaveStatus::Conflict { stored_revision: 7 }, None)
    );
    assert_eq!(
        SaveStatus::after_save(Err(ShelfError::InTrash {
            id: "kh-1".into(),
            name: "KH".into()
        })),
        (SaveStatus::Trashed, None)
    );
    let (status, revision) = SaveStatus::after_save(Err(ShelfError::Unavailable));
    assert_eq!(revision, None);
    assert_eq!(
        status,
        SaveStatus::Failed(ShelfError::Unavailable.to_string())
    );
}

#[test]
fn another_tabs_save_of_the_open_plan_stops_autosave_only_when_newer() {
    let changed = |revision| ExternalChange::OpenPlanChanged {
        id: "kh-1".into(),
        revision,
    };
    assert_eq!(
        SaveStatus::react(&changed(6), 5),
        Reaction::Stop(SaveStatus::Conflict { stored_revision: 6 })
    );
    // Our own save, echoed: nothing to do.
    assert_eq!(SaveStatus::react(&changed(5), 5), Reaction::Nothing);
    assert_eq!(
        SaveStatus::react(&ExternalChange::OpenPlanTrashed { id: "kh-1".into() }, 5),
        Reaction::Stop(SaveStatus::Trashed)
    );
    for gone in [
        ExternalChange::OpenPlanRemoved { id: "kh-1".into() },
        ExternalChange::Cleared,
    ] {
        assert_eq!(SaveStatus::react(&gone, 5), Reaction::SaveAgain);
    }
    for other in [
        ExternalChange::ListChanged,
        ExternalChange::SettingsChanged,
        ExternalChange::Irrelevant,
    ] {
        assert_eq!(SaveStatus::react(&other, 5), Reaction::Nothing);
    }
    let unreadable = ExternalChange::OpenPlanUnreadable {
        id: "kh-1".into(),
        problem: BlobProblem::NewerSchema {
            found: 99,
            known: 1,
        },
    };
    match SaveStatus::react(&unreadable, 5) {
        Reaction::Stop(SaveStatus::Failed(text)) => {
            assert!(
                text.starts_with("Kế hoạch đang mở vừa được lưu ở thẻ khác nhưng"),
                "{text}"
            );
        }
        other => panic!("{other:?}"),
    }
}

/// The rules against a real shelf: a second tab's save makes the first tab stop, and its
/// forced save then wins.
#[test]
fn two_tabs_on_one_store() {
    let plan = Plan::new("kh-1", "Hưng Yên", 2027);
    let (mut shelf, _) = PlanShelf::open(MemoryStore::new(), 1_000.0);
    let first = shelf.create(&plan, 1_000.0).expect("created");
    let second = shelf
        .save(&plan, first, 2_000.0, false)
        .expect("the other tab");
    let (status, _) = SaveStatus::after_save(shelf.save(&plan, first, 3_000.0, false));
    assert_eq!(
        status,
        SaveStatus::Conflict {
            stored_revision: second
        }
    );
    assert!(status.may_save(true));
    let (status, revision) = SaveStatus::after_save(shelf.save(&plan, first, 4_000.0, true));
    assert_eq!((status, revision), (SaveStatus::Saved, Some(second + 1)));
}

#[test]
fn every_status_says_something_in_one_place_only() {
    for status in [
        SaveStatus::Saved,
        SaveStatus::Pending,
        SaveStatus::SessionOnly,
    ] {
        assert!(!status.line().is_empty(), "{status:?}");
        assert_eq!(status.problem(), None, "{status:?}");
    }
    for status in [
        SaveStatus::Full,
        SaveStatus::Conflict { stored_revision: 9 },
        SaveStatus::Trashed,
        SaveStatus::Failed("ổ đĩa hỏng".into()),
    ] {
        assert_eq!(status.line(), "", "{status:?}");
        assert!(status.problem().is_some(), "{status:?}");
    }
    let conflict = SaveStatus::Conflict { stored_revision: 9 }.problem();
    assert!(conflict.is_some_and(|t| t.contains("phiên bản 9")));
    assert_eq!(
        SaveStatus::Failed("ổ đĩa hỏng".into()).problem().as_deref(),
        Some("Chưa lưu được: ổ đĩa hỏng")
    );
}

#[test]
fn templates_that_were_not_stored_are_explained() {
    let full = templates_not_stored(&ShelfError::Quota);
    assert!(full.contains("(bộ nhớ của trình duyệt đã đầy)"), "{full}");
    assert!(full.contains("“Xuất thư viện”"), "{full}");
    let blocked = templates_not_stored(&ShelfError::Unavailable);
    assert!(
        blocked.contains(&ShelfError::Unavailable.to_string()),
        "{blocked}"
    );
}

#[test]
fn an_overtaken_write_of_the_open_plan_stops_autosave_even_at_an_equal_revision() {
    let plan = Plan::new("kh-1", "Hưng Yên", 2027);
    let store = MemoryStore::new();
    let (mut shelf, _) = PlanShelf::open(store, 1_000.0);
    let revision = shelf.create(&plan, 1_000.0).expect("created");
    let held = shelf
        .backing_store()
        .expect("a store")
        .get(&crate::domain::storage::plan_key("kh-1"))
        .unwrap()
        .expect("stored");
    assert_eq!(
        SaveStatus::overtaken(Some(&held)),
        Reaction::Stop(SaveStatus::Conflict {
            stored_revision: revision
        })
    );
    assert_eq!(SaveStatus::overtaken(None), Reaction::SaveAgain);
    let Reaction::Stop(SaveStatus::Failed(text)) = SaveStatus::overtaken(Some("{")) else {
        panic!("an unreadable newer save must stop autosave with its problem");
    };
    assert!(text.starts_with("Kế hoạch đang mở vừa được lưu ở thẻ khác nhưng"));
    assert!(OVERTAKEN_NOTICE.contains("Bản sao lưu"));
}
