use super::*;
use crate::domain::storage::FlushFault;

fn loaded(pairs: &[(&str, &str)]) -> MirrorStore {
    MirrorStore::loaded(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())))
}

fn kept(journal: Journal) -> (String, String) {
    ("cchc.unsaved.1".to_string(), journal.encode())
}

fn text(mirror: &MirrorStore, key: &str) -> Option<String> {
    mirror.get(key).unwrap()
}

#[test]
fn a_settled_mirror_has_no_journal() {
    let mut mirror = loaded(&[("k", "a")]);
    assert_eq!(mirror.journal(1.0), None);
    mirror.set("k", "a").unwrap();
    assert_eq!(mirror.journal(1.0), None, "an unchanged text is no write");
    mirror.set("k", "b").unwrap();
    mirror.take_batch(0.0).unwrap();
    mirror.flushed(Ok(()));
    assert_eq!(mirror.journal(1.0), None, "durable again");
}

#[test]
fn new_changed_and_removed_keys_replay_over_what_was_durable() {
    let mut tab = loaded(&[("plan", "old"), ("gone", "x")]);
    tab.set("plan", "new").unwrap();
    tab.set("added", "y").unwrap();
    tab.remove("gone").unwrap();
    let journal = tab.journal(5.0).unwrap();
    assert_eq!(journal.entries.len(), 3);
    let mut next = loaded(&[("plan", "old"), ("gone", "x")]);
    let replayed = replay(&mut next, &[kept(journal)], 9.0);
    assert_eq!(replayed.applied, 1);
    assert_eq!(
        replayed.told(),
        None,
        "the drafter's own edit, back: nothing to say"
    );
    assert_eq!(text(&next, "plan").as_deref(), Some("new"));
    assert_eq!(text(&next, "added").as_deref(), Some("y"));
    assert_eq!(text(&next, "gone"), None);
    // Queued for the durable store, in one batch.
    assert_eq!(next.take_batch(0.0).unwrap().changes.len(), 3);
}

#[test]
fn a_write_that_reached_the_durable_store_is_not_applied_again() {
    let mut tab = loaded(&[("plan", "old")]);
    tab.set("plan", "new").unwrap();
    let journal = kept(tab.journal(5.0).unwrap());
    // The transaction did commit after all.
    let mut next = loaded(&[("plan", "new")]);
    let replayed = replay(&mut next, &[journal], 9.0);
    assert_eq!(
        replayed,
        Replayed {
            already_durable: 1,
            ..Replayed::default()
        }
    );
    assert!(next.is_settled(), "nothing to write");
}

#[test]
fn a_newer_save_of_another_tab_wins_and_the_journal_is_kept_as_a_backup() {
    let mut tab = loaded(&[("cchc.plan.a", "v1"), (INDEX_KEY, "i1")]);
    tab.set("cchc.plan.a", "mine").unwrap();
    tab.set(INDEX_KEY, "i-mine").unwrap();
    let journal = kept(tab.journal(5.0).unwrap());
    let mut next = loaded(&[("cchc.plan.a", "theirs"), (INDEX_KEY, "i-theirs")]);
    let replayed = replay(&mut next, &[journal], 9.0);
    assert_eq!(replayed.applied, 0);
    assert_eq!(text(&next, "cchc.plan.a").as_deref(), Some("theirs"));
    assert_eq!(text(&next, INDEX_KEY).as_deref(), Some("i-theirs"));
    assert_eq!(replayed.kept_as_backups, ["cchc.backup.cchc.plan.a.9"]);
    assert!(replayed
        .told()
        .unwrap()
        .starts_with("Có 1 thay đổi chưa kịp lưu"));
    assert_eq!(
        text(&next, "cchc.backup.cchc.plan.a.9").as_deref(),
        Some("mine")
    );
}

#[test]
fn a_journal_is_applied_whole_or_not_at_all() {
    let mut tab = loaded(&[("cchc.plan.a", "v1"), (INDEX_KEY, "i1")]);
    tab.set("cchc.plan.a", "v2").unwrap();
    tab.set(INDEX_KEY, "i2").unwrap();
    let journal = kept(tab.journal(5.0).unwrap());
    // The plan is as before, the list was changed by another tab since.
    let mut next = loaded(&[("cchc.plan.a", "v1"), (INDEX_KEY, "i-other")]);
    let replayed = replay(&mut next, &[journal], 9.0);
    assert_eq!(replayed.applied, 0);
    assert_eq!(text(&next, "cchc.plan.a").as_deref(), Some("v1"));
    assert_eq!(text(&next, INDEX_KEY).as_deref(), Some("i-other"));
    assert_eq!(replayed.kept_as_backups.len(), 1, "the plan's text is kept");
}

