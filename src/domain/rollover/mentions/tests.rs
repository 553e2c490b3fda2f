use super::*;
use crate::domain::plan::{Plan, Task};

fn plan_with(province: &str, year: i32, texts: &[(&str, &str)]) -> (Plan, Vec<RowId>) {
    let mut plan = Plan::new("p", province, year);
    let rows = texts
        .iter()
        .map(|(content, product)| {
            plan.add_task_with(
                None,
                Task {
                    content: content.to_string(),
                    product: product.to_string(),
                    ..Task::default()
                },
            )
        })
        .collect();
    (plan, rows)
}

fn changes(plan: &Plan, shift: Option<i32>) -> Vec<(String, String)> {
    text_mentions(plan, &Provinces::builtin(), shift)
        .into_iter()
        .map(|m| (m.found, m.proposed))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn years_and_dates_in_texts_move_by_the_rollover() {
    let (plan, _) = plan_with(
        "Hưng Yên",
        2027,
        &[
            (
                "Tổ chức Hội nghị tổng kết công tác CCHC năm 2021",
                "Báo cáo",
            ),
            (
                "Kiểm tra việc thực hiện từ tháng 8/2021",
                "Kết luận trước 31/12/2021",
            ),
            ("Rà soát 2020 và tháng 6/2026", ""),
        ],
    );
    assert_eq!(
        changes(&plan, Some(6)),
        pairs(&[
            ("năm 2021", "năm 2027"),
            ("tháng 8/2021", "tháng 8/2027"),
            ("31/12/2021", "31/12/2027"),
            ("2020", "2026"),
        ])
    );
}

#[test]
fn the_plan_check_reads_the_shift_from_the_latest_old_year() {
    // A 2021 plan recreated for 2027: 2021 becomes 2027, 2020 becomes 2026; last year's
    // report (2026) and a target year (2030) are fine.
    let (plan, _) = plan_with(
        "Hưng Yên",
        2027,
        &[
            ("Tổng kết năm 2021, đánh giá năm 2020", ""),
            ("Báo cáo năm 2026; mục tiêu đến năm 2030", ""),
        ],
    );
    assert_eq!(
        changes(&plan, None),
        pairs(&[("năm 2021", "năm 2027"), ("năm 2020", "năm 2026")])
    );
}

#[test]
fn periods_and_legal_references_keep_their_years() {
    let (plan, _) = plan_with(
        "Hưng Yên",
        2027,
        &[(
            "Thực hiện Nghị định 30/2020/NĐ-CP, Quyết định số 12/QĐ-UBND ngày 5/3/2021 \
             trong giai đoạn 2021-2025 và 2016 - 2020",
            "",
        )],
    );
    assert_eq!(changes(&plan, Some(6)), []);
}

#[test]
fn another_province_gets_the_plans_and_former_ones_too() {
    let (plan, _) = plan_with(
        "Hưng Yên",
        2027,
        &[
            ("Tuyên truyền trên địa bàn tỉnh Yên Bái", "Tỉnh Thái Bình"),
            ("UBND tỉnh Hưng Yên chỉ đạo", ""),
        ],
    );
    assert_eq!(
        changes(&plan, Some(0)),
        pairs(&[
            ("tỉnh Yên Bái", "tỉnh Hưng Yên"),
            ("Tỉnh Thái Bình", "Tỉnh Hưng Yên"),
        ])
    );
}

#[test]
fn the_district_level_becomes_the_commune_level_from_2026() {
    let texts = [(
        "UBND cấp huyện tổ chức; UBND các huyện, thị xã, thành phố báo cáo",
        "",
    )];
    let (plan, _) = plan_with("Hưng Yên", 2027, &texts);
    assert_eq!(
        changes(&plan, Some(0)),
        pairs(&[
            ("cấp huyện", "cấp xã"),
            ("các huyện, thị xã, thành phố", "các xã, phường"),
        ])
    );
    let (plan, _) = plan_with("Hưng Yên", 2025, &texts);
    assert_eq!(changes(&plan, Some(0)), []);
}

#[test]
fn nothing_changes_until_a_mention_is_accepted() {
    let (mut plan, rows) = plan_with(
        "Hưng Yên",
        2027,
        &[("Tổng kết năm 2021 tại tỉnh Yên Bái", "Báo cáo năm 2021")],
    );
    let before = plan.clone();
    let found = text_mentions(&plan, &Provinces::builtin(), None);
    assert_eq!(found.len(), 3);
    assert_eq!(plan, before);
    assert_eq!(
        found[1].message(),
        "“tỉnh Yên Bái” trong nội dung: đề nghị đổi thành “tỉnh Hưng Yên”"
    );
    // Accept the place, then the product's year; the content's year stays.
    assert!(apply(&mut plan, &found[1]));
    assert!(apply(&mut plan, &found[2]));
    let task = plan.row(rows[0]).unwrap().task().unwrap();
    assert_eq!(task.content, "Tổng kết năm 2021 tại tỉnh Hưng Yên");
    assert_eq!(task.product, "Báo cáo năm 2027");
    // Accepting again finds nothing to change.
    assert!(!apply(&mut plan, &found[1]));
    // After the year before it changed length, a mention is still found by its words.
    let mut edited = plan.clone();
    edited.update_task(rows[0], |t| t.content = format!("Mới: {}", t.content));
    assert!(apply(&mut edited, &found[0]));
    assert_eq!(
        edited.row(rows[0]).unwrap().task().unwrap().content,
        "Mới: Tổng kết năm 2027 tại tỉnh Hưng Yên"
    );
}
