use super::super::mirror::FlushFault;
use super::*;
use crate::domain::storage::{
    plan_key, MemoryStore, PlanShelf, Settings, INDEX_KEY, SCHEMA_VERSION, SETTINGS_KEY,
};

const ID: &str = "kh-1767225600000-042137";

fn fixture(version: u32, name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/storage/v{version}/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("missing fixture {path} ({e})"))
}

/// The old store as an app of schema `version` left it, with a backup and templates.
fn old_store(version: u32) -> MemoryStore {
    let mut old = MemoryStore::new();
    old.set(INDEX_KEY, &fixture(version, "index.json")).unwrap();
    old.set(&plan_key(ID), &fixture(version, "plan.json"))
        .unwrap();
    old.set(SETTINGS_KEY, &fixture(version, "settings.json"))
        .unwrap();
    old.set("cchc.backup.cchc.plan.x.1700000000000", "{hỏng")
        .unwrap();
    old.set("other.app", "kept").unwrap();
    old
}

/// Writes every queued change of the mirror into `disk`, as a successful flush does.
fn flush(mirror: &mut MirrorStore, disk: &mut MemoryStore) {
    while let Some(batch) = mirror.take_batch(0.0) {
        for (key, value) in batch.changes {
            match value {
                Some(text) => disk.set(&key, &text).unwrap(),
                None => disk.remove(&key).unwrap(),
            }
        }
        mirror.flushed(Ok(()));
    }
}

fn finish(old: &mut MemoryStore, moved: &[Moved], disk: &MemoryStore) {
    for key in confirmed(moved, |k| disk.get(k).unwrap()) {
        old.remove(&key).unwrap();
    }
}

#[test]
fn everything_but_the_settings_moves_for_every_schema_version() {
    for version in 1..=SCHEMA_VERSION {
        let mut old = old_store(version);
        let mut disk = MemoryStore::new();
        let mut mirror = MirrorStore::default();
        let moved = copy_into(&old, &mut mirror, 5_000.0).unwrap();
        assert_eq!(moved.len(), 3, "v{version}: index, plan and backup");
        flush(&mut mirror, &mut disk);
        finish(&mut old, &moved, &disk);
        let mut left = old.keys().unwrap();
        left.sort();
        assert_eq!(left, [SETTINGS_KEY, "other.app"], "v{version}");
        // The moved plan opens from the durable store as it did from the old one.
        let (mut shelf, problems) = PlanShelf::open(
            MirrorStore::loaded(disk.keys().unwrap().into_iter().map(|k| {
                let v = disk.get(&k).unwrap().unwrap();
                (k, v)
            })),
            6_000.0,
        );
        assert!(problems.is_empty(), "v{version}: {problems:?}");
        assert_eq!(shelf.last_open(), Some(ID));
        assert_eq!(shelf.load(ID).unwrap().revision, 7);
        assert_eq!(shelf.backups().unwrap().len(), 1);
        assert_eq!(
            shelf.settings(),
            &Settings::default(),
            "settings stayed behind"
        );
    }
}

#[test]
fn a_failed_flush_removes_nothing_and_the_next_start_finishes() {
    let mut old = old_store(SCHEMA_VERSION);
    let before = old.clone();
    let mut mirror = MirrorStore::default();
    let moved = copy_into(&old, &mut mirror, 5_000.0).unwrap();
    let _ = mirror.take_batch(0.0).unwrap();
    mirror.flushed(Err(FlushFault::Quota));
    // Nothing reads back from the durable store: nothing may be removed.
    let disk = MemoryStore::new();
    assert!(confirmed(&moved, |k| disk.get(k).unwrap()).is_empty());
    finish(&mut old, &moved, &disk);
    assert_eq!(old.keys().unwrap(), before.keys().unwrap());
    // Next start: the durable store is still empty; the move runs again and completes.
    let mut disk = MemoryStore::new();
    let mut mirror = MirrorStore::default();
    let moved = copy_into(&old, &mut mirror, 7_000.0).unwrap();
    flush(&mut mirror, &mut disk);
    finish(&mut old, &moved, &disk);
    assert_eq!(
        disk.get(&plan_key(ID)).unwrap(),
        before.get(&plan_key(ID)).unwrap()
    );
    assert_eq!(old.len(), 2);
}

#[test]
fn a_copy_read_back_different_is_not_removed() {
    let old = old_store(SCHEMA_VERSION);
    let mut mirror = MirrorStore::default();
    let moved = copy_into(&old, &mut mirror, 5_000.0).unwrap();
    let mut disk = MemoryStore::new();
    flush(&mut mirror, &mut disk);
    disk.set(&plan_key(ID), "{cut short").unwrap();
    let removable = confirmed(&moved, |k| disk.get(k).unwrap());
    assert!(!removable.contains(&plan_key(ID)), "{removable:?}");
    assert_eq!(removable.len(), 2);
}

#[test]
fn a_newer_durable_copy_stays_and_the_old_text_becomes_a_backup() {
    let mut old = old_store(SCHEMA_VERSION);
    let old_plan = old.get(&plan_key(ID)).unwrap().unwrap();
    let newer = old_plan.replace("\"revision\": 7", "\"revision\": 8");
    assert_ne!(newer, old_plan);
    let mut disk = MemoryStore::new();
    disk.set(&plan_key(ID), &newer).unwrap();
    let mut mirror = MirrorStore::loaded([(plan_key(ID), newer.clone())]);
    let moved = copy_into(&old, &mut mirror, 9_000.0).unwrap();
    flush(&mut mirror, &mut disk);
    finish(&mut old, &moved, &disk);
    assert_eq!(
        disk.get(&plan_key(ID)).unwrap().as_deref(),
        Some(newer.as_str())
    );
    let backup = format!("cchc.backup.{}.9000", plan_key(ID));
    assert_eq!(
        disk.get(&backup).unwrap().as_deref(),
        Some(old_plan.as_str())
    );
    assert_eq!(old.get(&plan_key(ID)).unwrap(), None);
    // Running the move again (an interrupted removal) makes no second backup.
    let mut again = MirrorStore::loaded([
        (plan_key(ID), newer.clone()),
        (backup.clone(), old_plan.clone()),
    ]);
    let mut old = old_store(SCHEMA_VERSION);
    let moved = copy_into(&old, &mut again, 10_000.0).unwrap();
    assert!(moved.iter().any(|m| m.new_key == backup));
    flush(&mut again, &mut disk);
    finish(&mut old, &moved, &disk);
    assert_eq!(old.get(&plan_key(ID)).unwrap(), None);
}

#[test]
fn only_the_apps_data_moves() {
    assert!(moves(INDEX_KEY));
    assert!(moves("cchc.plan.kh-1"));
    assert!(moves("cchc.templates"));
    assert!(moves("cchc.backup.cchc.index.1"));
    assert!(!moves(SETTINGS_KEY));
    assert!(!moves("other.app"));
}
