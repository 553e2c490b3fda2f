//! Reading an office file by its name and first bytes: .docx, .xlsx and .ods are read;
//! .doc, .xls, .odt, .pdf and anything else get their own message.

use super::docx::read_docx;
use super::error::{ImportError, OtherFormat};
use super::sheet::{read_ods, read_xlsx};
use super::source::SourceDocument;
use super::zipped::{container, entry, open, Container};

/// What a file is, by extension (then by content where the extension says nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Docx,
    Xlsx,
    Ods,
    Other(OtherFormat),
}

fn kind_by_name(name: &str) -> Kind {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "docx" | "docm" | "dotx" => Kind::Docx,
        "xlsx" | "xlsm" | "xltx" => Kind::Xlsx,
        "ods" => Kind::Ods,
        "doc" | "dot" | "rtf" => Kind::Other(OtherFormat::Doc),
        "xls" => Kind::Other(OtherFormat::Xls),
        "odt" => Kind::Other(OtherFormat::Odt),
        "pdf" => Kind::Other(OtherFormat::Pdf),
        _ => Kind::Other(OtherFormat::Unknown),
    }
}

/// Reads a .docx, .xlsx or .ods into its tables and paragraphs.
///
/// # Errors
/// [`ImportError::UnsupportedFormat`] for .doc, .xls, .odt, .pdf and names without a known
/// extension whose content is not a Word or Excel package; [`ImportError::Encrypted`] for a
/// password-protected (OLE) file named .docx/.xlsx; the package's errors
/// ([`ImportError::NotZip`], [`ImportError::DamagedZip`], [`ImportError::TooLarge`]); the
/// readers' ([`ImportError::NotWordprocessing`], [`ImportError::NotSpreadsheet`],
/// [`ImportError::TooManyRows`]). A document without a table is not an error here:
/// [`super::ImportDraft::analyse`] says so.
pub fn read_file(name: &str, bytes: &[u8]) -> Result<SourceDocument, ImportError> {
    let mut kind = kind_by_name(name);
    if kind == Kind::Other(OtherFormat::Unknown) && container(bytes) == Container::Zip {
        // No telling extension: a zip that holds a Word or Excel main part is read as one.
        if let Ok(mut archive) = open(bytes) {
            if entry(&mut archive, "word/document.xml").is_ok_and(|e| e.is_some()) {
                kind = Kind::Docx;
            } else if entry(&mut archive, "xl/workbook.xml").is_ok_and(|e| e.is_some()) {
                kind = Kind::Xlsx;
            }
        }
    }
    match kind {
        Kind::Other(format) => Err(ImportError::UnsupportedFormat(format)),
        Kind::Docx => {
            let mut archive = open(bytes)?;
            read_docx(&mut archive)
        }
        Kind::Xlsx => {
            let mut archive = open(bytes)?;
            if entry(&mut archive, "xl/workbook.xml")?.is_none() {
                return Err(ImportError::NotSpreadsheet);
            }
            read_xlsx(bytes)
        }
        Kind::Ods => {
            let mut archive = open(bytes)?;
            if let Some(manifest) = entry(&mut archive, "META-INF/manifest.xml")? {
                if String::from_utf8_lossy(&manifest).contains("encryption-data") {
                    return Err(ImportError::Encrypted);
                }
            }
            match entry(&mut archive, "content.xml")? {
                Some(content)
                    if String::from_utf8_lossy(&content).contains("office:spreadsheet") => {}
                _ => return Err(ImportError::NotSpreadsheet),
            }
            read_ods(bytes)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name_and_content() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        assert_eq!(
            read_file("kh.doc", &ole),
            Err(ImportError::UnsupportedFormat(OtherFormat::Doc))
        );
        assert_eq!(
            read_file("kh.XLS", &ole),
            Err(ImportError::UnsupportedFormat(OtherFormat::Xls))
        );
        assert_eq!(read_file("kh.docx", &ole), Err(ImportError::Encrypted));
        assert_eq!(read_file("kh.xlsx", &ole), Err(ImportError::Encrypted));
        assert_eq!(
            read_file("kh.odt", b"PK\x03\x04"),
            Err(ImportError::UnsupportedFormat(OtherFormat::Odt))
        );
        assert_eq!(
            read_file("kh.pdf", b"%PDF-1.7"),
            Err(ImportError::UnsupportedFormat(OtherFormat::Pdf))
        );
        assert_eq!(
            read_file("kh.txt", b"abc"),
            Err(ImportError::UnsupportedFormat(OtherFormat::Unknown))
        );
        assert_eq!(read_file("kh.docx", b"abc"), Err(ImportError::NotZip));
        assert_eq!(
            read_file("kh.ods", b"PK\x03\x04xx"),
            Err(ImportError::DamagedZip)
        );
    }
}
