//! Tests of the deadline reader: every distinct deadline text of seeds 000, 002 and 004 (copied
//! here, the seeds are not read at test time), the examples of the issue, and properties.

use super::*;
use proptest::prelude::*;

use DeadlineForm as F;

pub(super) fn month(month: u8, year: Option<i32>) -> F {
    F::Month { month, year }
}
pub(super) fn range(from: u8, to: u8, year: Option<i32>) -> F {
    F::MonthRange { from, to, year }
}
pub(super) fn quarters(qs: &[u8], year: Option<i32>) -> F {
    F::Quarters {
        quarters: QuarterSet::of(qs),
        year,
    }
}
pub(super) fn year(y: i32) -> F {
    F::Year { year: Some(y) }
}
pub(super) fn before(day: u8, month: u8, year: Option<i32>) -> F {
    F::Before { day, month, year }
}
pub(super) fn every(p: Period) -> F {
    F::Recurring(p)
}
pub(super) const YEARLY: Period = Period::Yearly { month: None };
pub(super) fn continuous(year: Option<i32>) -> F {
    F::Continuous { year }
}

/// One seed deadline: its text, what it reads as, whether it has a condition, and the text
/// rolled from the seed's plan year to 2027 with its review flag.
struct Row {
    text: &'static str,
    form: F,
    conditional: bool,
    rolled: &'static str,
    review: bool,
}

/// A row whose text does not change when rolled.
fn same(text: &'static str, form: F, conditional: bool) -> Row {
    Row {
        text,
        form,
        conditional,
        rolled: text,
        review: false,
    }
}
fn moved(text: &'static str, form: F, rolled: &'static str, review: bool) -> Row {
    Row {
        text,
        form,
        conditional: false,
        rolled,
        review,
    }
}

/// Seed 000, Hưng Yên, plan year 2021 (its table serves 2021-2025), "Thời gian hoàn thành".
fn seed_000() -> Vec<Row> {
    vec![
        same("Thường xuyên", continuous(None), false),
        same("Hàng năm", every(YEARLY), false),
        moved(
            "Quý IV/2021",
            quarters(&[4], Some(2021)),
            "Quý IV/2027",
            false,
        ),
        // A 2022 date in the 2021 plan moves too, but someone should look at it.
        moved("Quý I/2022", quarters(&[1], Some(2022)), "Quý I/2028", true),
        moved("Năm 2021", year(2021), "Năm 2027", false),
        same(
            "Tháng 12 hàng năm",
            every(Period::Yearly { month: Some(12) }),
            false,
        ),
        same(
            "Tháng 11 hàng năm",
            every(Period::Yearly { month: Some(11) }),
            false,
        ),
        moved("Năm 2022", year(2022), "Năm 2028", true),
        Row {
            text: "2022-2025",
            form: F::YearRange {
                from: 2022,
                to: 2025,
            },
            conditional: false,
            rolled: "2022-2025",
            review: true,
        },
        same(
            "Từ tháng 11 năm đánh giá đến hết tháng 01 năm kế tiếp",
            range(11, 1, None),
            false,
        ),
        same("Theo quy định của Bộ Nội vụ hàng năm", every(YEARLY), true),
        same("Theo lộ trình Đề án", F::Conditional, true),
        same(
            "Sau khi có văn bản hướng dẫn của bộ, ngành Trung ương",
            F::Conditional,
            true,
        ),
        same(
            "Sau khi Văn phòng Chính phủ ban hành hướng dẫn",
            F::Conditional,
            true,
        ),
        moved(
            "Quý II/2023",
            quarters(&[2], Some(2023)),
            "Quý II/2029",
            true,
        ),
        moved(
            "Quý II/2022",
            quarters(&[2], Some(2022)),
            "Quý II/2028",
            true,
        ),
        same("Khi có chủ trương của Chính phủ", F::Conditional, true),
    ]
}

