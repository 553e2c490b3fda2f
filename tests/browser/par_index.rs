//! PAR INDEX in the plan (issue #22): seed 001 (Hưng Yên 2024) recreated, "Chỉ số CCHC" shows
//! every criterion the 2023 scores took points from with its score and its tasks; untagging
//! a task makes the plan check say the criterion has no task; tagging it again by code
//! clears that; the sheet "Khắc phục Chỉ số CCHC" is exported and read back.

use serde_json::{json, Value};

use cchc_plan::domain::docx::par_index_docx_file_name;
use cchc_plan::domain::file_format::write_plan;
use cchc_plan::domain::library::{builtin, plan_from_source};
use cchc_plan::domain::par_index::{analyse, CriteriaSet, Scores};
use cchc_plan::domain::plan::Plan;
use cchc_plan::domain::timeline::full_numbers;
use cchc_plan::domain::workbook::{par_index_file_name, NO_TASK, SHEET_PAR_INDEX};

use crate::common::docx::read_docx;
use crate::common::{cell, open, sheet};
use crate::harness::{bail, browser_tests, BrowserTest, Page, Result, TempDir};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![
        seed_001_lost_points_are_answered_by_its_tasks,
        a_provinces_scores_are_typed_saved_to_a_file_and_opened_again,
        the_criteria_set_is_edited_saved_and_opened_again,
    ]
}

/// Opens the plan as the drafter does ("Mở tệp", then "Mở kế hoạch").
async fn open_plan(page: &Page, plan: &Plan) -> Result {
    let dir = TempDir::new("par-index")?;
    let file = dir.path().join(format!("{}.json", plan.id));
    std::fs::write(&file, write_plan(plan))?;
    page.upload_file("Mở tệp", 0, &file).await?;
    page.click_button("Mở kế hoạch").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", plan.task_count())
        .await
}

/// Whether a sheet cell names the criterion: "3.2.1. Công bố ...", or the bare code.
fn names(text: &str, code: &str) -> bool {
    text == code || text.starts_with(&format!("{code}. "))
}

/// The text of the panel's line for a criterion.
async fn criterion_line(page: &Page, code: &str) -> Result<String> {
    let text = page
        .js_with(
            "const row = document.querySelector('#par-index tr[data-criterion=\"' + arguments[0] + '\"]');\
             return row ? row.textContent : null;",
            vec![json!(code)],
        )
        .await?;
    match text {
        Value::String(text) => Ok(text),
        _ => bail!("no line for criterion {code} in “Chỉ số CCHC”"),
    }
}

