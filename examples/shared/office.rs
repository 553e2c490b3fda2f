//! Office files of a plan's appendix, written the way Word and Excel lay them out, for the
//! import's browser tests and benchmark: a .docx with the heading paragraphs and the task
//! table (bold title rows), an .xlsx with the same rows on one sheet. Deterministic.
//! Included with `#[path = ".../shared/office.rs"] mod office;`.

use std::io::Write;

/// A row of the appendix table: its cells, and whether Word shows it bold (a title row).
pub struct OfficeRow {
    pub cells: Vec<String>,
    pub bold: bool,
}

/// An appendix as a province sends it: heading paragraphs, then a table whose first row
/// is the header.
pub struct Appendix {
    pub heading: Vec<String>,
    pub rows: Vec<OfficeRow>,
}

impl Appendix {
    /// An appendix with `header` as its first row.
    pub fn new(heading: &[&str], header: &[&str]) -> Appendix {
        Appendix {
            heading: heading.iter().map(|s| s.to_string()).collect(),
            rows: vec![OfficeRow {
                cells: header.iter().map(|s| s.to_string()).collect(),
                bold: true,
            }],
        }
    }

    /// Adds a row of cells.
    pub fn row(mut self, bold: bool, cells: &[&str]) -> Appendix {
        self.rows.push(OfficeRow {
            cells: cells.iter().map(|s| s.to_string()).collect(),
            bold,
        });
        self
    }
}

/// The usual header of a CCHC appendix.
pub const HEADER: [&str; 7] = [
    "STT",
    "Nội dung nhiệm vụ",
    "Sản phẩm",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
    "Kinh phí (triệu đồng)",
];

/// The usual heading paragraphs above the appendix (Hưng Yên, 2027).
pub const HEADING: [&str; 3] = [
    "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN",
    "PHỤ LỤC I",
    "(Kèm theo Kế hoạch số 15/KH-UBND ngày 20/12/2026 của UBND tỉnh Hưng Yên)",
];

/// A large appendix: seven areas, `tasks` tasks numbered 1, 2, … in each, a budget on
/// every fourth.
pub fn large_appendix(tasks: usize) -> Appendix {
    const ROMAN: [&str; 7] = ["I", "II", "III", "IV", "V", "VI", "VII"];
    let mut appendix = Appendix::new(&HEADING, &HEADER);
    let per_area = tasks.div_ceil(ROMAN.len());
    let mut made = 0;
    for (a, roman) in ROMAN.iter().enumerate() {
        appendix = appendix.row(true, &[roman, &format!("LĨNH VỰC CẢI CÁCH SỐ {}", a + 1)]);
        for t in 0..per_area.min(tasks - made) {
            let budget = if made % 4 == 0 { "25" } else { "" };
            appendix = appendix.row(
                false,
                &[
                    &(t + 1).to_string(),
                    &format!(
                        "Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền giải quyết của các cấp, đợt {made}"
                    ),
                    "Báo cáo kết quả",
                    "Sở Tư pháp",
                    "Các sở, ban, ngành",
                    "Quý IV",
                    budget,
                ],
            );
            made += 1;
        }
    }
    appendix
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn paragraph(text: &str, bold: bool) -> String {
    let props = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    format!(
        r#"<w:p><w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        escape(text)
    )
}

/// The appendix as a Word document (.docx).
pub fn docx(appendix: &Appendix) -> Vec<u8> {
    let mut body = String::new();
    for line in &appendix.heading {
        body.push_str(&paragraph(line, true));
    }
    let columns = appendix.rows.first().map_or(1, |r| r.cells.len());
    body.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr><w:tblGrid>");
    for _ in 0..columns {
        body.push_str("<w:gridCol w:w=\"1800\"/>");
    }
    body.push_str("</w:tblGrid>");
    for row in &appendix.rows {
        body.push_str("<w:tr>");
        if row.cells.len() < columns {
            // A title row: its number, then its title across the other columns.
            let span = columns + 1 - row.cells.len();
            for (i, cell) in row.cells.iter().enumerate() {
                let props = if i + 1 == row.cells.len() && span > 1 {
                    format!("<w:tcPr><w:gridSpan w:val=\"{span}\"/></w:tcPr>")
                } else {
                    String::new()
                };
                body.push_str(&format!(
                    "<w:tc>{props}{}</w:tc>",
                    paragraph(cell, row.bold)
                ));
            }
        } else {
            for cell in &row.cells {
                body.push_str(&format!("<w:tc>{}</w:tc>", paragraph(cell, row.bold)));
            }
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
        ),
        ("word/document.xml", document),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("a zip part starts");
        zip.write_all(text.as_bytes())
            .expect("a zip part is written");
    }
    zip.finish().expect("the zip is finished").into_inner()
}

/// The appendix as an Excel workbook (.xlsx): heading lines, then the table.
pub fn xlsx(appendix: &Appendix) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Phụ lục I").expect("a valid sheet name");
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let mut r = 0u32;
    for line in &appendix.heading {
        sheet
            .write_string_with_format(r, 0, line, &bold)
            .expect("a heading cell");
        r += 1;
    }
    for row in &appendix.rows {
        for (c, cell) in row.cells.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let c = c as u16;
            match cell.parse::<f64>() {
                Ok(n) if c > 0 => sheet.write_number(r, c, n).map(|_| ()),
                _ if row.bold => sheet
                    .write_string_with_format(r, c, cell, &bold)
                    .map(|_| ()),
                _ => sheet.write_string(r, c, cell).map(|_| ()),
            }
            .expect("a table cell");
        }
        r += 1;
    }
    book.save_to_buffer().expect("the workbook is written")
}