/// Seed 002, Đắk Nông, plan year 2021, "Thời gian thực hiện".
fn seed_002() -> Vec<Row> {
    vec![
        same("Thường xuyên", continuous(None), false),
        same("Theo kế hoạch", F::Conditional, true),
        same("Định kỳ hàng tháng", every(Period::Monthly), false),
        same("Tháng 4 - tháng 10", range(4, 10, None), false),
        moved(
            "Quý I/2021",
            quarters(&[1], Some(2021)),
            "Quý I/2027",
            false,
        ),
        same("Định kỳ trong năm", every(Period::Unspecified), false),
        same("Định kỳ hàng tuần", every(Period::Weekly), false),
        same("Định kỳ", every(Period::Unspecified), false),
        same("Tháng 9 - tháng 11", range(9, 11, None), false),
        same("Tháng 7 - tháng 11", range(7, 11, None), false),
        same("Tháng 6 - tháng 12", range(6, 12, None), false),
        same("Tháng 6 - Tháng 12", range(6, 12, None), false),
        same("Tháng 5 - tháng 9", range(5, 9, None), false),
        same("Tháng 5 - tháng 11", range(5, 11, None), false),
        same("Tháng 5 - tháng 10", range(5, 10, None), false),
        same("Tháng 4 - tháng 7", range(4, 7, None), false),
        same("Tháng 3 - tháng 7", range(3, 7, None), false),
        // The December before the plan year is part of the plan.
        moved(
            "Tháng 12/2020",
            month(12, Some(2020)),
            "Tháng 12/2026",
            false,
        ),
        same("Tháng 11 - tháng 12", range(11, 12, None), false),
        same("Tháng 10 - tháng 12", range(10, 12, None), false),
        moved(
            "Tháng 01/2021",
            month(1, Some(2021)),
            "Tháng 01/2027",
            false,
        ),
        same("Tháng 01 - tháng 6", range(1, 6, None), false),
        same("Tháng 01 - Tháng 3", range(1, 3, None), false),
        same("Theo đề nghị của các Đoàn kiểm tra", F::Conditional, true),
        same("Theo kế hoạch Đoàn liên ngành", F::Conditional, true),
        same("Theo Kế hoạch của Bộ Nội vụ", F::Conditional, true),
    ]
}

/// Seed 004, Yên Bái, plan year 2022, fifth cell of the Phụ biểu.
fn seed_004() -> Vec<Row> {
    vec![
        moved("Năm 2022", year(2022), "Năm 2027", false),
        moved(
            "Thường xuyên trong năm 2022",
            continuous(Some(2022)),
            "Thường xuyên trong năm 2027",
            false,
        ),
        same("Thường xuyên trong năm", continuous(None), false),
        moved(
            "Quý I/2022",
            quarters(&[1], Some(2022)),
            "Quý I/2027",
            false,
        ),
        moved(
            "Trước ngày 05/01/2022",
            before(5, 1, Some(2022)),
            "Trước ngày 05/01/2027",
            false,
        ),
        same("Thực hiện trong năm", F::Year { year: None }, false),
        same("Thường xuyên", continuous(None), false),
        moved(
            "Quý III/2022",
            quarters(&[3], Some(2022)),
            "Quý III/2027",
            false,
        ),
        moved(
            "Quý II/2022",
            quarters(&[2], Some(2022)),
            "Quý II/2027",
            false,
        ),
        moved(
            "Quý I, II/2022",
            quarters(&[1, 2], Some(2022)),
            "Quý I, II/2027",
            false,
        ),
        same(
            "Trước ngày 22 của tháng cuối quý",
            every(Period::Quarterly { day: Some(22) }),
            false,
        ),
        // Very likely a slip for 2022: it moves with the others and is flagged.
        moved(
            "Thường xuyên trong năm 2020",
            continuous(Some(2020)),
            "Thường xuyên trong năm 2025",
            true,
        ),
        moved("Tháng 7/2022", month(7, Some(2022)), "Tháng 7/2027", false),
        moved("Tháng 5/2022", month(5, Some(2022)), "Tháng 5/2027", false),
        moved(
            "Tháng 3 - đến tháng 11/2022",
            range(3, 11, Some(2022)),
            "Tháng 3 - đến tháng 11/2027",
            false,
        ),
        moved(
            "Tháng 12/2022",
            month(12, Some(2022)),
            "Tháng 12/2027",
            false,
        ),
        Row {
            text: "Tháng 12/2021 sau khi Bộ Nội vụ triển khai",
            form: month(12, Some(2021)),
            conditional: true,
            rolled: "Tháng 12/2026 sau khi Bộ Nội vụ triển khai",
            review: false,
        },
        moved(
            "Tháng 12/2021",
            month(12, Some(2021)),
            "Tháng 12/2026",
            false,
        ),
        moved(
            "Tháng 10/2022",
            month(10, Some(2022)),
            "Tháng 10/2027",
            false,
        ),
        same(
            "Theo hướng dẫn của cơ quan có thẩm quyền",
            F::Conditional,
            true,
        ),
        moved(
            "Quý IV/2022",
            quarters(&[4], Some(2022)),
            "Quý IV/2027",
            false,
        ),
        moved(
            "Quý III + Quý IV năm 2022",
            quarters(&[3, 4], Some(2022)),
            "Quý III + Quý IV năm 2027",
            false,
        ),
        moved(
            "Quý I, III/2022",
            quarters(&[1, 3], Some(2022)),
            "Quý I, III/2027",
            false,
        ),
    ]
}

