//! PAR INDEX in the plan (issue #22): seed 001 (Hưng Yên 2024) recreated, "Chỉ số CCHC" shows
//! every criterion the 2023 scores took points from with its score and its tasks; untagging
//! a task makes the plan check say the criterion has no task; tagging it again by code
//! clears that; the sheet "Khắc phục Chỉ số CCHC" is exported and read back.

use serde_json::{json, Value};

use cchc_plan::domain::file_format::write_plan;
use cchc_plan::domain::library::{builtin, plan_from_source};
use cchc_plan::domain::par_index::{analyse, CriteriaSet, Scores};
use cchc_plan::domain::plan::Plan;
use cchc_plan::domain::timeline::full_numbers;
use cchc_plan::domain::workbook::{par_index_file_name, NO_TASK, SHEET_PAR_INDEX};

use crate::common::{cell, open, sheet};
use crate::harness::{bail, browser_tests, BrowserTest, Page, Result, TempDir};

pub fn tests() -> Vec<BrowserTest> {
    browser_tests![seed_001_lost_points_are_answered_by_its_tasks]
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

    open_plan(&page, &plan).await?;
    page.click_button("Chỉ số CCHC").await?;
    page.wait_for_body_text("Hưng Yên năm 2023").await?;
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

    // Tagged again from the task in focus, by its code: the finding goes.
    let index = plan
        .rows()
        .iter()
        .filter(|r| r.task().is_some())
        .position(|r| r.id == row)
        .expect("a task");
    page.field("Nội dung, nhiệm vụ", index)
        .await?
        .click()
        .await?;
    page.wait_for_body_text(&format!("Nhiệm vụ {number}: "))
        .await?;
    page.type_into("Mã tiêu chí cần gắn", 0, &code).await?;
    page.click_button("Gắn tiêu chí").await?;
    page.wait_for_body_text("Mọi tiêu chí bị trừ điểm đều đã có nhiệm vụ trong kế hoạch.")
        .await?;
    assert!(!page.body_text().await?.contains(&finding));
    Ok(())
}