async fn seed_001_lost_points_are_answered_by_its_tasks(page: Page) -> Result {
    let plan = plan_from_source(builtin(), "seed-001", "kh-seed-001").expect("seed 001");
    assert_eq!((plan.province.as_str(), plan.year), ("Hưng Yên", 2024));
    let scores = Scores::find_builtin("Hưng Yên", 2023).expect("Hưng Yên 2023 is built in");
    let set = CriteriaSet::builtin();
    let analysis = analyse(set, scores, &plan);
    assert!(analysis.lost.len() >= 20, "{}", analysis.lost.len());
    let numbers = full_numbers(&plan.numbers(), plan.rows().iter().map(|r| r.depth));
    let number_of = |row| {
        plan.position(row)
            .map(|i| numbers[i].clone())
            .expect("a row of the plan")
    };

    // Recreated as the drafter does it, from the library.
    page.click_button("Thư viện mẫu").await?;
    let label = builtin()
        .source("seed-001")
        .expect("seed 001 is a source")
        .provenance();
    page.select_option("Văn bản nguồn", 0, &label).await?;
    page.clear_and_type("Năm của kế hoạch mới", 0, "2024")
        .await?;
    page.click_button("Tạo kế hoạch từ văn bản mẫu").await?;
    page.wait_for_field_count("Nội dung, nhiệm vụ", plan.task_count())
        .await?;
    page.click_button("Thư viện mẫu").await?;
    page.click_button("Chỉ số CCHC").await?;
    // The chosen scores, read from the select (Firefox leaves a select's options out of
    // the page's text).
    page.wait_for(
        "the scores of Hưng Yên 2023 to be chosen",
        |page| async move {
            let chosen = page
            .js("const s = document.querySelector('select[aria-label=\"Bảng điểm Chỉ số CCHC\"]');
                 return s && s.selectedOptions.length ? s.selectedOptions[0].textContent : '';")
            .await?;
            Ok(chosen
                .as_str()
                .unwrap_or_default()
                .starts_with("Hưng Yên năm 2023"))
        },
    )
    .await?;
    assert_eq!(
        page.text_of("Tiêu chí chưa có nhiệm vụ").await?,
        "Mọi tiêu chí bị trừ điểm đều đã có nhiệm vụ trong kế hoạch."
    );
    // Every criterion seed 001 lists, with its score and the numbers of its tasks.
    for lost in &analysis.lost {
        let line = criterion_line(&page, &lost.code).await?;
        let score = format!("{}/{}", lost.achieved, lost.max);
        assert!(
            line.contains(&score),
            "{}: {score} not in {line:?}",
            lost.code
        );
        for row in &lost.tasks {
            let number = number_of(*row);
            assert!(
                line.contains(&number),
                "{}: task {number} not in {line:?}",
                lost.code
            );
        }
    }

    // A criterion answered by one task tagged with it: untagging that task leaves it bare.
    let (code, row) = analysis
        .lost
        .iter()
        .find_map(|lost| match lost.tasks.as_slice() {
            [row]
                if plan
                    .row(*row)
                    .and_then(|r| r.task())
                    .is_some_and(|t| t.criteria.contains(&lost.code)) =>
            {
                Some((lost.code.clone(), *row))
            }
            _ => None,
        })
        .expect("a criterion with one tagged task");
    let lost = analysis.lost_criterion(&code).expect("lost").lost;
    let number = number_of(row);
    page.click_button(&format!("Bỏ gắn nhiệm vụ {number} khỏi tiêu chí {code}"))
        .await?;
    page.wait_for_body_text("1 tiêu chí bị trừ điểm chưa có nhiệm vụ trong kế hoạch.")
        .await?;
    assert!(criterion_line(&page, &code)
        .await?
        .contains("Chưa có nhiệm vụ"));
    page.click_button("Kiểm tra kế hoạch").await?;
    let finding = format!("Tiêu chí {code} bị trừ {lost} điểm chưa có nhiệm vụ");
    page.wait_for_body_text(&finding).await?;

    // The sheet says the same.
    page.click_button("Xuất Khắc phục Chỉ số CCHC").await?;
    let path = page.wait_for_download(&par_index_file_name(&plan)).await?;
    page.wait_for_body_text("Đã xuất tệp Khắc phục Chỉ số CCHC")
        .await?;
    let mut book = open(&std::fs::read(&path)?);
    let table = sheet(&mut book, SHEET_PAR_INDEX);
    let line = (0..table.height())
        .find(|r| names(&cell(&table, *r, 1), &code))
        .unwrap_or_else(|| panic!("{code} is not in the sheet"));
    let texts: Vec<String> = (0..6).map(|c| cell(&table, line, c)).collect();
    assert!(texts.iter().any(|t| t == NO_TASK), "{texts:?}");
    for lost in analysis.lost.iter().filter(|l| l.code != code) {
        assert!(
            (0..table.height()).any(|r| names(&cell(&table, r, 1), &lost.code)),
            "{} is not in the sheet",
            lost.code
        );
    }

    page.click_button("Xuất Khắc phục Chỉ số CCHC (Word)")
        .await?;
    let path = page
        .wait_for_download(&par_index_docx_file_name(&plan))
        .await?;
    let document = read_docx(&std::fs::read(&path)?);
    let rows: Vec<Vec<String>> = document
        .sections
        .iter()
        .flat_map(|s| s.tables())
        .flat_map(|t| t.rows.iter().map(|r| r.texts()))
        .collect();
    let line = rows
        .iter()
        .find(|cells| cells.get(1).is_some_and(|c| names(c, &code)))
        .unwrap_or_else(|| panic!("{code} is not in the Word table"));
    assert!(line.iter().any(|t| t == NO_TASK), "{line:?}");

    // Tagged again from the task in focus, by its code: the finding goes.
    let index = plan
        .rows()
        .iter()
        .filter(|r| r.task().is_some())
        .position(|r| r.id == row)
        .expect("a task");
    page.click_field("Nội dung, nhiệm vụ", index).await?;
    page.wait_for_body_text(&format!("Nhiệm vụ {number}: "))
        .await?;
    page.type_into("Mã tiêu chí cần gắn", 0, &code).await?;
    page.click_button("Gắn tiêu chí").await?;
    page.wait_for_body_text("Mọi tiêu chí bị trừ điểm đều đã có nhiệm vụ trong kế hoạch.")
        .await?;
    assert!(!page.body_text().await?.contains(&finding));
    Ok(())
}

async fn a_provinces_scores_are_typed_saved_to_a_file_and_opened_again(page: Page) -> Result {
    // Đắk Nông 2021: no scores built in for 2020.
    let plan = plan_from_source(builtin(), "seed-002", "kh-seed-002").expect("seed 002");
    assert_eq!((plan.province.as_str(), plan.year), ("Đắk Nông", 2021));
    assert!(Scores::find_builtin("Đắk Nông", 2020).is_none());
    open_plan(&page, &plan).await?;
    page.click_button("Chỉ số CCHC").await?;
    page.wait_for_body_text("Chưa có bảng điểm Chỉ số CCHC của tỉnh")
        .await?;

    page.click_button("Tạo bảng điểm mới").await?;
    page.wait_for_body_text("Đã tạo bảng điểm Đắk Nông năm 2020")
        .await?;
    page.click("Nhập điểm").await?;
    page.clear_and_type("Điểm đạt 3.2.1", 0, "0").await?;
    page.press_keys(fantoccini::key::Key::Tab.to_string())
        .await?;
    // Seed 002's tasks carry no criteria: the lost points have no task yet.
    let finding = "Tiêu chí 3.2.1 bị trừ 0,5 điểm chưa có nhiệm vụ";
    page.wait_for_body_text("1 tiêu chí bị trừ điểm chưa có nhiệm vụ trong kế hoạch.")
        .await?;
    assert!(criterion_line(&page, "3.2.1").await?.contains("0/0,5"));
    // A mistyped score is refused and said; the score stays.
    page.clear_and_type("Điểm đạt 3.2.1", 0, "nửa").await?;
    page.press_keys(fantoccini::key::Key::Tab.to_string())
        .await?;
    page.wait_for_body_text("“nửa” không phải số điểm (ví dụ 0,25) của 3.2.1: điểm giữ nguyên.")
        .await?;
    assert!(criterion_line(&page, "3.2.1").await?.contains("0/0,5"));
    // So is a score above the maximum.
    page.clear_and_type("Điểm đạt 3.2.1", 0, "5").await?;
    page.press_keys(fantoccini::key::Key::Tab.to_string())
        .await?;
    page.wait_for_body_text("5 lớn hơn điểm tối đa 0,5 của 3.2.1: điểm giữ nguyên.")
        .await?;
    // A huge number is not a score at all.
    page.clear_and_type("Điểm đạt 3.2.1", 0, "50000000").await?;
    page.press_keys(fantoccini::key::Key::Tab.to_string())
        .await?;
    page.wait_for_body_text(
        "“50000000” không phải số điểm (ví dụ 0,25) của 3.2.1: điểm giữ nguyên.",
    )
    .await?;
    assert!(criterion_line(&page, "3.2.1").await?.contains("0/0,5"));
    page.click_button("Kiểm tra kế hoạch").await?;
    page.wait_for_body_text(finding).await?;

    // Saved as a file another province can open; read back here.
    page.click_button("Tải bảng điểm về máy").await?;
    let path = page
        .wait_for_download("Diem-Chi-so-CCHC-Dak-Nong-2020.json")
        .await?;
    let saved =
        Scores::from_json(&std::fs::read_to_string(&path)?).map_err(crate::harness::Error::msg)?;
    assert_eq!((saved.province.as_str(), saved.year), ("Đắk Nông", 2020));
    assert_eq!(
        saved.score("3.2.1").map(|s| s.achieved.to_string()),
        Some("0".into())
    );
    assert!(saved.problems(CriteriaSet::builtin()).is_empty());

    // Kept with the app's settings across a reload, chosen again for the plan.
    page.reload().await?;
    page.click_button("Chỉ số CCHC").await?;
    page.wait_for_body_text("1 tiêu chí bị trừ điểm chưa có nhiệm vụ trong kế hoạch.")
        .await?;

    // Opening a scores file: Hưng Yên's 2023 scores as a file, then a broken one.
    let dir = TempDir::new("par-scores")?;
    let hung_yen = dir.path().join("diem-hung-yen.json");
    let mut edited = Scores::find_builtin("Hưng Yên", 2023)
        .expect("built in")
        .clone();
    edited.year = 2022;
    std::fs::write(&hung_yen, edited.to_json())?;
    page.upload_file("Mở tệp bảng điểm", 0, &hung_yen).await?;
    page.wait_for_body_text(
        "Đã mở bảng điểm Hưng Yên năm 2022 (xếp hạng 26/63) từ tệp “diem-hung-yen.json”.",
    )
    .await?;
    assert_eq!(
        page.js("const s = document.querySelector('select[aria-label=\"Bảng điểm Chỉ số CCHC\"]'); return s.options[s.selectedIndex].text;").await?,
        json!("Hưng Yên năm 2022 (xếp hạng 26/63)")
    );
    let broken = dir.path().join("hong.json");
    std::fs::write(&broken, "{ \"format\": \"cchc-plan\" }")?;
    page.upload_file("Mở tệp bảng điểm", 0, &broken).await?;
    page.wait_for_body_text("Không mở được tệp bảng điểm “hong.json”")
        .await?;
    Ok(())
}

async fn the_criteria_set_is_edited_saved_and_opened_again(page: Page) -> Result {
    let plan = plan_from_source(builtin(), "seed-002", "kh-seed-002").expect("seed 002");
    open_plan(&page, &plan).await?;
    page.click_button("Chỉ số CCHC").await?;
    page.click("Bộ tiêu chí").await?;
    // Area 2 has no criterion in the built-in data: the drafter adds one.
    assert!(CriteriaSet::builtin().find("2.1").is_none());
    page.type_into("Mã tiêu chí", 0, "2.1").await?;
    page.type_into(
        "Tên tiêu chí",
        0,
        "Xây dựng và tổ chức thực hiện văn bản QPPL",
    )
    .await?;
    page.type_into("Điểm tối đa", 0, "2").await?;
    page.click_button("Lưu tiêu chí").await?;
    page.wait_for_body_text("Đã lưu tiêu chí 2.1 vào bộ tiêu chí.")
        .await?;
    // A criterion of an area the set does not have is refused, and said.
    page.type_into("Mã tiêu chí", 0, "9.1").await?;
    page.click_button("Lưu tiêu chí").await?;
    page.wait_for_body_text("Không lưu được tiêu chí 9.1: chưa có lĩnh vực 9 để thêm 9.1 vào.")
        .await?;

    // Scored against the edited set.
    page.click_button("Tạo bảng điểm mới").await?;
    page.click("Nhập điểm").await?;
    page.clear_and_type("Điểm đạt 2.1", 0, "1,5").await?;
    page.press_keys(fantoccini::key::Key::Tab.to_string())
        .await?;
    page.click_button("Kiểm tra kế hoạch").await?;
    page.wait_for_body_text("Tiêu chí 2.1 bị trừ 0,5 điểm chưa có nhiệm vụ")
        .await?;

    // Saved as a file, read back; the built-in set again; the file opened.
    page.click_button("Tải bộ tiêu chí về máy").await?;
    let path = page
        .wait_for_download("Bo-tieu-chi-Chi-so-CCHC-876-2022.json")
        .await?;
    let saved = CriteriaSet::from_json(&std::fs::read_to_string(&path)?)
        .map_err(crate::harness::Error::msg)?;
    let added = saved.find("2.1").expect("2.1 in the saved set");
    assert_eq!(added.max.map(|m| m.to_string()), Some("2".into()));
    assert_eq!(added.name, "Xây dựng và tổ chức thực hiện văn bản QPPL");
    page.click_button("Dùng bộ tiêu chí có sẵn").await?;
    page.wait_for("2.1 to leave the scores table", |p| async move {
        Ok(p.count("Điểm đạt 2.1").await? == 0)
    })
    .await?;
    page.upload_file("Mở tệp bộ tiêu chí", 0, &path).await?;
    page.wait_for_body_text("Đã mở bộ tiêu chí").await?;
    page.wait_for("2.1 to come back", |p| async move {
        Ok(p.count("Điểm đạt 2.1").await? == 1)
    })
    .await?;
    Ok(())
}