fn seeds() -> [(&'static str, i32, Vec<Row>); 3] {
    [
        ("000", 2021, seed_000()),
        ("002", 2021, seed_002()),
        ("004", 2022, seed_004()),
    ]
}

#[test]
fn every_seed_deadline_reads_and_rolls_as_expected() {
    for (seed, plan_year, rows) in seeds() {
        for row in rows {
            let d = parse(row.text);
            assert_eq!(d.form, row.form, "seed {seed}: {:?}", row.text);
            assert_eq!(
                d.conditional, row.conditional,
                "seed {seed}: {:?} conditional",
                row.text
            );
            let r = roll(row.text, plan_year, 2027);
            assert_eq!(r.text, row.rolled, "seed {seed}: {:?} rolled", row.text);
            assert_eq!(
                r.needs_review, row.review,
                "seed {seed}: {:?} review",
                row.text
            );
            assert_eq!(r.changed, row.rolled != row.text);
            // And back again, except a range of years, which is never moved.
            if !matches!(row.form, F::YearRange { .. }) {
                assert_eq!(roll(&r.text, 2027, plan_year).text, row.text);
            }
        }
    }
}

#[test]
fn seed_table_is_complete_and_distinct() {
    let mut all = Vec::new();
    for (seed, _, rows) in seeds() {
        let texts: Vec<_> = rows.iter().map(|r| r.text).collect();
        let mut unique = texts.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), texts.len(), "duplicate row in seed {seed}");
        all.extend(texts);
    }
    assert_eq!(all.len(), 17 + 26 + 23);
    all.sort_unstable();
    all.dedup();
    // "Thường xuyên" is in all three seeds; "Quý I/2022", "Quý II/2022" and "Năm 2022" are in
    // both 000 and 004.
    assert_eq!(all.len(), 61);
    // No seed deadline is left as unknown text.
    for (_, _, rows) in seeds() {
        assert!(rows.iter().all(|r| r.form != F::Unknown));
    }
}

#[test]
fn seed_forms_per_class() {
    let mut counts = std::collections::BTreeMap::new();
    for (_, _, rows) in seeds() {
        for r in rows {
            let class = match r.form {
                F::Month { .. } => "month",
                F::MonthRange { .. } => "month range",
                F::Months { .. } => "months",
                F::Quarters { .. } => "quarters",
                F::Year { .. } => "year",
                F::YearRange { .. } => "year range",
                F::Before { .. } => "before",
                F::Recurring(_) => "recurring",
                F::Continuous { .. } => "continuous",
                F::Conditional => "conditional",
                F::Unknown => "unknown",
            };
            *counts.entry(class).or_insert(0) += 1;
        }
    }
    let expected = [
        ("before", 1),
        ("conditional", 9),
        ("continuous", 6),
        ("month", 8),
        ("month range", 16),
        ("quarters", 12),
        ("recurring", 9),
        ("year", 4),
        ("year range", 1),
    ];
    assert_eq!(counts.into_iter().collect::<Vec<_>>(), expected);
}

#[test]
fn buckets() {
    let cases = [
        ("Tháng 01/2021", Bucket::Q1),
        ("Tháng 12/2021", Bucket::Q4),
        ("Tháng 3 - tháng 7", Bucket::Q3),
        ("Tháng 4 - tháng 10", Bucket::Q4),
        ("Tháng 01 - tháng 6", Bucket::Q2),
        (
            "Từ tháng 11 năm đánh giá đến hết tháng 01 năm kế tiếp",
            Bucket::Q1,
        ),
        ("Quý I, II/2022", Bucket::Q2),
        ("Quý III + Quý IV năm 2022", Bucket::Q4),
        ("Trước ngày 05/01/2022", Bucket::Q1),
        ("Trước ngày 01/4/2022", Bucket::Q1),
        ("Trước tháng 6/2022", Bucket::Q2),
        ("Tháng 12 hàng năm", Bucket::Q4),
        ("Năm 2022", Bucket::WholeYear),
        ("2022-2025", Bucket::WholeYear),
        ("Thường xuyên", Bucket::WholeYear),
        ("Hàng năm", Bucket::WholeYear),
        ("Định kỳ hàng tuần", Bucket::WholeYear),
        ("Trước ngày 22 của tháng cuối quý", Bucket::WholeYear),
        ("Thực hiện trong năm", Bucket::WholeYear),
        ("Theo kế hoạch", Bucket::Unknown),
        ("Tháng 12/2021 sau khi Bộ Nội vụ triển khai", Bucket::Q4),
        ("bất kỳ", Bucket::Unknown),
        ("", Bucket::Unknown),
    ];
    for (text, bucket) in cases {
        assert_eq!(parse(text).quarter(), bucket, "{text:?}");
    }
    assert_eq!(
        Bucket::ALL.map(Bucket::label),
        [
            "Quý I",
            "Quý II",
            "Quý III",
            "Quý IV",
            "Cả năm / thường xuyên",
            "Không rõ thời gian"
        ]
    );
}

