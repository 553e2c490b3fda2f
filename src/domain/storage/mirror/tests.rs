use std::cell::RefCell;
use std::rc::Rc;

use super::*;
use crate::domain::plan::Plan;
use crate::domain::storage::{PlanShelf, INDEX_KEY};

fn durable(store: &MemoryDurable) -> Vec<(String, String)> {
    store
        .0
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// A durable store written batch by batch, as IndexedDB is, one transaction per batch.
#[derive(Default)]
struct MemoryDurable(BTreeMap<String, String>);

impl MemoryDurable {
    fn write(&mut self, batch: &Batch) {
        for (key, value) in &batch.changes {
            match value {
                Some(text) => {
                    self.0.insert(key.clone(), text.clone());
                }
                None => {
                    self.0.remove(key);
                }
            }
        }
    }
}

#[test]
fn writes_show_at_once_and_reach_the_durable_store_in_one_batch() {
    let mut mirror = MirrorStore::loaded([("a".to_string(), "1".to_string())]);
    let mut disk = MemoryDurable::default();
    disk.0.insert("a".into(), "1".into());
    mirror.set("b", "2").unwrap();
    mirror.set("a", "3").unwrap();
    mirror.set("b", "4").unwrap();
    mirror.remove("a").unwrap();
    assert_eq!(mirror.get("b").unwrap().as_deref(), Some("4"));
    assert_eq!(mirror.get("a").unwrap(), None);
    assert!(!mirror.is_settled());
    let batch = mirror.take_batch(0.0).unwrap();
    // The latest change of each key, oldest first.
    assert_eq!(
        batch.changes,
        [
            ("b".to_string(), Some("4".to_string())),
            ("a".to_string(), None)
        ]
    );
    assert!(mirror.take_batch(0.0).is_none(), "one batch out at a time");
    disk.write(&batch);
    mirror.flushed(Ok(()));
    assert!(mirror.is_settled());
    assert_eq!(durable(&disk), [("b".to_string(), "4".to_string())]);
}

#[test]
fn writes_made_while_a_batch_is_out_wait_for_the_next() {
    let mut mirror = MirrorStore::default();
    mirror.set("k", "1").unwrap();
    let first = mirror.take_batch(0.0).unwrap();
    mirror.set("k", "2").unwrap();
    assert!(mirror.is_flushing());
    assert!(mirror.take_batch(0.0).is_none());
    mirror.flushed(Ok(()));
    let second = mirror.take_batch(0.0).unwrap();
    assert_eq!(first.changes, [("k".to_string(), Some("1".to_string()))]);
    assert_eq!(second.changes, [("k".to_string(), Some("2".to_string()))]);
}

#[test]
fn a_failed_batch_is_queued_again_under_older_writes_only() {
    let mut mirror = MirrorStore::default();
    let mut disk = MemoryDurable::default();
    mirror.set("plan", "v1").unwrap();
    mirror.set("index", "i1").unwrap();
    let batch = mirror.take_batch(0.0).unwrap();
    // Written again while the batch is out: the newer text must win.
    mirror.set("plan", "v2").unwrap();
    mirror.flushed(Err(FlushFault::Quota));
    assert_eq!(mirror.fault(), Some(&FlushFault::Quota));
    assert_eq!(batch.changes.len(), 2);
    let retry = mirror.take_batch(0.0).unwrap();
    // The failed "index" goes first (it was older), then the newer "plan"; "v1" is gone.
    assert_eq!(
        retry.changes,
        [
            ("index".to_string(), Some("i1".to_string())),
            ("plan".to_string(), Some("v2".to_string())),
        ]
    );
    disk.write(&retry);
    mirror.flushed(Ok(()));
    assert_eq!(mirror.fault(), None);
    assert!(mirror.is_settled());
    assert_eq!(
        durable(&disk),
        [
            ("index".to_string(), "i1".to_string()),
            ("plan".to_string(), "v2".to_string())
        ]
    );
}

#[test]
fn a_failed_batch_keeps_its_own_order() {
    let mut mirror = MirrorStore::default();
    for key in ["c", "a", "b"] {
        mirror.set(key, key).unwrap();
    }
    let batch = mirror.take_batch(0.0).unwrap();
    mirror.set("z", "newer").unwrap();
    mirror.flushed(Err(FlushFault::Aborted("AbortError".into())));
    let retry = mirror.take_batch(0.0).unwrap();
    let keys: Vec<&str> = retry.changes.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["c", "a", "b", "z"]);
    assert_eq!(batch.changes.len(), 3);
}

