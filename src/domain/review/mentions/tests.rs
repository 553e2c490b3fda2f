use super::*;
use crate::domain::agency::RenameTable;
use crate::domain::review::check;

fn content(text: &str) -> Task {
    Task {
        content: text.into(),
        ..Task::default()
    }
}

/// (found, proposed text) of each mention of a content, for a plan of `year`.
fn found(text: &str, year: i32) -> Vec<(String, Option<String>)> {
    text_mentions(&content(text), year, builtin_provinces())
        .into_iter()
        .map(|m| {
            assert_eq!(m.field, TextField::Content);
            assert_eq!(&text[m.span.clone()], m.found);
            (m.found, m.proposed_text)
        })
        .collect()
}

fn one(text: &str, year: i32) -> (String, Option<String>) {
    let mut all = found(text, year);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.remove(0)
}

fn proposal(text: &str, year: i32) -> String {
    one(text, year).1.expect("a proposal")
}

#[test]
fn old_years_get_the_plan_year() {
    assert_eq!(
        proposal("Tổ chức Hội nghị tổng kết công tác CCHC năm 2024", 2027),
        "Tổ chức Hội nghị tổng kết công tác CCHC năm 2027"
    );
    assert_eq!(
        one("Hoàn thành số hóa hồ sơ TTHC trong tháng 8/2024", 2027),
        (
            "tháng 8/2024".into(),
            Some("Hoàn thành số hóa hồ sơ TTHC trong tháng 8/2027".into())
        )
    );
    assert_eq!(
        one("Báo cáo kết quả trước ngày 31/12/2024.", 2027).0,
        "ngày 31/12/2024"
    );
    assert_eq!(
        proposal("Rà soát, đánh giá TTHC 2025 của các sở", 2027),
        "Rà soát, đánh giá TTHC 2027 của các sở"
    );
    assert_eq!(
        one("Khảo sát sự hài lòng (Quý IV/2025)", 2027).0,
        "Quý IV/2025"
    );
    // The plan year and later years are fine; so are other numbers.
    assert!(found("Tổ chức Hội nghị CCHC năm 2027, định hướng năm 2028", 2027).is_empty());
    assert!(found("Số hóa 20245 hồ sơ, 2.024 bản ghi; mã 12024", 2027).is_empty());
    // The days of the 2025 reorganisation are named as such.
    assert!(found(
        "Vận hành chính quyền địa phương hai cấp từ ngày 01/7/2025, sở mới từ 1/3/2025",
        2027
    )
    .is_empty());
    assert_eq!(
        one("Báo cáo trước ngày 01/7/2024", 2027).0,
        "ngày 01/7/2024"
    );
    // A plan for 2025 leaves 2025 alone and flags 2024.
    assert!(found("Kiểm tra năm 2025", 2025).is_empty());
    assert_eq!(proposal("Kiểm tra năm 2024", 2025), "Kiểm tra năm 2025");
}

#[test]
fn legal_documents_keep_their_years() {
    let kept = [
        "Triển khai Nghị định số 45/2025/NĐ-CP của Chính phủ",
        "Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ",
        "Thực hiện Quyết định số 1291/QĐ-TTg ngày 07 tháng 10 năm 2019 của Thủ tướng",
        "Triển khai Luật Tổ chức chính quyền địa phương năm 2025",
        "Thực hiện Kế hoạch số 35/KH-UBND ngày 20/02/2024 của UBND tỉnh",
        "Theo Thông tư 01/2023/TT-VPCP",
        "Thực hiện Chỉ thị 23/CT-TTg năm 2024",
        "Thực hiện Công văn 1520/BNV-CCHC ngày 05/4/2024",
        "Luật số 16/2023/QH15",
    ];
    for text in kept {
        assert!(
            found(text, 2027).is_empty(),
            "{text}: {:?}",
            found(text, 2027)
        );
    }
    // Nor do standards' versions.
    assert!(found(
        "Áp dụng Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015",
        2027
    )
    .is_empty());
    // A year after the reference, in another clause, is the task's own.
    assert_eq!(
        proposal(
            "Triển khai Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ, tổng kết năm 2024",
            2027
        ),
        "Triển khai Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ, tổng kết năm 2027"
    );
    // "kỷ luật" and "một số" are no documents.
    assert_eq!(
        proposal("Tăng cường kỷ luật hành chính năm 2024", 2027),
        "Tăng cường kỷ luật hành chính năm 2027"
    );
    assert_eq!(
        proposal("Rà soát một số TTHC năm 2024", 2027),
        "Rà soát một số TTHC năm 2027"
    );
}