#[test]
fn outside_the_plan_year() {
    let cases = [
        ("Tháng 12/2021", false),
        ("Trước ngày 20/12/2021", false),
        ("Tháng 11/2021", true),
        ("Quý IV/2021", true),
        ("Tháng 11 - tháng 12/2021", true),
        ("Tháng 12/2021 - tháng 02/2022", false),
        ("Quý I/2022", false),
        ("Quý I/2023", true),
        ("Năm 2022", false),
        ("Năm 2021", true),
        ("Thường xuyên trong năm 2020", true),
        ("Thường xuyên trong năm 2022", false),
        ("Giai đoạn 2021-2025", false),
        ("2023-2025", true),
        ("Trước ngày 05/01/2022", false),
        ("Tháng 12/2021 sau khi Bộ Nội vụ triển khai", false),
        ("Hàng năm", false),
        ("Thường xuyên", false),
        ("Tháng 4 - tháng 7", false),
        ("Sau khi có Nghị định 30/2020/NĐ-CP", false),
        ("Năm 2020 và 2021", false),
    ];
    for (text, outside) in cases {
        assert_eq!(parse(text).outside_plan_year(2022), outside, "{text:?}");
    }
}

#[test]
fn years_named() {
    assert_eq!(parse("Quý I/2022").years(), [2022]);
    assert_eq!(parse("Tháng 11/2021 - tháng 02/2022").years(), [2021, 2022]);
    assert_eq!(parse("2022-2025").years(), [2022, 2025]);
    assert!(parse("Tháng 4 - tháng 7").years().is_empty());
    assert!(parse("Hàng năm").years().is_empty());
    assert!(parse("Theo Nghị định 30/2020/NĐ-CP").years().is_empty());
    assert_eq!(
        parse("Tháng 12/2021 sau khi có Quyết định số 45/2016/QĐ-TTg").years(),
        [2021]
    );
}

#[test]
fn sorting_by_end_date() {
    let mut texts = vec![
        "Bất kỳ",
        "Theo kế hoạch",
        "Hàng năm",
        "Thường xuyên",
        "Năm 2022",
        "Tháng 12/2022 sau khi có hướng dẫn",
        "Tháng 12/2022",
        "Quý III/2022",
        "Tháng 3 - tháng 7",
        "Quý I, II/2022",
        "Trước ngày 05/01/2022",
        "Tháng 12/2021",
    ];
    texts.sort_by_key(|t| parse(t).sort_key(2022));
    assert_eq!(
        texts,
        [
            "Tháng 12/2021",
            "Trước ngày 05/01/2022",
            "Quý I, II/2022",
            "Tháng 3 - tháng 7",
            "Quý III/2022",
            "Tháng 12/2022",
            "Tháng 12/2022 sau khi có hướng dẫn",
            "Năm 2022",
            "Thường xuyên",
            "Hàng năm",
            "Theo kế hoạch",
            "Bất kỳ",
        ]
    );
    assert_eq!(
        parse("Từ tháng 11 năm đánh giá đến hết tháng 01 năm kế tiếp").end_date(2022),
        Some((2023, 1, 31))
    );
    assert_eq!(parse("Tháng 02").end_date(2023), Some((2023, 2, 28)));
}

#[test]
fn quarter_set() {
    let q = QuarterSet::of(&[4, 2, 2, 9]);
    assert_eq!(q.iter().collect::<Vec<_>>(), [2, 4]);
    assert!(q.contains(4) && !q.contains(1) && !q.contains(0) && !q.contains(5));
    assert_eq!(q.to_string(), "II, IV");
    assert!(QuarterSet::default().is_empty());
    assert_eq!(QuarterSet::default().last(), None);
}

proptest! {
    #[test]
    fn parse_and_roll_never_panic(text in any::<String>(), a in -3000i32..12000, b in -3000i32..12000) {
        let d = parse(&text);
        let _ = (d.quarter(), d.sort_key(a), d.years(), d.outside_plan_year(a));
        let _ = roll(&text, a, b);
        let _ = suggest(&text, a);
    }

    #[test]
    fn vietnamese_like_text_never_panics(
        text in "(Quý|Tháng|tháng|năm|Năm|Trước|ngày|hàng|Thường xuyên|Từ|đến|hết|Định kỳ|sau khi|theo|6|[0-9]{1,5}|I|II|III|IV|[/\\-,+ ]){0,12}",
        a in 2000i32..2050,
    ) {
        let d = parse(&text);
        let _ = (d.quarter(), d.sort_key(a), d.years(), d.outside_plan_year(a));
        let r = roll(&text, a, a + 5);
        prop_assert_eq!(r.text.len(), text.len());
    }
}
