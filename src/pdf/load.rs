//! Reading a PDF that may be hostile: a file the user dropped, a template a
//! vendor swapped in. A linear pre-scan refuses what could make parsing work
//! without bound (nesting of arrays, dictionaries and strings; the number of
//! object streams and objects) and any `/Encrypt` entry; then [`super::parse`]
//! reads the file with its own caps on nesting, object count and
//! decompressed bytes. Every refusal is a [`LoadError`] the caller can show.

use super::parse::find;
use lopdf::Document;

/// The largest file accepted, in bytes.
pub const MAX_PDF_BYTES: usize = 20 * 1024 * 1024;
/// The deepest nesting of arrays and dictionaries accepted. Real files use a
/// handful of levels; lopdf's recursive parser stops at 100, deeper than a
/// browser's stack comfortably allows.
pub const MAX_NESTING: usize = 32;
/// The deepest nesting of parentheses inside a literal string.
pub const MAX_STRING_NESTING: usize = 32;
/// Object and cross-reference streams are decompressed while loading; this
/// many of them at most, each to at most [`MAX_STREAM_BYTES`].
pub const MAX_COMPRESSED_SECTIONS: usize = 64;
pub const MAX_STREAM_BYTES: usize = 8 * 1024 * 1024;
/// The most indirect objects a file may declare.
pub const MAX_OBJECTS: usize = 200_000;

/// Why a PDF could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LoadError {
    TooLarge,
    /// No `%PDF-` header: not a PDF at all.
    NotPdf,
    Encrypted,
    /// Truncated or broken beyond repair.
    Damaged,
    /// Built to exhaust the reader: nesting, object streams or object count
    /// past the limits above.
    Hostile,
}

impl LoadError {
    pub fn key(self) -> &'static str {
        match self {
            LoadError::TooLarge => "error.pdf.too_large",
            LoadError::NotPdf => "error.pdf.not_pdf",
            LoadError::Encrypted => "error.pdf.encrypted",
            LoadError::Damaged => "error.pdf.damaged",
            LoadError::Hostile => "error.pdf.hostile",
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LoadError::TooLarge => "the file is larger than 20 MB",
            LoadError::NotPdf => "the file is not a PDF",
            LoadError::Encrypted => "the PDF is encrypted",
            LoadError::Damaged => "the PDF is damaged or truncated",
            LoadError::Hostile => {
                "the PDF is built in a way this reader refuses (too deep or too large)"
            }
        })
    }
}

/// Loads a PDF within the limits above.
pub fn load(bytes: &[u8]) -> Result<Document, LoadError> {
    if bytes.len() > MAX_PDF_BYTES {
        return Err(LoadError::TooLarge);
    }
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(LoadError::NotPdf);
    }
    let scan = prescan(bytes)?;
    if scan.encrypt {
        return Err(LoadError::Encrypted);
    }
    let doc = super::parse::parse(bytes)?;
    if doc.objects.len() > MAX_OBJECTS {
        return Err(LoadError::Hostile);
    }
    Ok(doc)
}

/// What the scan found.
#[derive(Debug, Default)]
struct Scan {
    encrypt: bool,
}

/// One pass over the bytes as PDF tokens (PDF 32000-1, 7.2 and 7.3): skips
/// comments, strings and stream data, tracks the nesting of `[` and `<<`,
/// counts object and cross-reference streams and indirect objects, and notes
/// an `/Encrypt` name outside streams. Linear time, constant memory.
fn prescan(bytes: &[u8]) -> Result<Scan, LoadError> {
    let mut scan = Scan::default();
    let mut depth: usize = 0;
    let mut sections: usize = 0;
    let mut objects: usize = 0;
    let mut i = 0;
    let n = bytes.len();
    let at = |k: usize| bytes.get(k).copied();
    let is_delim = |b: u8| b"()<>[]{}/%".contains(&b) || is_space(b);
    while i < n {
        let b = bytes[i];
        match b {
            b'%' => {
                while i < n && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                let mut nest = 0usize;
                while i < n {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'(' => {
                            nest += 1;
                            if nest > MAX_STRING_NESTING {
                                return Err(LoadError::Hostile);
                            }
                        }
                        b')' => {
                            nest = nest.saturating_sub(1);
                            if nest == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            b'<' if at(i + 1) == Some(b'<') => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(LoadError::Hostile);
                }
                i += 2;
            }
            b'<' => {
                while i < n && bytes[i] != b'>' {
                    i += 1;
                }
                i += 1;
            }
            b'>' if at(i + 1) == Some(b'>') => {
                depth = depth.saturating_sub(1);
                i += 2;
            }
            b'[' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(LoadError::Hostile);
                }
                i += 1;
            }
            b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'/' => {
                let start = i + 1;
                i += 1;
                while i < n && !is_delim(bytes[i]) {
                    i += 1;
                }
                let name = bytes.get(start..i).unwrap_or_default();
                match name {
                    b"Encrypt" => scan.encrypt = true,
                    b"ObjStm" | b"XRef" => {
                        sections += 1;
                        if sections > MAX_COMPRESSED_SECTIONS {
                            return Err(LoadError::Hostile);
                        }
                    }
                    _ => {}
                }
            }
            _ if b.is_ascii_alphabetic() => {
                let start = i;
                while i < n && !is_delim(bytes[i]) {
                    i += 1;
                }
                match bytes.get(start..i).unwrap_or_default() {
                    b"obj" => {
                        objects += 1;
                        if objects > MAX_OBJECTS {
                            return Err(LoadError::Hostile);
                        }
                        // A new object starts at depth 0 whatever a broken
                        // previous one left open.
                        depth = 0;
                    }
                    b"stream" => {
                        // Stream data is binary: skip to its `endstream`.
                        match find(bytes, i, b"endstream") {
                            Some(end) => i = end + b"endstream".len(),
                            None => i = n,
                        }
                        depth = 0;
                    }
                    _ => {}
                }
            }
            _ => i += 1,
        }
    }
    Ok(scan)
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_deep_nesting_before_parsing() {
        let mut pdf = b"%PDF-1.7\n1 0 obj\n".to_vec();
        pdf.extend(std::iter::repeat_n(b'[', 10_000));
        assert_eq!(load(&pdf).err(), Some(LoadError::Hostile));
    }

    #[test]
    fn refuses_what_is_not_a_pdf() {
        assert_eq!(load(b"hello").err(), Some(LoadError::NotPdf));
        assert_eq!(load(b"").err(), Some(LoadError::NotPdf));
    }

    #[test]
    fn stream_data_does_not_count_as_nesting() {
        let mut pdf = b"%PDF-1.7\n1 0 obj\n<< /Length 5000 >>\nstream\n".to_vec();
        pdf.extend(std::iter::repeat_n(b'[', 5000));
        pdf.extend(b"\nendstream\nendobj\n");
        assert!(prescan(&pdf).is_ok());
    }
}