#[test]
fn ranges_that_ended_are_listed_without_proposal() {
    for text in [
        "Tổng kết Chương trình CCHC giai đoạn 2021-2025",
        "Tổng kết Chương trình CCHC giai đoạn 2021 - 2025",
        "Tổng kết Chương trình CCHC giai đoạn 2021–2025",
    ] {
        let (what, proposed) = one(text, 2027);
        assert!(what.starts_with("2021") && what.ends_with("2025"), "{what}");
        assert_eq!(proposed, None);
    }
    let m = &text_mentions(
        &content("Tổng kết giai đoạn 2021-2025"),
        2027,
        builtin_provinces(),
    )[0];
    assert!(m.message.contains("giai đoạn đã kết thúc"), "{}", m.message);
    // A range that includes the plan year is the plan's own.
    assert!(found(
        "Thực hiện Chương trình tổng thể CCHC giai đoạn 2021-2030",
        2027
    )
    .is_empty());
    assert!(found("Giai đoạn 2026 - 2030", 2027).is_empty());
    assert!(found("Tổng kết giai đoạn 2021-2025", 2025).is_empty());
    // In a document's title it stays.
    assert!(found(
        "Thực hiện Nghị quyết số 76/NQ-CP ban hành Chương trình CCHC giai đoạn 2011-2020",
        2027
    )
    .is_empty());
}

#[test]
fn former_provinces_get_their_unit() {
    assert_eq!(
        one("Khảo sát mức độ hài lòng tại tỉnh Yên Bái", 2027),
        (
            "tỉnh Yên Bái".into(),
            Some("Khảo sát mức độ hài lòng tại tỉnh Lào Cai".into())
        )
    );
    assert_eq!(
        proposal("UBND tỉnh Hải Dương ban hành kế hoạch", 2027),
        "UBND thành phố Hải Phòng ban hành kế hoạch"
    );
    assert_eq!(
        proposal("Tỉnh Bà Rịa - Vũng Tàu phối hợp", 2027),
        "Thành phố Hồ Chí Minh phối hợp"
    );
    assert_eq!(
        proposal("Cổng dịch vụ công tỉnh Thừa Thiên Huế", 2026),
        "Cổng dịch vụ công thành phố Huế"
    );
    // A document's issuer and title keep the name it was issued under.
    assert!(found(
        "Sửa đổi Quyết định số 06/2017/QĐ-UBND của UBND tỉnh Yên Bái về quản lý điểm truy nhập Internet",
        2027
    )
    .is_empty());
    // Current units, other words, and plans before the merger are fine.
    assert!(found("UBND tỉnh Lào Cai; tỉnh Hà Tĩnh; Tỉnh ủy", 2027).is_empty());
    assert!(found("Văn phòng UBND thành phố Yên Bái", 2027).is_empty());
    assert!(found("Khảo sát tại tỉnh Yên Bái", 2025).is_empty());
}

#[test]
fn district_level_becomes_the_commune() {
    assert_eq!(
        proposal("Kiểm tra công tác CCHC tại UBND cấp huyện", 2027),
        "Kiểm tra công tác CCHC tại UBND cấp xã"
    );
    assert_eq!(
        proposal("Cơ quan chuyên môn cấp tỉnh, cấp huyện, cấp xã", 2027),
        "Cơ quan chuyên môn cấp tỉnh, cấp xã"
    );
    assert_eq!(
        proposal("Cán bộ cấp tỉnh, cấp huyện và cấp xã", 2027),
        "Cán bộ cấp tỉnh và cấp xã"
    );
    assert_eq!(
        proposal("Bộ phận Một cửa cấp huyện và cấp xã", 2027),
        "Bộ phận Một cửa cấp xã"
    );
    assert_eq!(
        proposal("Bộ phận Một cửa cấp huyện, xã", 2027),
        "Bộ phận Một cửa cấp xã"
    );
    assert_eq!(
        proposal("Cấp huyện rà soát TTHC", 2026),
        "Cấp xã rà soát TTHC"
    );
    assert_eq!(
        proposal("Cơ quan cấp tỉnh, cấp huyện", 2027),
        "Cơ quan cấp tỉnh, cấp xã"
    );
    let m = &text_mentions(
        &content("UBND cấp tỉnh, cấp huyện, cấp xã"),
        2027,
        builtin_provinces(),
    )[0];
    assert!(
        m.message.contains("đề xuất bỏ “cấp huyện”"),
        "{}",
        m.message
    );
    // Before the two-level government it is a level like any other.
    assert!(found("UBND cấp huyện", 2025).is_empty());
}

