//! Tests of the deadline grammar: the examples of the issue and more forms, read one by one.

use super::super::*;
use crate::domain::deadline::tests::{
    before, continuous, every, month, quarters, range, year, YEARLY,
};

use DeadlineForm as F;

#[test]
fn examples_of_the_issue() {
    let cases = [
        ("Tháng 12/2021", month(12, Some(2021)), false),
        ("Tháng 01/2021", month(1, Some(2021)), false),
        ("tháng 6 năm 2022", month(6, Some(2022)), false),
        ("Tháng 4 - tháng 7", range(4, 7, None), false),
        ("Tháng 01 - Tháng 3", range(1, 3, None), false),
        ("Quý I/2022", quarters(&[1], Some(2022)), false),
        ("Quý I, II/2022", quarters(&[1, 2], Some(2022)), false),
        ("Năm 2022", year(2022), false),
        (
            "2022-2025",
            F::YearRange {
                from: 2022,
                to: 2025,
            },
            false,
        ),
        (
            "Giai đoạn 2021-2025",
            F::YearRange {
                from: 2021,
                to: 2025,
            },
            false,
        ),
        (
            "giai đoạn 2021 - 2025",
            F::YearRange {
                from: 2021,
                to: 2025,
            },
            false,
        ),
        ("Hàng năm", every(YEARLY), false),
        ("Hằng năm", every(YEARLY), false),
        ("hàng quý", every(Period::Quarterly { day: None }), false),
        ("Thường xuyên trong năm 2022", continuous(Some(2022)), false),
        ("Thường xuyên, liên tục", continuous(None), false),
        ("Theo kế hoạch", F::Conditional, true),
        ("Khi có chủ trương của Chính phủ", F::Conditional, true),
        (
            "Tháng 12/2021 sau khi Bộ Nội vụ triển khai",
            month(12, Some(2021)),
            true,
        ),
    ];
    for (text, form, conditional) in cases {
        assert_eq!(parse(text), Deadline { form, conditional }, "{text:?}");
    }
}

#[test]
fn more_forms() {
    let cases = [
        ("THÁNG 12/2022", month(12, Some(2022))),
        ("Tháng 5", month(5, None)),
        ("12/2022", month(12, Some(2022))),
        ("Đến hết tháng 6/2022", month(6, Some(2022))),
        ("Trong tháng 3 năm 2022", month(3, Some(2022))),
        ("Tháng 11/2021 - tháng 02/2022", range(11, 2, Some(2022))),
        ("Tháng 11/2022 - tháng 02", range(11, 2, Some(2023))),
        ("Từ tháng 3 đến tháng 6/2022", range(3, 6, Some(2022))),
        ("Quý I - Quý III/2022", quarters(&[1, 2, 3], Some(2022))),
        ("Quý 2/2022", quarters(&[2], Some(2022))),
        ("Quí II", quarters(&[2], None)),
        ("Quý I và Quý II năm 2022", quarters(&[1, 2], Some(2022))),
        ("6 tháng đầu năm 2022", quarters(&[1, 2], Some(2022))),
        ("6 tháng cuối năm", quarters(&[3, 4], None)),
        ("2022", year(2022)),
        ("Trong năm 2022", year(2022)),
        ("Trong năm", F::Year { year: None }),
        ("Cả năm", F::Year { year: None }),
        (
            "Từ năm 2021 đến năm 2025",
            F::YearRange {
                from: 2021,
                to: 2025,
            },
        ),
        ("Năm 2022 - 2022", year(2022)),
        ("Chậm nhất ngày 15/12/2022", before(15, 12, Some(2022))),
        ("Trước ngày 31/12", before(31, 12, None)),
        ("Ngày 15 tháng 12 năm 2022", before(15, 12, Some(2022))),
        ("15/12/2022", before(15, 12, Some(2022))),
        ("Trước tháng 6/2022", before(1, 6, Some(2022))),
        ("Hàng tháng", every(Period::Monthly)),
        ("Định kỳ hàng quý", every(Period::Quarterly { day: None })),
        ("Mỗi tuần", every(Period::Weekly)),
        ("Năm 2022.", year(2022)),
        ("  Quý IV/2022  ", quarters(&[4], Some(2022))),
        // Decomposed (NFD) input reads the same.
        ("Qu\u{79}\u{301} I/2022", quarters(&[1], Some(2022))),
        // Two months of one year (was free text before the month lists of 2025 plans).
        (
            "Tháng 6, 7/2022",
            F::Months {
                months: MonthSet::of(&[6, 7]),
                year: Some(2022),
            },
        ),
        ("Thực hiện theo Kế hoạch", F::Conditional),
        ("Tùy theo tiến độ", F::Conditional),
        // Not understood: left as free text.
        ("", F::Unknown),
        ("Quý I/2022 và các năm tiếp theo", F::Unknown),
        ("Tháng 13/2022", F::Unknown),
        ("Trước ngày 31/02/2022", F::Unknown),
        ("Từ tháng 3/2022", F::Unknown),
        ("2025-2021", F::Unknown),
        ("Tháng 3/2022 - tháng 6/2023", F::Unknown),
        ("Kịp thời", F::Unknown),
        ("Năm", F::Unknown),
        ("15/12", F::Unknown),
    ];
    for (text, form) in cases {
        assert_eq!(parse(text).form, form, "{text:?}");
    }
    let d = parse("Quý II/2022 (theo hướng dẫn của Bộ)");
    assert_eq!(d.form, quarters(&[2], Some(2022)));
    assert!(d.conditional);
    let d = parse("Năm 2022, sau khi có Nghị định 30/2020/NĐ-CP");
    assert_eq!((d.form, d.conditional), (year(2022), true));
}
