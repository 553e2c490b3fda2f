//! The `cchc` binary run as a user runs it.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use calamine::Reader;
use common::*;

fn cchc(args: &[&str], dir: &PathBuf) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("cchc runs")
}

fn work_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("cli-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Reads an exported seed 002 workbook back: its four sheets, Phụ lục I's sheet (returned
/// for more checks), the total 936 and its words.
fn seed_002_appendix(xlsx: &[u8]) -> calamine::Range<calamine::Data> {
    let mut book = open(xlsx);
    assert_eq!(
        book.sheet_names(),
        ["Phụ lục I", "Phụ lục II", "Phụ lục III", "Tiến độ"]
    );
    let s = sheet(&mut book, "Phụ lục I");
    let total = find_row(&s, 0, "Tổng cộng").unwrap();
    assert_eq!(number(&s, total, 6), Some(936.0));
    assert_eq!(
        cell(&s, total + 1, 0),
        "(Bằng chữ: Chín trăm ba mươi sáu triệu đồng)"
    );
    s
}

#[test]
fn export_writes_the_workbook() {
    let dir = work_dir("export");
    let fixture = fixture_path("seed-002-plan.json");
    let output = cchc(
        &["export", fixture.to_str().unwrap(), "-o", "phu-luc.xlsx"],
        &dir,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("Đã xuất 77 nhiệm vụ ra phu-luc.xlsx"),
        "{}",
        stdout(&output)
    );
    let xlsx = std::fs::read(dir.join("phu-luc.xlsx")).unwrap();
    let s = seed_002_appendix(&xlsx);
    assert_eq!(cell(&s, 0, 0), "Phụ lục I");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn export_chooses_word_by_the_extension() {
    let dir = work_dir("export-docx");
    let fixture = fixture_path("seed-002-plan.json");
    let output = cchc(
        &["export", fixture.to_str().unwrap(), "-o", "phu-luc.DOCX"],
        &dir,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("Đã xuất 77 nhiệm vụ ra phu-luc.DOCX"),
        "{}",
        stdout(&output)
    );
    let docx = common::docx::read_docx(&std::fs::read(dir.join("phu-luc.DOCX")).unwrap());
    let first = &docx.sections[0];
    assert_eq!(first.paragraphs()[0].text, "Phụ lục I");
    let table = first.tables()[0];
    let total = table.rows.last().unwrap();
    assert_eq!(total.texts()[..2], ["Tổng cộng", "936"]);
    assert!(first
        .paragraphs()
        .iter()
        .any(|p| p.text == "(Bằng chữ: Chín trăm ba mươi sáu triệu đồng)"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn export_document_writes_the_whole_plan_document() {
    let dir = work_dir("export-document");
    let fixture = fixture_path("seed-002-plan.json");
    let output = cchc(
        &[
            "export",
            fixture.to_str().unwrap(),
            "--document",
            "-o",
            "ke-hoach.docx",
        ],
        &dir,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output)
            .contains("Đã xuất dự thảo kế hoạch (77 nhiệm vụ trong phụ lục) ra ke-hoach.docx"),
        "{}",
        stdout(&output)
    );
    let docx = common::docx::read_docx(&std::fs::read(dir.join("ke-hoach.docx")).unwrap());
    let body = &docx.sections[0];
    assert_eq!(body.property("pgSz", "w"), Some("11906"));
    assert!(body.paragraphs().iter().any(|p| p.text == "KẾ HOẠCH"));
    let appendix = &docx.sections[1];
    assert_eq!(appendix.property("pgSz", "orient"), Some("landscape"));
    assert_eq!(appendix.paragraphs()[0].text, "Phụ lục I");
    // Without -o, the file is named after the province and year; a non-Word name is refused.
    let output = cchc(&["export", fixture.to_str().unwrap(), "--document"], &dir);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.join("Du-thao-KH-CCHC-Dak-Nong-2021.docx").is_file());
    let output = cchc(
        &[
            "export",
            fixture.to_str().unwrap(),
            "--document",
            "-o",
            "x.xlsx",
        ],
        &dir,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("phải có đuôi .docx"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.join("x.xlsx").exists());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn export_names_the_file_after_province_and_year() {
    let dir = work_dir("default-name");
    let fixture = fixture_path("seed-002-plan.json");
    let output = cchc(&["export", fixture.to_str().unwrap()], &dir);
    assert!(output.status.success(), "{}", stderr(&output));
    let xlsx = std::fs::read(dir.join("Phu-luc-KH-CCHC-Dak-Nong-2021.xlsx")).unwrap();
    assert_eq!(open(&xlsx).sheet_names().len(), 4);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn export_takes_settings_from_a_file() {
    let dir = work_dir("settings");
    std::fs::write(
        dir.join("export.json"),
        r#"{"excluded": ["partners", "note"], "label": "capitals", "headers": {"content": "Nhiệm vụ cụ thể"}}"#,
    )
    .unwrap();
    let fixture = fixture_path("seed-002-plan.json");
    let output = cchc(
        &[
            "export",
            "--settings",
            "export.json",
            "--output=out.xlsx",
            fixture.to_str().unwrap(),
        ],
        &dir,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let s = sheet(
        &mut open(&std::fs::read(dir.join("out.xlsx")).unwrap()),
        "Phụ lục I",
    );
    assert_eq!(cell(&s, 0, 0), "PHỤ LỤC I");
    assert_eq!(cell(&s, 5, 1), "Nhiệm vụ cụ thể");
    assert_eq!(cell(&s, 5, 4), "Thời gian thực hiện");

    std::fs::write(dir.join("bad.json"), "{\"label\": 3}").unwrap();
    let output = cchc(
        &[
            "export",
            fixture.to_str().unwrap(),
            "--settings",
            "bad.json",
        ],
        &dir,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("Tệp tùy chọn xuất bad.json không hợp lệ"),
        "{}",
        stderr(&output)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_files_fail_with_a_vietnamese_message() {
    let dir = work_dir("bad");
    std::fs::write(dir.join("broken.json"), "{ not json").unwrap();
    let output = cchc(&["export", "broken.json", "-o", "x.xlsx"], &dir);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("Không đọc được tệp kế hoạch broken.json"),
        "{message}"
    );
    assert!(message.contains("không phải JSON hợp lệ"), "{message}");
    assert!(!dir.join("x.xlsx").exists());

    std::fs::write(dir.join("other.json"), r#"{"name": "x"}"#).unwrap();
    let output = cchc(&["export", "other.json"], &dir);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("không phải tệp kế hoạch"),
        "{}",
        stderr(&output)
    );

    let output = cchc(&["export", "missing.json"], &dir);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("không tìm thấy tệp"),
        "{}",
        stderr(&output)
    );

    std::fs::write(dir.join("latin1.json"), b"\xff\xfe").unwrap();
    let output = cchc(&["export", "latin1.json"], &dir);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("UTF-8"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn plan_from_seed_then_export_totals_936() {
    let dir = work_dir("from-seed");
    let output = cchc(
        &[
            "plan-from-seed",
            "002_591ff2b9d60f55ba.txt",
            "-o",
            "plan.json",
        ],
        &dir,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("nhiệm vụ) vào plan.json"),
        "{}",
        stdout(&output)
    );
    let text = std::fs::read_to_string(dir.join("plan.json")).unwrap();
    let plan = cchc_plan::domain::file_format::read_plan(&text).unwrap();
    assert_eq!(plan.province, "Đắk Nông");
    assert_eq!(plan.year, 2021);

    let output = cchc(&["export", "plan.json", "-o", "phu-luc.xlsx"], &dir);
    assert!(output.status.success(), "{}", stderr(&output));
    let s = seed_002_appendix(&std::fs::read(dir.join("phu-luc.xlsx")).unwrap());
    assert!(
        cell(&s, 2, 0).contains("Quyết định số 1887/QĐ-UBND"),
        "{}",
        cell(&s, 2, 0)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn plan_from_seed_prints_the_plan_or_lists_the_sources() {
    let dir = work_dir("from-seed-stdout");
    // By source id or file stem; without -o the plan file goes to stdout.
    let output = cchc(&["plan-from-seed", "seed-002"], &dir);
    assert!(output.status.success(), "{}", stderr(&output));
    let plan = cchc_plan::domain::file_format::read_plan(&stdout(&output)).unwrap();
    assert_eq!(plan.budget_totals().grand.to_string(), "936");
    let output = cchc(&["plan-from-seed", "002_591ff2b9d60f55ba"], &dir);
    assert!(output.status.success(), "{}", stderr(&output));

    let output = cchc(&["plan-from-seed", "999_unknown.txt", "-o", "x.json"], &dir);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("Không có nguồn \"999_unknown.txt\""),
        "{message}"
    );
    assert!(message.contains("002_591ff2b9d60f55ba.txt"), "{message}");
    assert!(!dir.join("x.json").exists());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn help_and_usage_errors() {
    let dir = work_dir("help");
    let output = cchc(&["--help"], &dir);
    assert!(output.status.success());
    assert!(stdout(&output).contains("cchc export <tệp kế hoạch .json>"));
    assert!(stdout(&output).contains("cchc plan-from-seed <tệp nguồn>"));
    let output = cchc(&["export", "--help"], &dir);
    assert!(output.status.success());
    for args in [
        &[][..],
        &["frobnicate"],
        &["export"],
        &["export", "-o"],
        &["export", "a.json", "b.json"],
        &["plan-from-seed"],
        &["plan-from-seed", "a.txt", "b.txt"],
    ] {
        let output = cchc(args, &dir);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&output).is_empty());
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A file name that is not UTF-8 (possible on Linux) is refused with a Vietnamese message
/// and the usage exit code, not a panic.
#[cfg(unix)]
#[test]
fn non_utf8_argument_is_a_usage_error() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let dir = work_dir("non-utf8");
    let name = OsStr::from_bytes(b"k\xe9-ho\xffch.json");
    for args in [
        vec![OsStr::new("export"), name],
        vec![name],
        vec![
            OsStr::new("export"),
            OsStr::new("plan.json"),
            OsStr::new("-o"),
            name,
        ],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args(&args)
            .current_dir(&dir)
            .output()
            .expect("cchc runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(message.contains("không phải văn bản UTF-8"), "{message}");
        assert!(!message.contains("panicked"), "{message}");
    }
}

#[test]
fn import_writes_a_plan_and_warns_on_stderr() {
    let dir = work_dir("import");
    let fixture = fixture_path("import/merges.docx");
    let output = cchc(
        &["import", fixture.to_str().unwrap(), "-o", "plan.json"],
        &dir,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output)
            .contains("Đã nhập 2 lĩnh vực, 2 nhóm, 5 nhiệm vụ (tổng kinh phí 1.285,5 triệu đồng)"),
        "{}",
        stdout(&output)
    );
    assert!(
        stderr(&output).contains("Cảnh báo: Dòng 8: kinh phí \"Trong dự toán\" không phải số"),
        "{}",
        stderr(&output)
    );
    let text = std::fs::read_to_string(dir.join("plan.json")).unwrap();
    let plan = cchc_plan::domain::file_format::read_plan(&text).unwrap();
    assert_eq!(plan.len(), 9);
    assert_eq!(plan.province, "Lào Cai");
    assert_eq!(plan.year, 2026);

    // Without -o the plan goes to stdout.
    let output = cchc(&["import", fixture.to_str().unwrap()], &dir);
    assert_eq!(output.status.code(), Some(0));
    assert!(cchc_plan::domain::file_format::read_plan(&stdout(&output)).is_ok());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn import_refuses_a_bad_file_with_its_message() {
    let dir = work_dir("import-bad");
    std::fs::write(
        dir.join("cu.doc"),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
    )
    .unwrap();
    let output = cchc(&["import", "cu.doc", "-o", "plan.json"], &dir);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("Mở tệp trong Word rồi Lưu thành .docx"),
        "{}",
        stderr(&output)
    );
    std::fs::write(dir.join("hong.docx"), b"not a zip at all").unwrap();
    let output = cchc(&["import", "hong.docx"], &dir);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("Không nhập được hong.docx: Tệp không đọc được"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.join("plan.json").exists());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn report_writes_the_progress_workbook_and_names_it_by_period() {
    let dir = work_dir("report");
    let fixture = fixture_path("seed-002-progress.json");
    let output = cchc(
        &[
            "report",
            fixture.to_str().unwrap(),
            "--period",
            "q1",
            "-o",
            "bao-cao.xlsx",
        ],
        &dir,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains(
            "Đã xuất báo cáo tiến độ thực hiện Kế hoạch cải cách hành chính Quý I năm 2021 \
             (77 nhiệm vụ: 3 hoàn thành, 1 quá hạn; số liệu đến ngày 14/03/2021, tình trạng \
             tính đến ngày 14/03/2021) ra bao-cao.xlsx"
        ),
        "{}",
        stdout(&output)
    );
    let mut book = open(&std::fs::read(dir.join("bao-cao.xlsx")).unwrap());
    assert_eq!(book.sheet_names().len(), 5);
    let s = sheet(&mut book, "Tổng hợp");
    let total = find_row(&s, 1, "Tổng cộng").unwrap();
    assert_eq!(number(&s, total, 2), Some(77.0));
    assert_eq!(cell(&s, total, 9), "2,6");
    let s = sheet(&mut book, "Quá hạn");
    assert_eq!(cell(&s, 2, 1), "Ban hành kế hoạch kiểm soát TTHC năm 2021");
    let s = sheet(&mut book, "Chi tiết");
    assert_eq!(
        s.end().unwrap().0 as usize,
        1 + 97,
        "title, header, 97 rows"
    );

    // Without -o: named by period, year and province.
    let output = cchc(
        &["report", fixture.to_str().unwrap(), "--period=year"],
        &dir,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir
        .join("bao-cao-tien-do-year-2021-dak-nong.xlsx")
        .is_file());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn report_writes_word_by_the_extension_and_reads_statuses_on_the_date() {
    let dir = work_dir("report-docx");
    let fixture = fixture_path("seed-002-progress.json");
    let output = cchc(
        &[
            "report",
            fixture.to_str().unwrap(),
            "--period",
            "6m",
            "--date",
            "2021-03-01",
            "-o",
            "bao-cao.docx",
        ],
        &dir,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("tình trạng tính đến ngày 01/03/2021) ra bao-cao.docx"),
        "{}",
        stdout(&output)
    );
    let docx = common::docx::read_docx(&std::fs::read(dir.join("bao-cao.docx")).unwrap());
    let section = &docx.sections[0];
    assert_eq!(section.property("pgSz", "orient"), Some("landscape"));
    assert_eq!(
        section.paragraphs()[1].text,
        "Báo cáo tiến độ thực hiện Kế hoạch cải cách hành chính 6 tháng năm 2021"
    );
    assert_eq!(
        section.paragraphs()[2].text,
        "(Số liệu từ ngày 15/12/2020 đến ngày 14/06/2021; tình trạng tính đến ngày 01/03/2021)"
    );
    let tables = section.tables();
    assert_eq!(tables.len(), 5);
    // On 1/3/2021 the task due in December 2020 is overdue already.
    assert!(tables[2].rows[1]
        .texts()
        .contains(&"Ban hành kế hoạch kiểm soát TTHC năm 2021".to_string()));
    assert_eq!(tables[4].rows.len(), 1 + 97);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn report_explains_a_bad_period_or_date() {
    let dir = work_dir("report-bad");
    let fixture = fixture_path("seed-002-progress.json");
    let plan = fixture.to_str().unwrap();
    for (args, says) in [
        (vec!["report", plan], "Thiếu kỳ báo cáo"),
        (
            vec!["report", plan, "--period", "q2"],
            "Kỳ báo cáo không rõ: \"q2\"",
        ),
        (
            vec!["report", plan, "--period", "q1", "--date", "30/02/2021"],
            "Ngày không hợp lệ",
        ),
        (
            vec!["report", plan, "--period", "q1", "--document"],
            "không nhận --document",
        ),
        (vec!["export", plan, "--period", "q1"], "dùng lệnh report"),
    ] {
        let output = cchc(&args, &dir);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(says),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let output = cchc(&["report", "khong-co.json", "--period", "q1"], &dir);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("không tìm thấy tệp"),
        "{}",
        stderr(&output)
    );
    std::fs::remove_dir_all(&dir).ok();
}
