//! The styles part: Times New Roman everywhere (Latin, East Asian and complex-script
//! slots alike, so no script falls back to a theme font), 14 pt body text, 12 pt table
//! text, single spacing and no space between paragraphs unless one asks for it.

/// The one font of the document.
pub const FONT: &str = "Times New Roman";
/// Body text (Nghị định 30/2020: 13-14 pt).
pub const BODY_SIZE: f32 = 14.0;
/// Table text (practice: 11-13 pt), as the Excel appendix.
pub const TABLE_SIZE: f32 = 12.0;
/// The page number in the top margin.
pub const PAGE_NUMBER_SIZE: f32 = 13.0;

/// `w:rFonts` naming [`FONT`] for every script.
pub(crate) fn fonts() -> String {
    format!(
        "<w:rFonts w:ascii=\"{FONT}\" w:hAnsi=\"{FONT}\" w:eastAsia=\"{FONT}\" w:cs=\"{FONT}\"/>"
    )
}

fn half_points(points: f32) -> i32 {
    (points * 2.0).round() as i32
}

/// word/styles.xml.
pub(crate) fn styles_xml() -> String {
    let fonts = fonts();
    let body = half_points(BODY_SIZE);
    let table = half_points(TABLE_SIZE);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:color w:val=\"000000\"/><w:sz w:val=\"{body}\"/>\
<w:szCs w:val=\"{body}\"/><w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>\
<w:rPr>{fonts}<w:sz w:val=\"{body}\"/><w:szCs w:val=\"{body}\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Bang\"><w:name w:val=\"Bảng\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
<w:rPr>{fonts}<w:sz w:val=\"{table}\"/><w:szCs w:val=\"{table}\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/>\
<w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr>{fonts}<w:sz w:val=\"{page}\"/><w:szCs w:val=\"{page}\"/></w:rPr></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>\
<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>\
</w:tblCellMar></w:tblPr></w:style>\
</w:styles>",
        page = half_points(PAGE_NUMBER_SIZE),
    )
}

/// word/fontTable.xml: the one font, with its panose and families, so a viewer without it
/// picks a metric-compatible serif (Liberation Serif in LibreOffice).
pub(crate) fn font_table_xml() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:font w:name=\"{FONT}\"><w:panose1 w:val=\"02020603050405020304\"/><w:charset w:val=\"00\"/>\
<w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font></w:fonts>"
    )
}
