//! The exported workbook printed to PDF by LibreOffice: A4 landscape pages, every column
//! of Phụ lục I on each page (one page wide, header repeated), no page number on the first
//! page of an appendix.
//!
//! The Word appendices (.docx) likewise: every page A4 landscape and starting with its
//! table's header row, the last column's header included. The progress report (.xlsx and
//! .docx) too: A4 landscape, its full table's header row on every page it runs over.
//!
//! Needs `soffice` (Debian: libreoffice-calc and libreoffice-writer, with fonts-liberation2 for Times New Roman's
//! metrics) and poppler-utils (`pdfinfo`, `pdftotext`). Without them the test prints why
//! and passes, unless CCHC_REQUIRE_LIBREOFFICE is set (CI sets it), where it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cchc_plan::domain::workbook::{build_workbook, ExportSettings};
use common::{seed_002_plan, PHU_LUC_I_HEADERS};

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Whether LibreOffice is here; `false` means skip, allowed only when CCHC_REQUIRE_LIBREOFFICE
/// is not set. With LibreOffice present, poppler-utils must be too.
fn tools_present() -> bool {
    if !on_path("soffice") {
        let message =
            "soffice not found (Debian packages: libreoffice-calc fonts-liberation2 poppler-utils)";
        if std::env::var_os("CCHC_REQUIRE_LIBREOFFICE").is_some() {
            panic!("CCHC_REQUIRE_LIBREOFFICE is set but {message}");
        }
        println!("skipped: {message}");
        return false;
    }
    for tool in ["pdfinfo", "pdftotext"] {
        assert!(
            on_path(tool),
            "{tool} not found: install the Debian package poppler-utils"
        );
    }
    true
}

/// Runs a command with a time limit; returns its stdout. Output goes through files in
/// `dir`, so a chatty command never blocks on a full pipe while we wait.
fn run(command: &mut Command, dir: &Path, limit: Duration) -> String {
    let out_path = dir.join("stdout.txt");
    let err_path = dir.join("stderr.txt");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("command starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("{command:?} took longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        status.success(),
        "{command:?} failed: {}",
        std::fs::read_to_string(&err_path).unwrap_or_default()
    );
    std::fs::read_to_string(&out_path).unwrap()
}

/// Converts an xlsx file to PDF next to it, with a private LibreOffice profile so that
/// concurrent runs and a user's open LibreOffice do not interfere.
fn to_pdf(xlsx: &Path, dir: &Path) -> PathBuf {
    let profile = dir.join("lo-profile");
    let mut command = Command::new("soffice");
    command
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(xlsx);
    run(&mut command, dir, Duration::from_secs(180));
    let pdf = xlsx.with_extension("pdf");
    assert!(pdf.is_file(), "LibreOffice wrote no {}", pdf.display());
    pdf
}

/// The text of every page of a PDF (pdftotext -layout), checking that each page is A4
/// landscape: 842 x 595 points.
fn a4_landscape_pages(pdf: &Path, dir: &Path) -> Vec<String> {
    let info = run(
        Command::new("pdfinfo")
            .args(["-f", "1", "-l", "9999"])
            .arg(pdf),
        dir,
        Duration::from_secs(60),
    );
    let sizes: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .map(|l| l.split(" size:").nth(1).unwrap().trim())
        .collect();
    assert!(!sizes.is_empty(), "{info}");
    for size in &sizes {
        let (w, h) = size.split_once(" x ").unwrap();
        let w: f64 = w.trim().parse().unwrap();
        let h: f64 = h.split_whitespace().next().unwrap().parse().unwrap();
        assert_eq!((w.round(), h.round()), (842.0, 595.0), "page size {size}");
    }
    let text = run(
        Command::new("pdftotext").arg("-layout").arg(pdf).arg("-"),
        dir,
        Duration::from_secs(60),
    );
    let pages: Vec<String> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_string)
        .collect();
    assert_eq!(pages.len(), sizes.len());
    pages
}

