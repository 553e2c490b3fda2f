use super::*;

const DAY: f64 = 24.0 * 3600.0 * 1000.0;
const T0: f64 = 1_767_225_600_000.0;

#[test]
fn reminds_after_eight_days_with_changes_only() {
    let mut saves = FileSaves::default();
    saves.saved("kh-1", T0);
    // Changed since, but only 6 days: quiet.
    assert!(!saves.due("kh-1", T0 + DAY, T0 + 6.0 * DAY));
    // 8 days, changed since the file save: remind.
    assert!(saves.due("kh-1", T0 + DAY, T0 + 8.0 * DAY));
    // 8 days, but unchanged since the file save: nothing to save.
    assert!(!saves.due("kh-1", T0 - DAY, T0 + 8.0 * DAY));
    // Saved to a file again: quiet for another week.
    saves.saved("kh-1", T0 + 8.0 * DAY);
    assert!(!saves.due("kh-1", T0 + 8.5 * DAY, T0 + 9.0 * DAY));
}

#[test]
fn a_plan_never_saved_to_a_file_counts_from_when_it_was_first_seen() {
    let mut saves = FileSaves::default();
    assert!(
        !saves.due("kh-2", T0, T0 + 30.0 * DAY),
        "unknown plans are quiet"
    );
    assert!(saves.seen("kh-2", T0));
    assert!(!saves.seen("kh-2", T0 + DAY), "the first sight stays");
    assert!(saves.due("kh-2", T0 + 7.5 * DAY, T0 + 8.0 * DAY));
}

#[test]
fn stored_as_a_plain_map_and_pruned_with_the_plans() {
    let mut saves = FileSaves::default();
    saves.saved("a", 1.0);
    saves.saved("b", 2.0);
    assert_eq!(
        serde_json::to_string(&saves).unwrap(),
        r#"{"a":1.0,"b":2.0}"#
    );
    assert!(saves.keep_only(["b"]));
    assert!(!saves.keep_only(["b", "c"]));
    let back: FileSaves = serde_json::from_str(r#"{"b":2.0}"#).unwrap();
    assert_eq!(back, saves);
}
