//! Why a file or a paste could not be imported, each case with its own Vietnamese message.

use std::fmt;

/// The most bytes a document may unpack to.
pub const MAX_UNPACKED: u64 = 100 * 1024 * 1024;
/// The most rows a document may hold, all tables together.
pub const MAX_ROWS: usize = 100_000;

/// A file format the import does not read, named by what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtherFormat {
    /// Word 97-2003 (.doc).
    Doc,
    /// Excel 97-2003 (.xls).
    Xls,
    /// OpenDocument text (.odt).
    Odt,
    Pdf,
    /// Anything else.
    Unknown,
}

/// Why an import failed; [`fmt::Display`] gives the message for the drafter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// A .docx, .xlsx or .ods that is not a zip package at all.
    NotZip,
    /// A zip package that cannot be read (truncated, a bad entry, a bad checksum).
    DamagedZip,
    /// A password-protected document (an encrypted OLE container).
    Encrypted,
    /// More than [`MAX_UNPACKED`] bytes once unpacked.
    TooLarge,
    /// More than [`MAX_ROWS`] rows.
    TooManyRows,
    /// A .docx whose main part is not WordprocessingML.
    NotWordprocessing,
    /// An .xlsx or .ods whose content is not a spreadsheet.
    NotSpreadsheet,
    /// The document holds no table.
    NoTable,
    /// No row of the table reads as a header ("STT", "Nội dung", ...).
    NoHeader,
    /// A format the import does not read.
    UnsupportedFormat(OtherFormat),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ImportError::NotZip => {
                "Tệp không đọc được: nội dung không phải tài liệu Word (.docx) hay bảng tính (.xlsx, .ods). Hãy mở tệp trong Word, Excel hoặc LibreOffice rồi lưu lại đúng định dạng."
            }
            ImportError::DamagedZip => {
                "Tệp bị hỏng (không giải nén được). Hãy mở tệp trong Word, Excel hoặc LibreOffice để sửa rồi lưu lại."
            }
            ImportError::Encrypted => {
                "Tệp được bảo vệ bằng mật khẩu. Hãy mở tệp, gỡ mật khẩu rồi lưu lại để nhập."
            }
            ImportError::TooLarge => {
                "Tệp quá lớn: khi giải nén vượt 100 MB, không nhập được."
            }
            ImportError::TooManyRows => "Bảng có hơn 100.000 dòng, không nhập được.",
            ImportError::NotWordprocessing => {
                "Tệp .docx không chứa văn bản Word hợp lệ (thiếu phần WordprocessingML). Hãy mở tệp trong Word rồi Lưu thành .docx."
            }
            ImportError::NotSpreadsheet => {
                "Tệp không chứa bảng tính hợp lệ (thiếu phần SpreadsheetML hoặc OpenDocument). Hãy mở tệp trong Excel hoặc LibreOffice rồi lưu lại."
            }
            ImportError::NoTable => {
                "Không tìm thấy bảng nào trong tệp: phụ lục nhiệm vụ phải là một bảng."
            }
            ImportError::NoHeader => {
                "Không nhận ra dòng tiêu đề của bảng: cần các cột như \"STT\", \"Nội dung nhiệm vụ\", \"Cơ quan chủ trì\", \"Thời gian hoàn thành\"."
            }
            ImportError::UnsupportedFormat(format) => match format {
                OtherFormat::Doc => {
                    "Tệp .doc (Word 97-2003) chưa đọc được. Mở tệp trong Word rồi Lưu thành .docx (Tệp > Lưu thành > Tài liệu Word)."
                }
                OtherFormat::Xls => {
                    "Tệp .xls (Excel 97-2003) chưa đọc được. Mở tệp trong Excel rồi Lưu thành .xlsx (Tệp > Lưu thành > Sổ làm việc Excel)."
                }
                OtherFormat::Odt => {
                    "Tệp .odt chưa đọc được. Mở tệp trong LibreOffice Writer rồi Lưu thành .docx (Word 2007-365)."
                }
                OtherFormat::Pdf => {
                    "Tệp PDF không giữ được bảng để nhập. Mở văn bản gốc trong Word rồi Lưu thành .docx, hoặc chép bảng rồi dán vào ứng dụng."
                }
                OtherFormat::Unknown => {
                    "Định dạng tệp không được hỗ trợ. Ứng dụng mở được tệp .docx, .xlsx, .ods và tệp kế hoạch .json; với văn bản Word cũ, mở tệp trong Word rồi Lưu thành .docx."
                }
            },
        })
    }
}

impl std::error::Error for ImportError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_case_has_its_own_message() {
        let all = [
            ImportError::NotZip,
            ImportError::DamagedZip,
            ImportError::Encrypted,
            ImportError::TooLarge,
            ImportError::TooManyRows,
            ImportError::NotWordprocessing,
            ImportError::NotSpreadsheet,
            ImportError::NoTable,
            ImportError::NoHeader,
            ImportError::UnsupportedFormat(OtherFormat::Doc),
            ImportError::UnsupportedFormat(OtherFormat::Xls),
            ImportError::UnsupportedFormat(OtherFormat::Odt),
            ImportError::UnsupportedFormat(OtherFormat::Pdf),
            ImportError::UnsupportedFormat(OtherFormat::Unknown),
        ];
        let messages: std::collections::HashSet<String> =
            all.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), all.len());
        assert!(ImportError::UnsupportedFormat(OtherFormat::Doc)
            .to_string()
            .contains("Mở tệp trong Word rồi Lưu thành .docx"));
    }
}