#[test]
fn exported_workbook_prints_a4_landscape_without_cut_columns() {
    if !tools_present() {
        return;
    }
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let xlsx = dir.join("seed-002.xlsx");
    let plan = seed_002_plan();
    std::fs::write(
        &xlsx,
        build_workbook(&plan, &ExportSettings::default()).unwrap(),
    )
    .unwrap();
    let pdf = to_pdf(&xlsx, &dir);
    let pages = a4_landscape_pages(&pdf, &dir);
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    assert!(pages.len() >= 3);
    let first_line = |page: &str| {
        page.lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let second = pages
        .iter()
        .position(|p| first_line(p) == "Phụ lục II")
        .expect("Phụ lục II starts a page");
    let third = pages
        .iter()
        .position(|p| first_line(p) == "Phụ lục III")
        .expect("Phụ lục III starts a page");
    assert_eq!(
        first_line(pages[0]),
        "Phụ lục I",
        "no page number on the first page"
    );
    assert!(second >= 2, "Phụ lục I takes several pages");

    // Phụ lục I is one page wide: every page of it shows the whole header row, from TT
    // to the last column, "Ghi chú".
    for (n, page) in pages[..second].iter().enumerate() {
        for header in [
            "TT",
            "Nội dung, nhiệm vụ",
            "Sản phẩm",
            "Cơ quan chủ trì",
            "Ghi chú",
        ] {
            assert!(
                page.contains(header),
                "page {} lacks \"{header}\":\n{page}",
                n + 1
            );
        }
        if n > 0 {
            // From page 2 on, the page number is centred at the top, numbered per appendix.
            assert_eq!(first_line(page), (n + 1).to_string(), "page {}", n + 1);
        }
    }
    assert_eq!(first_line(pages[second + 1]), "2");
    let last_of_first = pages[second - 1];
    assert!(last_of_first.contains("Tổng cộng") && last_of_first.contains("936"));
    assert!(last_of_first.contains("(Bằng chữ: Chín trăm ba mươi sáu triệu đồng)"));
    assert!(pages[0].contains("Quyết định số 1887/QĐ-UBND ngày 18 tháng 12 năm 2020"));
    assert!(pages[third].contains("1. Kinh phí theo lĩnh vực"));

    std::fs::remove_dir_all(&dir).ok();
}

/// The words of some texts, as pdftotext splits them.
fn words_of<'a>(texts: impl IntoIterator<Item = &'a str>) -> std::collections::HashSet<String> {
    texts
        .into_iter()
        .flat_map(|t| t.split_whitespace().map(str::to_string))
        .collect()
}

#[test]
fn exported_docx_prints_every_appendix_a4_landscape_with_its_header_row_on_every_page() {
    if !tools_present() {
        return;
    }
    use cchc_plan::domain::docx::build_appendices_docx;
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("pdf-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let docx = dir.join("seed-002.docx");
    let plan = seed_002_plan();
    std::fs::write(
        &docx,
        build_appendices_docx(&plan, &ExportSettings::default()).unwrap(),
    )
    .unwrap();
    // Needs LibreOffice Writer (Debian: libreoffice-writer) besides Calc: without it the
    // conversion fails here, loudly.
    let pdf = to_pdf(&docx, &dir);
    let pages = a4_landscape_pages(&pdf, &dir);
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    assert!(pages.len() >= 4);

    let attachment = "(Kèm theo Quyết định số 1887/QĐ-UBND ngày 18 tháng 12 năm 2020 của Ủy ban nhân dân tỉnh Đắk Nông)";
    // Each appendix: its label, its heading lines, and its header row (last column last).
    let appendices: [(&str, &str, Vec<&str>); 4] = [
        (
            "Phụ lục I",
            "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2021",
            PHU_LUC_I_HEADERS.to_vec(),
        ),
        (
            "Phụ lục II",
            "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2021 THEO CƠ QUAN CHỦ TRÌ",
            vec![
                "TT",
                "Nội dung, nhiệm vụ",
                "Sản phẩm",
                "Lĩnh vực",
                "Thời gian thực hiện",
                "Kinh phí (triệu đồng)",
            ],
        ),
        (
            "Phụ lục III",
            "KINH PHÍ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2021",
            vec!["TT", "Lĩnh vực", "Số nhiệm vụ", "Kinh phí (triệu đồng)"],
        ),
        (
            "Biểu tiến độ",
            "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2021 THEO QUÝ",
            vec![
                "TT",
                "Nội dung, nhiệm vụ",
                "Sản phẩm",
                "Cơ quan chủ trì",
                "Thời gian thực hiện",
            ],
        ),
    ];
    let mut current: Option<usize> = None;
    let mut page_in_appendix = 0;
    let mut firsts = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let lines: Vec<&str> = page
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let starts = appendices
            .iter()
            .position(|(label, _, _)| lines[0] == *label);
        let (heading_texts, headers): (Vec<&str>, &Vec<&str>) = match starts {
            // The first page of an appendix: no page number, its heading block on top.
            Some(k) => {
                assert_eq!(current.map_or(0, |c| c + 1), k, "appendices in order");
                current = Some(k);
                page_in_appendix = 1;
                firsts.push(n);
                let (label, title, headers) = &appendices[k];
                (
                    vec![
                        label,
                        title,
                        attachment,
                        "ĐVT: triệu đồng",
                        "1. Kinh phí theo lĩnh vực",
                    ],
                    headers,
                )
            }
            // From page 2 on: the page number, centred at the top, numbered per appendix.
            None => {
                let k = current.expect("the document starts with Phụ lục I");
                page_in_appendix += 1;
                assert_eq!(lines[0], page_in_appendix.to_string(), "page {}", n + 1);
                (vec![lines[0]], &appendices[k].2)
            }
        };
        // Then the header row, before any line of the table's body: every line up to the
        // one with "TT" is a heading line or made of header words only.
        let header_words = words_of(headers.iter().copied());
        let tt = lines
            .iter()
            .position(|l| l.split_whitespace().next() == Some("TT"))
            .unwrap_or_else(|| panic!("page {} has no header row:\n{page}", n + 1));
        for line in &lines[..tt] {
            let heading = heading_texts.iter().any(|h| h.contains(line));
            let header = line.split_whitespace().all(|w| header_words.contains(w));
            assert!(
                heading || header,
                "page {}: \"{line}\" comes before the header row:\n{page}",
                n + 1
            );
        }
        // The whole header row is on the page, its last column too: nothing cut off.
        let window = lines[..(tt + 4).min(lines.len())].join(" ");
        let window = words_of([window.as_str()]);
        for header in headers.iter() {
            for word in header.split_whitespace() {
                assert!(
                    window.contains(word),
                    "page {}: header \"{header}\" is not on the page:\n{page}",
                    n + 1
                );
            }
        }
    }
    assert_eq!(
        firsts.len(),
        4,
        "four appendices start a page each: {firsts:?}"
    );
    assert!(firsts[1] >= 2, "Phụ lục I takes several pages");
    let last_of_first = pages[firsts[1] - 1];
    assert!(last_of_first.contains("Tổng cộng") && last_of_first.contains("936"));
    assert!(last_of_first.contains("(Bằng chữ: Chín trăm ba mươi sáu triệu đồng)"));

    std::fs::remove_dir_all(&dir).ok();
}

