//! Tests of the curation of the seeds: the repairs of their text, marked in the data, and
//! the script that makes `data/templates/` from `../shared/seeds` reproducing those files.

use std::path::Path;
use std::process::Command;

use super::*;

#[test]
fn curated_repairs() {
    let lib = builtin();
    let t = |id: &str| lib.template(id).unwrap();
    // Seed 000 section VIII: the lead cell split over two rows.
    for id in ["000-VIII-1", "000-VIII-2", "000-VIII-3"] {
        assert_eq!(
            t(id).lead,
            ["Các sở, ban, ngành được UBND tỉnh phân cấp QLNN theo ngành, lĩnh vực"]
        );
    }
    assert_eq!(t("000-IV-13").lead, ["Sở Y tế", "Sở Giáo dục & Đào tạo"]);
    // Seed 002: a row split across pages, header rows repeated mid-table.
    let row = t("002-III-3.4");
    assert!(row
        .product
        .ends_with("được giải quyết đúng hạn; - Báo cáo kết quả theo dõi, thực hiện"));
    // The lead cell, split by the same page break, reads "Các Sở, Ban, ngành; huyện, cấp xã"
    // in the seed: restored (and marked) from rows 3.1 and 3.3 of the same group.
    assert_eq!(row.lead, ["Các Sở, Ban, ngành", "UBND cấp huyện, cấp xã"]);
    assert_eq!(t("002-I-2.3").deadline, "Theo Kế hoạch của Bộ Nội vụ");
    assert_eq!(t("002-I-1.1").partners, ["Các Sở, Ban, ngành"]);
    assert_eq!(
        t("002-I-1.1").group,
        ["Kiến toàn tổ chức, tổ chức họp, hội nghị"]
    );
    assert_eq!(
        t("002-I-2.1").partners,
        ["Các Sở, Ban, ngành", "UBND cấp huyện"]
    );
    // Seed 004: cells without separators, bullets inside a cell, the recovered area.
    assert_eq!(
        t("004-III-12").partners,
        ["Các sở, ban, ngành", "UBND cấp huyện", "UBND cấp xã"]
    );
    assert_eq!(
        t("004-I-2").partners,
        [
            "Các sở, ban, ngành",
            "UBND các huyện, thị xã, thành phố",
            "Ủy ban MTTQ tỉnh",
            "Hội Cựu chiến binh tỉnh",
            "Bưu điện tỉnh Yên Bái"
        ]
    );
    assert_eq!(t("004-V-1").area, AreaKey::CivilService);
    // Every text is one line: a task's further paragraph joins it with a space.
    for t in lib.templates() {
        assert!(
            !format!("{}{}", t.content, t.product).contains('\n'),
            "{}",
            t.id
        );
    }
    assert!(t("003-6-đ")
        .content
        .contains("liên doanh, liên kết. Tăng cường rà soát, tham mưu"));
    // Seed 003: a stated target is the product, and nothing is written in both.
    for t in lib.templates_of("seed-003") {
        assert_ne!(t.content, t.product, "{}", t.id);
        if !t.product.is_empty() {
            assert!(!t.content.to_lowercase().contains("phấn đấu"), "{}", t.id);
        }
    }
    assert_eq!(
        t("003-6-a").product,
        "Phấn đấu hoàn thành, hoàn thành vượt mức dự toán ngân sách được giao"
    );
    assert!(t("003-6-a")
        .content
        .contains("các bộ, ngành trung ương; Nâng cao hiệu quả phân bổ"));
    assert_eq!(
        t("003-3-b").content,
        "Rà soát, đơn giản hóa thủ tục hành chính (TTHC)"
    );
    assert!(t("003-3-b")
        .product
        .starts_with("Công bố, công khai kịp thời, đầy đủ, đúng quy định 100% các TTHC"));
    // All target: the task is its own target.
    assert!(t("003-3-c").content.starts_with("Phấn đấu từ 95% -100%"));
    assert_eq!(t("003-3-c").product, "");
    // Seed 001: every task has its agency, from part IV where the paragraph names none.
    assert!(lib.templates_of("seed-001").all(|t| !t.lead.is_empty()));
    assert_eq!(t("001-4-5").lead, ["Sở Tài chính"]);
    assert_eq!(
        t("001-7-3").lead,
        [
            "Các sở, ban, ngành tỉnh",
            "UBND các huyện, thị xã, thành phố"
        ]
    );
    // Part IV's concrete tasks, after their section's own, in the seed's words.
    let merge = t("001-2-2");
    assert!(merge
        .content
        .starts_with("Sở Nội vụ trình UBND tỉnh về việc sáp nhập"));
    assert!(merge.content.ends_with("hoàn thành trong tháng 8/2024."));
    assert_eq!(
        (merge.lead.as_slice(), merge.deadline.as_str()),
        (
            &["Sở Nội vụ".to_string()][..],
            "Hoàn thành trong tháng 8/2024"
        )
    );
    assert_eq!(merge.criteria[0].code, "4.1.3");
    assert_eq!(t("001-2-3").lead.len(), 4);
    assert_eq!(t("001-2-3").deadline, "Hoàn thành trong quý IV/2024");
    assert_eq!(
        t("001-2-4").lead,
        ["UBND huyện Khoái Châu", "UBND huyện Văn Giang"]
    );
    for id in ["001-3-3", "001-3-4"] {
        assert_eq!(t(id).criteria[0].code, "5.6", "{id}");
        assert_eq!(t(id).deadline, "Năm 2024", "{id}");
    }
    let order: Vec<&str> = lib
        .templates_of("seed-001")
        .map(|t| t.id.as_str())
        .collect();
    let at = order.iter().position(|id| *id == "001-2-1").unwrap();
    assert_eq!(
        order[at..at + 5],
        ["001-2-1", "001-2-2", "001-2-3", "001-2-4", "001-3-1"]
    );
    // "Các sở, ban, ngành có liên quan, Sở Nội vụ tổng hợp": the lead's role goes to the note.
    assert_eq!(t("004-I-4").lead, ["Sở Nội vụ"]);
    assert_eq!(t("004-I-4").partners, ["Các sở, ban, ngành có liên quan"]);
    assert_eq!(t("004-I-4").note, "Sở Nội vụ tổng hợp");
    assert_eq!(t("004-I-12.4").lead, ["Sở Văn hóa - TT và Du lịch"]);
}

