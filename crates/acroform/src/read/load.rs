//! Reading a PDF that may be hostile: a file a user dropped, a template a
//! vendor swapped in, a contract that came back by e-mail. [`load`] checks
//! the size and the header, then the parser reads the file within one budget
//! of the [`Limits`]; every refusal is a [`LoadError`] the caller can show.

use super::budget::Budget;
pub use super::budget::{Allowance, Limits, LoadError, MAX_DEPTH, MAX_PDF_BYTES};
use lopdf::Document;

/// Loads a PDF within the default [`Limits`].
pub fn load(bytes: &[u8]) -> Result<Document, LoadError> {
    load_with(bytes, Limits::default())
}

/// Loads a PDF within `limits`.
pub fn load_with(bytes: &[u8], limits: Limits) -> Result<Document, LoadError> {
    if bytes.len() > limits.max_file_bytes {
        return Err(LoadError::TooLarge);
    }
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(LoadError::NotPdf);
    }
    let mut budget = Budget::new(limits, bytes.len());
    super::parse::parse(bytes, &mut budget)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_deep_nesting() {
        let mut pdf = b"%PDF-1.7\n1 0 obj\n".to_vec();
        pdf.extend(std::iter::repeat_n(b'[', 1_000_000));
        assert_eq!(load(&pdf).err(), Some(LoadError::Hostile));
    }

    #[test]
    fn refuses_what_is_not_a_pdf() {
        assert_eq!(load(b"hello").err(), Some(LoadError::NotPdf));
        assert_eq!(load(b"").err(), Some(LoadError::NotPdf));
    }

    #[test]
    fn refuses_what_is_too_large() {
        let limits = Limits {
            max_file_bytes: 10,
            ..Limits::default()
        };
        assert_eq!(
            load_with(b"%PDF-1.7\n12345", limits).err(),
            Some(LoadError::TooLarge)
        );
    }
}
