//! Fill, flatten and read PDF AcroForms, on top of [lopdf]'s object model.
//!
//! Nothing here knows what the forms are for. The crate reads any AcroForm
//! PDF (including files that are damaged, or built to exhaust a reader),
//! lists its fields by full name, fills text fields, check boxes, radio
//! groups, choices and push-button images with their appearance streams,
//! flattens them into the page, attaches files, sets metadata and writes
//! reproducible bytes.
//!
//! - [`FormDocument`] fills a form: fields by full name ([`fields`]),
//!   appearance streams ([`appearance`]) in Helvetica with WinAnsiEncoding
//!   ([`font`]), PNG images ([`image`], [`png`]), flattening ([`flatten`]),
//!   metadata ([`metadata`]), attachments ([`attachment`]), page labels
//!   painted again after documents are joined ([`pagination`]) and
//!   reproducible output ([`write`](mod@write)).
//! - [`load`] reads untrusted PDFs within one budget of nesting, objects
//!   and decompressed bytes ([`Limits`]).
//!
//! Nothing panics on any input: PDFs, images and text all come back as
//! typed errors.
//!
//! ```
//! use acroform::{FieldKind, FormDocument};
//!
//! // Any AcroForm PDF: here, one page with one text field named "name".
//! let template = b"%PDF-1.7
//! 1 0 obj << /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >> endobj
//! 2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
//! 3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 60] /Annots [4 0 R] >> endobj
//! 4 0 obj << /Type /Annot /Subtype /Widget /FT /Tx /T (name) /Rect [10 10 190 40] /P 3 0 R >> endobj
//! trailer << /Root 1 0 R >>
//! %%EOF";
//!
//! let mut form = FormDocument::load(template)?;
//! assert_eq!(form.fields()[0].name, "name");
//! assert_eq!(form.fields()[0].kind, FieldKind::Text);
//!
//! form.set_text("name", "Renée Müller")?; // value and appearance stream
//! form.flatten(|_| false); // paint every field into the page
//! let pdf: Vec<u8> = form.to_bytes()?; // the same bytes for the same input
//! assert!(FormDocument::load(&pdf)?.fields().is_empty());
//!
//! // A hostile or broken file is an error, never a panic.
//! let bomb = [b"%PDF-1.7\n1 0 obj ".as_slice(), &[b'['; 100_000]].concat();
//! assert_eq!(
//!     FormDocument::load(&bomb).err(),
//!     Some(acroform::PdfError::Load(acroform::LoadError::Hostile))
//! );
//! # Ok::<(), acroform::PdfError>(())
//! ```

#![deny(missing_docs)]

pub mod document;
pub mod font;
pub mod form;
pub mod pdf;
pub mod read;
pub mod write;

// The public paths from before the parts had folders.
pub use font::{subset, text, truetype};
pub use form::{appearance, fields, flatten, image, png};
pub use pdf::{content, objects, serialize};
pub use read::{filter, load};
pub use write::{attachment, metadata, pagination, pdfa};

pub use document::FormDocument;
pub use fields::{Field, FieldKind};
pub use load::{Allowance, Limits, LoadError};

/// Why a PDF could not be filled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The template could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The template has no field of this full name.
    #[error("the template has no field named {0:?}")]
    FieldNotFound(String),
    /// The field exists but is of another kind than the operation needs,
    /// such as [`FormDocument::set_text`] on a check box.
    #[error("field {field:?} is a {found} field, expected {expected}")]
    WrongKind {
        /// The field's full name.
        field: String,
        /// The kind the operation works on (the first, if several).
        expected: FieldKind,
        /// The field's kind.
        found: FieldKind,
    },
    /// Characters that Helvetica with WinAnsiEncoding cannot print.
    #[error(
        "field {field:?} has characters the PDF font cannot print: {}",
        char_list(chars)
    )]
    Unprintable {
        /// The field's full name.
        field: String,
        /// The characters, each once, in the order they first appear.
        chars: Vec<char>,
    },
    /// Too long for the field even at the smallest legible size.
    #[error("the text of field {field:?} does not fit, even at the smallest size")]
    DoesNotFit {
        /// The field's full name.
        field: String,
    },
    /// More characters than the field's `/MaxLen`.
    #[error("field {field:?} takes at most {max_len} characters")]
    TooLong {
        /// The field's full name.
        field: String,
        /// The field's `/MaxLen`.
        max_len: u32,
    },
    /// Not one of a radio group's or choice field's export values.
    #[error("{value:?} is not an option of field {field:?}")]
    NotAnOption {
        /// The field's full name.
        field: String,
        /// The value asked for.
        value: String,
    },
    /// The image for a push button could not be decoded.
    #[error("image for field {field:?}: {error}")]
    Image {
        /// The field's full name.
        field: String,
        /// Why the PNG was refused.
        #[source]
        error: png::PngError,
    },
    /// No page with this (0-based) index.
    #[error("the document has no page {}", .0 + 1)]
    PageNotFound(usize),
    /// The template declares no PDF/A output intent to keep.
    #[error("the template has no PDF/A output intent")]
    NoOutputIntent,
    /// The embedded font could not be read or subset.
    #[error(transparent)]
    Font(#[from] truetype::FontError),
    /// Serialising the document failed (out of memory, in practice).
    #[error("the PDF could not be written")]
    Write,
}

/// `'é' (U+00E9), 'Ł' (U+0141)`: each character shown and named.
fn char_list(chars: &[char]) -> String {
    chars
        .iter()
        .map(|c| format!("{c:?} (U+{:04X})", u32::from(*c)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A calendar date, for the dates a PDF carries (`D:YYYYMMDD`, XMP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, such as 2026.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
}

impl Date {
    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Damaged fonts per property test: 256 in `cargo test`, more with
    /// `RINNOVO_FUZZ_FONT_CASES` (`scripts/fuzz`).
    pub(crate) fn font_fuzz_cases() -> u32 {
        std::env::var("RINNOVO_FUZZ_FONT_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(256)
    }
    use std::error::Error as _;

    #[test]
    fn errors_read_as_before_and_name_their_cause() {
        let load = PdfError::from(LoadError::Hostile);
        assert_eq!(load.to_string(), LoadError::Hostile.to_string());

        let unprintable = PdfError::Unprintable {
            field: "name".into(),
            chars: vec!['Ł', '€'],
        };
        assert_eq!(
            unprintable.to_string(),
            "field \"name\" has characters the PDF font cannot print: 'Ł' (U+0141), '€' (U+20AC)"
        );

        let image = PdfError::Image {
            field: "stamp".into(),
            error: png::PngError::Corrupt,
        };
        assert_eq!(
            image.to_string(),
            "image for field \"stamp\": the PNG image is damaged"
        );
        assert_eq!(
            image.source().map(|e| e.to_string()),
            Some(png::PngError::Corrupt.to_string())
        );

        assert_eq!(
            PdfError::PageNotFound(0).to_string(),
            "the document has no page 1"
        );
    }
}
