//! Tests of deadline completions: the shortcuts, and every suggestion reads back as its form.

use super::super::*;
use DeadlineForm as F;

#[test]
fn suggestions() {
    let y = 2027;
    let cases: &[(&str, &[&str])] = &[
        ("q1", &["Quý I/2027"]),
        ("Q1", &["Quý I/2027"]),
        ("quý 1", &["Quý I/2027"]),
        ("quy I", &["Quý I/2027"]),
        ("qIV", &[]),
        ("q iv", &["Quý IV/2027"]),
        ("q3 q4", &["Quý III, IV/2027"]),
        ("q3,4", &["Quý III, IV/2027"]),
        ("quý 3 + quý 4", &["Quý III, IV/2027"]),
        ("q1-3", &["Quý I, II, III/2027"]),
        ("q1/2028", &["Quý I/2028"]),
        ("q2 2028", &["Quý II/2028"]),
        (
            "q",
            &["Quý I/2027", "Quý II/2027", "Quý III/2027", "Quý IV/2027"],
        ),
        ("q5", &[]),
        ("q3-1", &[]),
        (
            "t12",
            &["Tháng 12/2027", "Tháng 12/2026", "Tháng 12 hàng năm"],
        ),
        (
            "tháng 12",
            &["Tháng 12/2027", "Tháng 12/2026", "Tháng 12 hàng năm"],
        ),
        ("t1", &["Tháng 01/2027", "Tháng 01 hàng năm"]),
        ("t02", &["Tháng 02/2027", "Tháng 02 hàng năm"]),
        ("t6/2028", &["Tháng 6/2028"]),
        ("t12 hn", &["Tháng 12 hàng năm"]),
        ("t3-6", &["Tháng 3 - tháng 6/2027"]),
        ("th 1 - th 3", &["Tháng 01 - tháng 3/2027"]),
        ("t11-2", &["Tháng 11/2026 - tháng 02/2027"]),
        ("t13", &[]),
        ("tx", &["Thường xuyên", "Thường xuyên trong năm 2027"]),
        ("hn", &["Hàng năm"]),
        ("hq", &["Hàng quý"]),
        ("ht", &["Hàng tháng"]),
        (
            "dk",
            &["Định kỳ hàng tháng", "Định kỳ hàng quý", "Định kỳ hàng năm"],
        ),
        ("tkh", &["Theo kế hoạch"]),
        ("hằng", &["Hàng năm", "Hàng quý", "Hàng tháng"]),
        ("thuong", &["Thường xuyên", "Thường xuyên trong năm 2027"]),
        ("thường xuyên trong", &["Thường xuyên trong năm 2027"]),
        (
            "th",
            &[
                "Thường xuyên",
                "Thường xuyên trong năm 2027",
                "Theo kế hoạch",
            ],
        ),
        ("n", &["Năm 2027"]),
        ("năm", &["Năm 2027"]),
        ("n2028", &["Năm 2028"]),
        ("2028", &["Năm 2028"]),
        ("2026-2030", &["2026-2030", "Giai đoạn 2026-2030"]),
        ("trước 5/1", &["Trước ngày 05/01/2027"]),
        ("tr 15/3", &["Trước ngày 15/3/2027"]),
        ("5/1/2028", &["Trước ngày 05/01/2028"]),
        ("31/2", &[]),
        ("", &[]),
        ("   ", &[]),
        ("xyz", &[]),
        ("t", &[]),
    ];
    for (input, expected) in cases {
        assert_eq!(suggest(input, y), *expected, "{input:?}");
    }
}

#[test]
fn every_suggestion_reads_back() {
    let inputs = [
        "q1",
        "q3 q4",
        "q1-3",
        "q",
        "t12",
        "t1",
        "t3-6",
        "t11-2",
        "t12 hn",
        "tx",
        "hn",
        "hq",
        "ht",
        "dk",
        "tkh",
        "th",
        "n",
        "2026-2030",
        "trước 5/1",
        "5/1/2028",
    ];
    for input in inputs {
        let v = suggest(input, 2027);
        assert!(!v.is_empty(), "{input:?}");
        for s in v {
            assert_ne!(parse(&s).form, F::Unknown, "{input:?} -> {s:?}");
            let typed_year = s.contains("2026") || s.contains("2028");
            assert!(!parse(&s).outside_plan_year(2027) || typed_year, "{s:?}");
        }
    }
}