#[test]
fn a_failed_batch_keeps_what_was_durable_before_it() {
    let mut tab = loaded(&[("k", "a")]);
    tab.set("k", "b").unwrap();
    tab.take_batch(0.0).unwrap();
    tab.set("k", "c").unwrap();
    tab.flushed(Err(FlushFault::Aborted("AbortError".into())));
    let journal = tab.journal(5.0).unwrap();
    assert_eq!(journal.entries[0].before, Fingerprint::of(Some("a")));
    assert_eq!(journal.entries[0].after.as_deref(), Some("c"));
}

#[test]
fn a_committed_batch_moves_what_is_durable() {
    let mut tab = loaded(&[("k", "a")]);
    tab.set("k", "b").unwrap();
    tab.take_batch(0.0).unwrap();
    tab.set("k", "c").unwrap();
    tab.flushed(Ok(()));
    let journal = tab.journal(5.0).unwrap();
    assert_eq!(journal.entries[0].before, Fingerprint::of(Some("b")));
    let mut next = loaded(&[("k", "b")]);
    assert_eq!(replay(&mut next, &[kept(journal)], 9.0).applied, 1);
    assert_eq!(text(&next, "k").as_deref(), Some("c"));
}

#[test]
fn another_tabs_newer_save_is_not_overwritten_by_this_tabs_journal() {
    let mut tab = loaded(&[("k", "a")]);
    tab.set("k", "mine").unwrap();
    tab.apply_external("k", Some("theirs".into()));
    assert_eq!(
        tab.get("k").unwrap().as_deref(),
        Some("theirs"),
        "the mirror shows theirs"
    );
    let journal = tab.journal(5.0).unwrap();
    assert_eq!(journal.entries[0].before, Fingerprint::of(Some("a")));
    assert_eq!(journal.entries[0].after.as_deref(), Some("mine"));
    let mut next = loaded(&[("k", "theirs")]);
    let replayed = replay(&mut next, &[kept(journal)], 9.0);
    assert_eq!(replayed.applied, 0);
    assert_eq!(
        text(&next, "k").as_deref(),
        Some("theirs"),
        "the newer save stays"
    );
    assert_eq!(replayed.kept_as_backups.len(), 1);
    assert_eq!(
        text(&next, &replayed.kept_as_backups[0]).as_deref(),
        Some("mine"),
        "this tab's change is kept aside"
    );
}

#[test]
fn the_journal_holds_the_change_out_in_a_batch() {
    let mut tab = loaded(&[("k", "a")]);
    tab.set("k", "mine").unwrap();
    tab.take_batch(0.0).unwrap();
    tab.apply_external("k", Some("theirs".into()));
    let journal = tab.journal(5.0).unwrap();
    assert_eq!(journal.entries[0].before, Fingerprint::of(Some("a")));
    assert_eq!(journal.entries[0].after.as_deref(), Some("mine"));
}

#[test]
fn journals_replay_oldest_first_and_unreadable_ones_are_counted() {
    let mut first = loaded(&[("k", "a")]);
    first.set("k", "b").unwrap();
    let mut second = loaded(&[("k", "b")]);
    second.set("k", "c").unwrap();
    let journals = [
        kept(second.journal(20.0).unwrap()),
        ("cchc.unsaved.2".to_string(), "not a journal".to_string()),
        kept(first.journal(10.0).unwrap()),
    ];
    let mut next = loaded(&[("k", "a")]);
    let replayed = replay(&mut next, &journals, 30.0);
    assert_eq!(replayed.applied, 2);
    assert_eq!(replayed.unreadable, 1);
    assert_eq!(text(&next, "k").as_deref(), Some("c"));
    // The unreadable one is kept, and the drafter told.
    assert_eq!(replayed.kept_as_backups, ["cchc.backup.cchc.unsaved.2.30"]);
    assert_eq!(
        text(&next, "cchc.backup.cchc.unsaved.2.30").as_deref(),
        Some("not a journal")
    );
    assert!(replayed.told().unwrap().contains("Bản sao lưu"));
}

#[test]
fn fingerprints_tell_texts_and_absence_apart() {
    assert_ne!(Fingerprint::of(None), Fingerprint::of(Some("")));
    assert_ne!(Fingerprint::of(Some("ab")), Fingerprint::of(Some("ba")));
    assert_eq!(
        Fingerprint::of(Some("Kế hoạch")),
        Fingerprint::of(Some("Kế hoạch"))
    );
    // FNV-1a of "a", as published: the fingerprint does not depend on the build.
    assert_eq!(
        Fingerprint::of(Some("a")).0,
        Some((1, 0xaf63_dc4c_8601_ec8c))
    );
}
