//! Tests of moving deadlines to another plan year: examples, the library adapter, and
//! properties (there and back, only year digits change).

use proptest::prelude::*;

use super::super::suggest::month_text;
use super::super::*;

#[test]
fn rolling() {
    let cases = [
        ("Quý I/2022", "Quý I/2027", false),
        ("Tháng 12/2021", "Tháng 12/2026", false),
        ("Trước ngày 05/01/2022", "Trước ngày 05/01/2027", false),
        ("Năm 2022", "Năm 2027", false),
        ("tháng 6 năm 2022", "tháng 6 năm 2027", false),
        (
            "Thường xuyên trong năm 2022",
            "Thường xuyên trong năm 2027",
            false,
        ),
        (
            "Tháng 11/2021 - tháng 02/2022",
            "Tháng 11/2026 - tháng 02/2027",
            true,
        ),
        (
            "Tháng 12/2021 - tháng 02/2022",
            "Tháng 12/2026 - tháng 02/2027",
            false,
        ),
        ("Hàng năm", "Hàng năm", false),
        ("Thường xuyên", "Thường xuyên", false),
        ("Tháng 4 - tháng 7", "Tháng 4 - tháng 7", false),
        ("Giai đoạn 2021-2025", "Giai đoạn 2021-2025", true),
        ("2022-2025", "2022-2025", true),
        // Years of a condition or a document stay.
        (
            "Sau khi có Quyết định số 45/2016/QĐ-TTg",
            "Sau khi có Quyết định số 45/2016/QĐ-TTg",
            false,
        ),
        (
            "Tháng 12/2022 theo Nghị định 30/2020/NĐ-CP",
            "Tháng 12/2027 theo Nghị định 30/2020/NĐ-CP",
            false,
        ),
        // A year the reader does not move is flagged.
        ("Theo kế hoạch năm 2022", "Theo kế hoạch năm 2022", true),
        (
            "Quý I/2022 và các năm tiếp theo",
            "Quý I/2022 và các năm tiếp theo",
            true,
        ),
        (
            "Theo Kế hoạch số 12/KH-UBND ngày 05/01/2022",
            "Theo Kế hoạch số 12/KH-UBND ngày 05/01/2022",
            true,
        ),
        ("Kịp thời", "Kịp thời", false),
        ("", "", false),
        // Every other byte is kept: spacing, case, punctuation, dashes.
        (
            "  QUÝ  III +quý IV   năm 2022 ;",
            "  QUÝ  III +quý IV   năm 2027 ;",
            false,
        ),
        ("Tháng 3 – tháng 7/2022", "Tháng 3 – tháng 7/2027", false),
        // 29/02 that does not exist in the new year.
        ("Trước ngày 29/02/2024", "Trước ngày 29/02/2029", true),
    ];
    let from = |t: &str| if t.contains("2024") { 2024 } else { 2022 };
    for (text, rolled, review) in cases {
        let r = roll(text, from(text), from(text) + 5);
        assert_eq!(r.text, rolled, "{text:?}");
        assert_eq!(r.needs_review, review, "{text:?} review");
        assert_eq!(r.changed, rolled != text, "{text:?} changed");
    }
    // Backwards too, and no move at all.
    assert_eq!(roll("Quý I/2027", 2027, 2022).text, "Quý I/2022");
    let r = roll("2022-2025", 2022, 2022);
    assert_eq!((r.changed, r.needs_review), (false, false));
    // A year that would leave four digits is not moved.
    let r = roll("Năm 9998", 2022, 2027);
    assert_eq!((r.text.as_str(), r.needs_review), ("Năm 9998", true));
}

/// Texts made of the forms that have years, without ranges, each year in 2000..2090.
fn dated_text() -> impl Strategy<Value = String> {
    let y = 2000i32..2090;
    let form = prop_oneof![
        (1u8..=4, y.clone()).prop_map(|(q, y)| format!("Quý {}/{y}", ROMAN[q as usize - 1])),
        (1u8..=12, y.clone()).prop_map(|(m, y)| format!("Tháng {}/{y}", month_text(m))),
        (1u8..=12, y.clone()).prop_map(|(m, y)| format!("tháng {m} năm {y}")),
        (1u8..=28, 1u8..=12, y.clone()).prop_map(|(d, m, y)| format!("Trước ngày {d:02}/{m}/{y}")),
        y.clone().prop_map(|y| format!("Năm {y}")),
        y.clone()
            .prop_map(|y| format!("Thường xuyên trong năm {y}")),
        (1u8..=11, y.clone()).prop_map(|(m, y)| format!("Tháng {m} - tháng {}/{y}", m + 1)),
        Just("Hàng năm".to_string()),
        Just("Theo kế hoạch".to_string()),
    ];
    let condition = prop_oneof![
        Just(""),
        Just(" sau khi Bộ Nội vụ triển khai"),
        Just(" theo Quyết định số 45/2016/QĐ-TTg"),
        Just(", khi có Nghị định 30/2020/NĐ-CP"),
    ];
    (form, condition).prop_map(|(f, c)| f + c)
}

proptest! {
    #[test]
    fn roll_there_and_back(text in dated_text(), a in 2000i32..2090, b in 2000i32..2090) {
        let there = roll(&text, a, b);
        let back = roll(&there.text, b, a);
        prop_assert_eq!(back.text, text);
    }

    #[test]
    fn roll_changes_only_year_digits(
        text in "[0-9a-zA-ZđĐáàảãạăâêôơưýúÝÚQqTt /\\-–,+.()]{0,40}",
        a in 1990i32..2100,
        b in 1990i32..2100,
    ) {
        let r = roll(&text, a, b);
        prop_assert_eq!(r.text.len(), text.len());
        for (x, y) in text.bytes().zip(r.text.bytes()) {
            prop_assert!(x == y || (x.is_ascii_digit() && y.is_ascii_digit()));
        }
        prop_assert_eq!(r.changed, r.text != text);
        let _ = parse(&text);
        let _ = suggest(&text, a);
    }
}

#[test]
fn shift_years_is_the_library_adapter_of_roll() {
    use crate::domain::library::{builtin, template_to_task, ShiftYears};
    let shift: ShiftYears = shift_years;
    assert_eq!(shift("Quý I/2022", 2022, 2027), "Quý I/2027");
    assert_eq!(
        shift("Giai đoạn 2021-2025", 2022, 2027),
        "Giai đoạn 2021-2025"
    );
    assert_eq!(shift("Hàng năm", 2022, 2027), "Hàng năm");
    let library = builtin();
    let template = library.template("004-III-1").unwrap();
    let task = library.task_from(template, 2027, shift);
    assert_eq!(task.deadline, "Trước ngày 05/01/2027");
    // Nothing moves when the source's year is unknown or already the plan's.
    assert_eq!(
        template_to_task(template, None, 2027, shift).deadline,
        "Trước ngày 05/01/2022"
    );
    assert_eq!(
        template_to_task(template, Some(2022), 2022, shift).deadline,
        "Trước ngày 05/01/2022"
    );
}