#[test]
fn rewriting_the_same_text_queues_nothing_and_removing_a_missing_key_neither() {
    let mut mirror = MirrorStore::loaded([("k".to_string(), "v".to_string())]);
    mirror.set("k", "v").unwrap();
    mirror.remove("missing").unwrap();
    assert!(mirror.is_settled());
    assert!(mirror.take_batch(0.0).is_none());
}

#[test]
fn another_tabs_write_shows_and_local_queued_work_stays() {
    let mut mirror = MirrorStore::default();
    mirror.set("mine", "local").unwrap();
    mirror.apply_external("mine", Some("theirs".into()));
    mirror.apply_external("other", Some("x".into()));
    assert_eq!(mirror.get("other").unwrap().as_deref(), Some("x"));
    // Their text shows; the local write is still sent, and rewriting it is not skipped.
    mirror.set("mine", "local").unwrap();
    let batch = mirror.take_batch(0.0).unwrap();
    assert_eq!(
        batch.changes,
        [("mine".to_string(), Some("local".to_string()))]
    );
    mirror.apply_external("other", None);
    assert_eq!(mirror.get("other").unwrap(), None);
}

#[test]
fn every_fault_reads_in_vietnamese_and_says_nothing_is_lost() {
    let faults = [
        FlushFault::Quota,
        FlushFault::Aborted("AbortError".into()),
        FlushFault::VersionChange,
        FlushFault::Unavailable,
        FlushFault::Other("UnknownError".into()),
    ];
    let mut seen = std::collections::HashSet::new();
    for fault in &faults {
        let text = fault.to_string();
        assert!(text.contains("vẫn còn nguyên trong trang này"), "{text}");
        assert!(seen.insert(text.clone()), "two faults read alike: {text}");
    }
    assert!(faults[0].to_string().contains("đã đầy"));
    assert!(faults[2].to_string().contains("Một thẻ khác"));
    assert!(faults[3].to_string().contains("chế độ riêng tư"));
    assert_eq!(FlushFault::Quota.store_error(), StoreError::QuotaExceeded);
    assert_eq!(
        FlushFault::Unavailable.store_error(),
        StoreError::Unavailable
    );
}

#[test]
fn a_shelf_over_the_mirror_survives_a_failed_flush_and_a_restart() {
    let mut disk = MemoryDurable::default();
    // The glue keeps a handle to the mirror to flush it; the shelf writes through another.
    let mirror = Rc::new(RefCell::new(MirrorStore::default()));
    let (mut shelf, problems) = PlanShelf::open(Rc::clone(&mirror), 1_000.0);
    assert!(problems.is_empty());
    let mut plan = Plan::new("kh-1", "Hưng Yên", 2027);
    let revision = shelf.create(&plan, 2_000.0).unwrap();
    let first = mirror.borrow_mut().take_batch(0.0).unwrap();
    // The plan and the index that lists it go in one batch.
    let keys: Vec<&str> = first.changes.iter().map(|(k, _)| k.as_str()).collect();
    assert!(
        keys.contains(&INDEX_KEY) && keys.contains(&"cchc.plan.kh-1"),
        "{keys:?}"
    );
    mirror.borrow_mut().flushed(Err(FlushFault::Quota));
    plan.title = "Kế hoạch năm 2027".into();
    shelf.save(&plan, revision, 3_000.0, false).unwrap();
    let retry = mirror.borrow_mut().take_batch(0.0).unwrap();
    disk.write(&retry);
    mirror.borrow_mut().flushed(Ok(()));
    // A new start reads only what the durable store holds.
    let (mut again, problems) = PlanShelf::open(MirrorStore::loaded(durable(&disk)), 4_000.0);
    assert!(problems.is_empty(), "{problems:?}");
    let loaded = again.load("kh-1").unwrap();
    assert_eq!(loaded.plan.title, "Kế hoạch năm 2027");
    assert_eq!(loaded.revision, 2);
}

impl MemoryDurable {
    /// Writes `batch` as the browser glue does: a guarded write the durable store's text does
    /// not admit goes to the guard's backup key, and the mirror is told.
    fn write_guarded(&mut self, batch: &Batch, mirror: &mut MirrorStore) -> Vec<String> {
        let mut backups = Vec::new();
        for (key, value) in &batch.changes {
            let held = self.0.get(key).cloned();
            let target = match batch.guard(key) {
                Some(guard) if !guard.admits(held.as_deref()) => {
                    backups.extend(mirror.overtaken(key, held));
                    guard.backup.clone()
                }
                _ => key.clone(),
            };
            match value {
                Some(text) => {
                    self.0.insert(target, text.clone());
                }
                None if target == *key => {
                    self.0.remove(key);
                }
                None => {}
            }
        }
        backups
    }
}