#[test]
fn each_mention_proposes_one_change() {
    let text = "Kiểm tra công tác CCHC năm 2024 tại UBND cấp huyện, tỉnh Yên Bái";
    let all = found(text, 2027);
    let proposals: Vec<&str> = all.iter().filter_map(|(_, p)| p.as_deref()).collect();
    assert_eq!(
        proposals,
        [
            "Kiểm tra công tác CCHC năm 2027 tại UBND cấp huyện, tỉnh Yên Bái",
            "Kiểm tra công tác CCHC năm 2024 tại UBND cấp xã, tỉnh Yên Bái",
            "Kiểm tra công tác CCHC năm 2024 tại UBND cấp huyện, tỉnh Lào Cai",
        ]
    );
    let task = Task {
        product: "Báo cáo năm 2023".into(),
        ..content("Rà soát TTHC")
    };
    let m = text_mentions(&task, 2027, builtin_provinces());
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].field, TextField::Product);
    assert_eq!(
        m[0].message,
        "Sản phẩm nhắc “năm 2023” (kế hoạch năm 2027): đề xuất “năm 2027”"
    );
}

#[test]
fn the_plan_check_lists_them_and_a_fix_applies_once() {
    let mut plan = Plan::new("p", "Lào Cai", 2027);
    let area = plan.add_area_titled(None, "Cải cách TTHC".into());
    let row = plan.add_task_with(
        Some(area),
        Task {
            lead: vec!["Sở Nội vụ".into()],
            deadline: "Quý II/2027".into(),
            ..content("Kiểm tra công tác CCHC năm 2024 tại UBND cấp huyện")
        },
    );
    let review = check(&plan, &RenameTable::builtin(), &[]);
    let found: Vec<&Finding> = review.of_row(row).iter().collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|f| f.kind == FindingKind::TextMention));
    assert_eq!(
        found[0].message,
        "Nội dung nhắc “năm 2024” (kế hoạch năm 2027): đề xuất “năm 2027”"
    );
    let fix = found[0].fix.clone().unwrap();
    let second = found[1].fix.clone().unwrap();
    assert!(apply_fix(&mut plan, row, &fix));
    let task = plan.row(row).unwrap().task().unwrap().clone();
    assert_eq!(
        task.content,
        "Kiểm tra công tác CCHC năm 2027 tại UBND cấp huyện"
    );
    // The other proposal was made for the text before: it no longer applies.
    assert!(!apply_fix(&mut plan, row, &second));
    assert!(!apply_fix(&mut plan, row, &fix));
    let review = check(&plan, &RenameTable::builtin(), &[]);
    let left = review.of_row(row);
    assert_eq!(left.len(), 1);
    assert!(apply_fix(&mut plan, row, left[0].fix.as_ref().unwrap()));
    assert_eq!(
        plan.row(row).unwrap().task().unwrap().content,
        "Kiểm tra công tác CCHC năm 2027 tại UBND cấp xã"
    );
    assert!(check(&plan, &RenameTable::builtin(), &[]).is_empty());
    assert!(!apply_fix(&mut plan, area, &fix));
}

#[test]
fn a_move_to_another_year_lists_them() {
    use crate::domain::rollover::roll_plan;
    let mut plan = Plan::new("p", "Yên Bái", 2024);
    let row = plan.add_task_with(
        None,
        content("Tổng kết CCHC năm 2024 của UBND tỉnh Yên Bái và UBND cấp huyện"),
    );
    let copy = plan.row(row).unwrap().task().unwrap().content.clone();
    let report = roll_plan(&mut plan, 2026);
    let found: Vec<&str> = report
        .mentions
        .iter()
        .map(|(_, m)| m.found.as_str())
        .collect();
    assert_eq!(found, ["năm 2024", "tỉnh Yên Bái", "cấp huyện"]);
    assert!(report.mentions.iter().all(|(r, _)| *r == row));
    assert_eq!(plan.row(row).unwrap().task().unwrap().content, copy);
    assert!(report
        .summary()
        .ends_with("; 3 nội dung nhắc năm, địa danh cũ"));
}
