//! The zip package under .docx, .xlsx and .ods, opened with the limits of an import: what
//! it is (a zip, an encrypted OLE container, neither), every entry inflated once while
//! counting the bytes it really gives (never its header's claim), 100 MB in all at most.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::error::{ImportError, MAX_UNPACKED};

/// The start of an OLE compound file: .doc, .xls, and Office's password-protected
/// .docx/.xlsx (an encrypted package inside an OLE container).
pub const OLE_MAGIC: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];

/// What the first bytes of a file say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    Zip,
    Ole,
    Other,
}

pub fn container(bytes: &[u8]) -> Container {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Container::Zip
    } else if bytes.starts_with(&OLE_MAGIC) {
        Container::Ole
    } else {
        Container::Other
    }
}

pub type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Opens a package and inflates every entry once, counting.
///
/// # Errors
/// [`ImportError::NotZip`] for anything but a zip, [`ImportError::Encrypted`] for an OLE
/// container or an encrypted entry, [`ImportError::DamagedZip`] when an entry does not
/// inflate, [`ImportError::TooLarge`] past [`MAX_UNPACKED`].
pub fn open(bytes: &[u8]) -> Result<Archive<'_>, ImportError> {
    open_limited(bytes, MAX_UNPACKED)
}

/// [`open`] with another limit than [`MAX_UNPACKED`] (for tests).
fn open_limited(bytes: &[u8], limit: u64) -> Result<Archive<'_>, ImportError> {
    match container(bytes) {
        Container::Zip => {}
        Container::Ole => return Err(ImportError::Encrypted),
        Container::Other => return Err(ImportError::NotZip),
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(zip_error)?;
        if entry.encrypted() {
            return Err(ImportError::Encrypted);
        }
        loop {
            let n = entry.read(&mut buf).map_err(|_| ImportError::DamagedZip)?;
            if n == 0 {
                break;
            }
            total += n as u64;
            if total > limit {
                return Err(ImportError::TooLarge);
            }
        }
    }
    Ok(archive)
}

fn zip_error(error: ZipError) -> ImportError {
    match error {
        ZipError::UnsupportedArchive(what) if what.to_lowercase().contains("password") => {
            ImportError::Encrypted
        }
        _ => ImportError::DamagedZip,
    }
}

/// An entry's bytes, `None` when the package has no such entry.
///
/// # Errors
/// [`ImportError::DamagedZip`] when it does not inflate, [`ImportError::TooLarge`] past
/// [`MAX_UNPACKED`] (checked while inflating).
pub fn entry(archive: &mut Archive<'_>, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(zip_error(e)),
    };
    let mut out = Vec::new();
    file.take(MAX_UNPACKED + 1)
        .read_to_end(&mut out)
        .map_err(|_| ImportError::DamagedZip)?;
    if out.len() as u64 > MAX_UNPACKED {
        return Err(ImportError::TooLarge);
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zipped(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn kinds_of_bad_packages() {
        assert_eq!(open(b"hello").err(), Some(ImportError::NotZip));
        assert_eq!(
            open(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]).err(),
            Some(ImportError::Encrypted)
        );
        let good = zipped(&[("a.xml", b"<a/>")]);
        assert!(open(&good).is_ok());
        let mut truncated = good.clone();
        truncated.truncate(good.len() - 10);
        assert_eq!(open(&truncated).err(), Some(ImportError::DamagedZip));
    }

    #[test]
    fn a_zip_bomb_is_refused_while_inflating() {
        let zeros = vec![0u8; 1024 * 1024];
        let entries: Vec<(String, Vec<u8>)> = (0..3)
            .map(|i| (format!("p{i}.xml"), zeros.clone()))
            .collect();
        let refs: Vec<(&str, &[u8])> = entries
            .iter()
            .map(|(n, d)| (n.as_str(), d.as_slice()))
            .collect();
        let bomb = zipped(&refs);
        assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
        // The same check as at 100 MB, at 2 MB: three entries of 1 MB pass it in all.
        assert_eq!(
            open_limited(&bomb, 2 * 1024 * 1024).err(),
            Some(ImportError::TooLarge)
        );
        assert!(open_limited(&bomb, 3 * 1024 * 1024).is_ok());
    }
}