#[test]
fn curation_script_reproduces_the_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("../shared/seeds");
    // CI has the seeds and python3: a check that cannot run fails, it does not pass.
    assert!(
        seeds.is_dir(),
        "the seeds are missing at {} (the curation check needs them)",
        seeds.display()
    );
    let output = Command::new("python3")
        .arg(root.join("tools/curate_seeds.py"))
        .arg("--check")
        .arg("--seeds")
        .arg(&seeds)
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed for the curation check: {e}"));
    assert!(
        output.status.success(),
        "tools/curate_seeds.py --check failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every repair of a seed's text is marked in its template, and says what the seed had.
#[test]
fn repairs_of_the_seed_text_are_marked() {
    let lib = builtin();
    let repaired: Vec<&str> = lib
        .templates()
        .iter()
        .filter(|t| !t.repairs.is_empty())
        .map(|t| t.id.as_str())
        .collect();
    for id in [
        "000-VII-13",
        "000-VIII-1",
        "002-III-3.4",
        "002-VII-7",
        "004-I-4",
    ] {
        assert!(repaired.contains(&id), "{id} is repaired but not marked");
    }
    for t in lib.templates() {
        for repair in &t.repairs {
            let now = match repair.field.as_str() {
                "content" => t.content.clone(),
                "product" => t.product.clone(),
                "note" => t.note.clone(),
                "lead" => t.lead.join("; "),
                "partners" => t.partners.join("; "),
                other => panic!("{}: repair of an unknown field {other}", t.id),
            };
            assert_ne!(now, repair.seed, "{}: a repair that changed nothing", t.id);
            assert!(
                !repair.why.trim().is_empty(),
                "{}: a repair without a reason",
                t.id
            );
        }
    }
    let t = lib.template("002-III-3.4").unwrap();
    assert_eq!(t.lead, ["Các Sở, Ban, ngành", "UBND cấp huyện, cấp xã"]);
    assert_eq!(t.repairs[0].seed, "Các Sở, Ban, ngành; huyện, cấp xã");
}