/// Every page of a PDF: its size in points, rounded (pdfinfo), and its text (pdftotext
/// -layout), whatever the orientation.
fn pages_with_sizes(pdf: &Path, dir: &Path) -> Vec<((f64, f64), String)> {
    let info = run(
        Command::new("pdfinfo")
            .args(["-f", "1", "-l", "9999"])
            .arg(pdf),
        dir,
        Duration::from_secs(60),
    );
    let sizes: Vec<(f64, f64)> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .map(|l| {
            let size = l.split(" size:").nth(1).unwrap().trim();
            let (w, h) = size.split_once(" x ").unwrap();
            let h = h.split_whitespace().next().unwrap();
            (
                w.trim().parse::<f64>().unwrap().round(),
                h.parse::<f64>().unwrap().round(),
            )
        })
        .collect();
    let text = run(
        Command::new("pdftotext").arg("-layout").arg(pdf).arg("-"),
        dir,
        Duration::from_secs(60),
    );
    let pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends every page with a form feed: one more piece than pages.
    assert!(
        pages.len() > sizes.len(),
        "{} texts for {} pages",
        pages.len(),
        sizes.len()
    );
    sizes.into_iter().zip(pages).collect()
}

#[test]
fn plan_document_prints_a4_portrait_body_then_landscape_appendices() {
    use cchc_plan::domain::docx::build_plan_document;
    use cchc_plan::domain::plan_document::Section;
    if !tools_present() {
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("pdf-plan-document-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let docx = dir.join("du-thao.docx");
    let mut plan = seed_002_plan();
    plan.document.set(
        Section::Basis,
        "Căn cứ đã sửa trong bản thử nghiệm PDF.".into(),
    );
    std::fs::write(
        &docx,
        build_plan_document(&plan, &ExportSettings::default()).unwrap(),
    )
    .unwrap();
    let pdf = to_pdf(&docx, &dir);
    let (sizes, pages): (Vec<(f64, f64)>, Vec<String>) =
        pages_with_sizes(&pdf, &dir).into_iter().unzip();
    let first_line = |page: &str| {
        page.lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string()
    };
    // The body: A4 portrait (595 x 842 points) up to the page where Phụ lục I starts.
    let appendix = pages
        .iter()
        .position(|p| first_line(p) == "Phụ lục I")
        .expect("Phụ lục I starts a page");
    assert!(appendix >= 1, "the body comes first");
    for (n, size) in sizes[..appendix].iter().enumerate() {
        assert_eq!(*size, (595.0, 842.0), "body page {}", n + 1);
    }
    let body = pages[..appendix].join("\n");
    for needle in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KẾ HOẠCH",
        "Căn cứ đã sửa trong bản thử nghiệm PDF.",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "IV. TỔ CHỨC THỰC HIỆN",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
    ] {
        assert!(body.contains(needle), "the body lacks {needle:?}:\n{body}");
    }
    assert!(
        pages[0].contains("KẾ HOẠCH"),
        "the title is on the first page"
    );
    // The appendices: A4 landscape (842 x 595), every page of Phụ lục I with the header row
    // up to its last column.
    assert!(sizes.len() > appendix + 1, "{sizes:?}");
    for (n, size) in sizes[appendix..].iter().enumerate() {
        assert_eq!(*size, (842.0, 595.0), "appendix page {}", n + 1);
    }
    let second = pages
        .iter()
        .position(|p| first_line(p) == "Phụ lục II")
        .unwrap_or(sizes.len());
    for (n, page) in pages[appendix..second].iter().enumerate() {
        for header in ["TT", "Nội dung, nhiệm vụ", "Ghi chú"] {
            assert!(
                page.contains(header),
                "Phụ lục I page {} lacks {header:?}:\n{page}",
                n + 1
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The first non-blank line of a page, trimmed.
fn first_line(page: &str) -> &str {
    page.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

#[test]
fn progress_report_prints_a4_landscape_with_its_header_row_on_every_page() {
    use cchc_plan::domain::docx::build_report_docx;
    use cchc_plan::domain::file_format::read_plan;
    use cchc_plan::domain::progress::{ReportPeriod, ReportingRules};
    use cchc_plan::domain::progress_report::build_report;
    use cchc_plan::domain::workbook::build_report_xlsx;
    if !tools_present() {
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("pdf-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(common::fixture_path("seed-002-progress.json")).unwrap();
    let plan = read_plan(&text).unwrap();
    let report = build_report(&plan, &ReportingRules::default(), ReportPeriod::Q1, None);
    let overdue = "Ban hành kế hoạch kiểm soát TTHC năm 2021";

    // The workbook: five sheets, each from a page of its own, A4 landscape.
    let xlsx = dir.join("bao-cao.xlsx");
    std::fs::write(&xlsx, build_report_xlsx(&report, &plan).unwrap()).unwrap();
    let pages = a4_landscape_pages(&to_pdf(&xlsx, &dir), &dir);
    assert_eq!(first_line(&pages[0]), "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG");
    assert!(pages[0].contains("Tổng cộng") && pages[0].contains("2,6"));
    let starts = |title: &str| {
        pages
            .iter()
            .position(|p| first_line(p).starts_with(title))
            .unwrap_or_else(|| panic!("{title} starts no page"))
    };
    let leads = starts("2. Tình hình thực hiện theo cơ quan chủ trì");
    let lists = starts("3. Nhiệm vụ quá hạn");
    assert!(leads >= 1 && lists > leads);
    for page in &pages[leads..lists] {
        assert!(
            page.contains("Cơ quan chủ trì") && page.contains("Tổng số"),
            "{page}"
        );
    }
    assert!(pages[lists].contains(overdue));
    assert!(first_line(&pages[lists + 1]).starts_with("4. Nhiệm vụ đến hạn"));
    let table = pages
        .iter()
        .position(|p| first_line(p) == "5. Chi tiết tình hình thực hiện nhiệm vụ")
        .expect("the full table starts a page");
    assert!(pages.len() > table + 1, "the full table runs over pages");
    for (n, page) in pages[table..].iter().enumerate() {
        for header in [
            "TT",
            "Nhiệm vụ",
            "Kết quả thực hiện",
            "Tình trạng",
            "Ghi chú",
        ] {
            assert!(
                page.contains(header),
                "table page {} lacks {header:?}:\n{page}",
                n + 1
            );
        }
        if n > 0 {
            assert_eq!(first_line(page), (n + 1).to_string(), "numbered on its own");
        }
    }

    // The document: one landscape section, the full table's header on each of its pages.
    let docx = dir.join("bao-cao.docx");
    std::fs::write(&docx, build_report_docx(&report, &plan).unwrap()).unwrap();
    let pages = a4_landscape_pages(&to_pdf(&docx, &dir), &dir);
    assert_eq!(first_line(&pages[0]), "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG");
    let all = pages.join("\n");
    assert!(all.contains("2,6") && all.contains(overdue));
    let table = pages
        .iter()
        .position(|p| p.contains("5. Chi tiết tình hình thực hiện nhiệm vụ"))
        .expect("the full table");
    for (n, page) in pages.iter().enumerate().skip(table + 1) {
        for header in ["Kết quả thực hiện", "Ghi chú"] {
            assert!(
                page.contains(header),
                "page {} lacks {header:?}:\n{page}",
                n + 1
            );
        }
    }
    assert!(pages.len() > table + 1, "the full table runs over pages");
    std::fs::remove_dir_all(&dir).ok();
}