const PLAN: &str = "cchc.plan.p1";

#[test]
fn only_the_plans_writes_are_guarded_each_by_what_the_durable_store_held() {
    let mut mirror = MirrorStore::loaded([(PLAN.to_string(), "v0".to_string())]);
    mirror.set(PLAN, "v1").unwrap();
    mirror.set(INDEX_KEY, "[]").unwrap();
    mirror.set("cchc.plan.p2", "new").unwrap();
    let batch = mirror.take_batch(1_000.0).unwrap();
    let guarded: Vec<(&str, Fingerprint)> = batch
        .guards
        .iter()
        .map(|g| (g.key.as_str(), g.expected))
        .collect();
    assert_eq!(
        guarded,
        [
            (PLAN, Fingerprint::of(Some("v0"))),
            ("cchc.plan.p2", Fingerprint::of(None))
        ]
    );
    assert!(batch.guards[0]
        .backup
        .starts_with("cchc.backup.cchc.plan.p1."));
    // Nothing else wrote: every write is admitted.
    let mut disk = MemoryDurable::default();
    disk.0.insert(PLAN.into(), "v0".into());
    assert!(disk.write_guarded(&batch, &mut mirror).is_empty());
    mirror.flushed(Ok(()));
    assert_eq!(disk.0[PLAN], "v1");
    assert!(mirror.is_settled());
}

#[test]
fn a_newer_save_of_another_tab_is_never_overwritten_and_this_tabs_text_is_backed_up() {
    let mut disk = MemoryDurable::default();
    disk.0.insert(PLAN.into(), "v0".into());
    let mut mirror = MirrorStore::loaded(durable(&disk));
    // This tab's write fails for a while…
    mirror.set(PLAN, "tab A").unwrap();
    mirror.take_batch(1_000.0).unwrap();
    mirror.flushed(Err(FlushFault::Aborted("AbortError".into())));
    // …while another tab saves the plan, and its message arrives (or not: the guard does not
    // depend on it).
    disk.0.insert(PLAN.into(), "tab B".into());
    mirror.apply_external(PLAN, Some("tab B".into()));
    mirror.set(PLAN, "tab A, more").unwrap();
    let batch = mirror.take_batch(2_000.0).unwrap();
    // The drafter types again while the batch is out.
    mirror.set(PLAN, "tab A, even more").unwrap();
    let backups = disk.write_guarded(&batch, &mut mirror);
    mirror.flushed(Ok(()));
    assert_eq!(disk.0[PLAN], "tab B", "the newer save was overwritten");
    assert_eq!(backups.len(), 1);
    let backup = &backups[0];
    assert_eq!(disk.0[backup], "tab A, more");
    assert_eq!(mirror.get(PLAN).unwrap().as_deref(), Some("tab B"));
    // The later change goes to the backup too, never over the newer save.
    let batch = mirror.take_batch(3_000.0).unwrap();
    assert_eq!(
        batch.changes,
        [(backup.clone(), Some("tab A, even more".to_string()))]
    );
    assert!(disk.write_guarded(&batch, &mut mirror).is_empty());
    mirror.flushed(Ok(()));
    assert_eq!(disk.0[PLAN], "tab B");
    assert_eq!(disk.0[backup], "tab A, even more");
    assert!(mirror.is_settled());
    assert!(mirror.journal(4_000.0).is_none());
    // This tab's next save of the plan is made over what the durable store holds now.
    mirror.set(PLAN, "tab A, reopened").unwrap();
    let batch = mirror.take_batch(5_000.0).unwrap();
    assert!(disk.write_guarded(&batch, &mut mirror).is_empty());
    mirror.flushed(Ok(()));
    assert_eq!(disk.0[PLAN], "tab A, reopened");
}

#[test]
fn a_removal_overtaken_by_a_newer_save_removes_nothing() {
    let mut disk = MemoryDurable::default();
    disk.0.insert(PLAN.into(), "v0".into());
    let mut mirror = MirrorStore::loaded(durable(&disk));
    mirror.remove(PLAN).unwrap();
    let batch = mirror.take_batch(1_000.0).unwrap();
    disk.0.insert(PLAN.into(), "tab B".into());
    let backups = disk.write_guarded(&batch, &mut mirror);
    mirror.flushed(Ok(()));
    assert!(backups.is_empty(), "nothing to back up: {backups:?}");
    assert_eq!(disk.0[PLAN], "tab B");
    assert!(!disk.0.keys().any(|k| k.starts_with("cchc.backup.")));
    assert_eq!(mirror.get(PLAN).unwrap().as_deref(), Some("tab B"));
    assert!(mirror.is_settled());
}
