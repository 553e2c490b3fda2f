//! The .docx package: the parts around the document body, zipped.
//!
//! Parts: the body (word/document.xml), styles, settings, the font table, two header
//! parts (the page number, and an empty one for first pages), the document properties,
//! and the relationships and content types that tie them together.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::page::{EMPTY_HEADER, NUMBERED_HEADER};
use super::styles::{font_table_xml, styles_xml};
use super::xml::push_text;
use super::DocxError;

/// Deflate level: the fastest; the body is large and repetitive, so even this level
/// shrinks it about tenfold.
const LEVEL: i64 = 1;

const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
pub(crate) const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(crate) const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// What File > Properties shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Properties {
    pub title: String,
    pub subject: String,
    /// "UBND tỉnh Hưng Yên".
    pub company: String,
}

const CONTENT_TYPES: &str = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>\
<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
<Override PartName=\"/word/header2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

fn document_rels() -> String {
    let kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    format!(
        "{DECLARATION}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"{kind}/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"{kind}/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdFonts\" Type=\"{kind}/fontTable\" Target=\"fontTable.xml\"/>\
<Relationship Id=\"{NUMBERED_HEADER}\" Type=\"{kind}/header\" Target=\"header1.xml\"/>\
<Relationship Id=\"{EMPTY_HEADER}\" Type=\"{kind}/header\" Target=\"header2.xml\"/>\
</Relationships>"
    )
}

const SETTINGS: &str = "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
<w:themeFontLang w:val=\"vi-VN\"/></w:settings>";

/// The header with the page number: a `PAGE` field, centred (the "Header" style).
fn numbered_header() -> String {
    format!(
        "{DECLARATION}<w:hdr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/>\
<w:jc w:val=\"center\"/></w:pPr><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
<w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>"
    )
}

fn empty_header() -> String {
    format!(
        "{DECLARATION}<w:hdr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/>\
</w:pPr></w:p></w:hdr>"
    )
}

fn core_xml(properties: &Properties) -> String {
    let mut out = String::from(DECLARATION);
    out.push_str(
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>",
    );
    push_text(&mut out, &properties.title);
    out.push_str("</dc:title><dc:subject>");
    push_text(&mut out, &properties.subject);
    out.push_str("</dc:subject><dc:creator>");
    push_text(&mut out, &properties.company);
    out.push_str("</dc:creator></cp:coreProperties>");
    out
}

fn app_xml(properties: &Properties) -> String {
    let mut out = String::from(DECLARATION);
    out.push_str(
        "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>CCHC plan builder</Application><Company>",
    );
    push_text(&mut out, &properties.company);
    out.push_str("</Company></Properties>");
    out
}

/// Zips the body (the complete word/document.xml) with the other parts.
///
/// # Errors
/// [`DocxError::Package`] when the zip writer fails (it writes to memory, so only on a
/// limit of the format).
pub(crate) fn zip(document: &str, properties: &Properties) -> Result<Vec<u8>, DocxError> {
    let package = |e: zip::result::ZipError| DocxError::Package(e.to_string());
    let io = |e: std::io::Error| DocxError::Package(e.to_string());
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(LEVEL))
        .unix_permissions(0o600);
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(document.len() / 8 + 8192)));
    let parts: [(&str, &str); 11] = [
        (
            "[Content_Types].xml",
            &format!("{DECLARATION}{CONTENT_TYPES}"),
        ),
        ("_rels/.rels", &format!("{DECLARATION}{ROOT_RELS}")),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", &document_rels()),
        ("word/styles.xml", &styles_xml()),
        ("word/settings.xml", &format!("{DECLARATION}{SETTINGS}")),
        ("word/fontTable.xml", &font_table_xml()),
        ("word/header1.xml", &numbered_header()),
        ("word/header2.xml", &empty_header()),
        ("docProps/core.xml", &core_xml(properties)),
        ("docProps/app.xml", &app_xml(properties)),
    ];
    for (name, text) in parts {
        out.start_file(name, options).map_err(package)?;
        out.write_all(text.as_bytes()).map_err(io)?;
    }
    Ok(out.finish().map_err(package)?.into_inner())
}
