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
//!   metadata ([`metadata`]), attachments ([`attachment`]) and
//!   reproducible output ([`write`]).
//! - [`load`] and [`parse`] read untrusted PDFs within one budget of
//!   nesting, objects and decompressed bytes.
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

#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub use winansi as font;

pub mod appearance;
pub mod attachment;
mod budget;
pub mod content;
pub mod document;
pub mod fields;
pub mod filter;
pub mod flatten;
pub mod image;
mod lexer;
pub mod load;
pub mod metadata;
pub mod objects;
mod parse;
pub mod png;
pub mod text;
pub mod write;

pub use document::FormDocument;
pub use fields::{Field, FieldKind};
pub use load::{Limits, LoadError};

/// Why a PDF could not be filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The template could not be read.
    Load(LoadError),
    /// The template has no field of this full name.
    FieldNotFound(String),
    WrongKind {
        field: String,
        expected: FieldKind,
        found: FieldKind,
    },
    /// Characters that Helvetica with WinAnsiEncoding cannot print.
    Unprintable {
        field: String,
        chars: Vec<char>,
    },
    /// Too long for the field even at the smallest legible size.
    DoesNotFit {
        field: String,
    },
    /// More characters than the field's `/MaxLen`.
    TooLong {
        field: String,
        max_len: u32,
    },
    /// Not one of a radio group's or choice field's export values.
    NotAnOption {
        field: String,
        value: String,
    },
    Image {
        field: String,
        error: png::PngError,
    },
    /// No page with this (0-based) index.
    PageNotFound(usize),
    /// Serialising the document failed (out of memory, in practice).
    Write,
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::Load(e) => e.fmt(f),
            PdfError::FieldNotFound(n) => write!(f, "the template has no field named {n:?}"),
            PdfError::WrongKind {
                field,
                expected,
                found,
            } => {
                write!(f, "field {field:?} is a {found} field, expected {expected}")
            }
            PdfError::Unprintable { field, chars } => {
                let list: Vec<String> = chars
                    .iter()
                    .map(|c| format!("{c:?} (U+{:04X})", u32::from(*c)))
                    .collect();
                write!(
                    f,
                    "field {field:?} has characters the PDF font cannot print: {}",
                    list.join(", ")
                )
            }
            PdfError::DoesNotFit { field } => write!(
                f,
                "the text of field {field:?} does not fit, even at the smallest size"
            ),
            PdfError::TooLong { field, max_len } => {
                write!(f, "field {field:?} takes at most {max_len} characters")
            }
            PdfError::NotAnOption { field, value } => {
                write!(f, "{value:?} is not an option of field {field:?}")
            }
            PdfError::Image { field, error } => write!(f, "image for field {field:?}: {error}"),
            PdfError::PageNotFound(i) => write!(f, "the document has no page {}", i + 1),
            PdfError::Write => f.write_str("the PDF could not be written"),
        }
    }
}

impl std::error::Error for PdfError {}

/// A calendar date, for the dates a PDF carries (`D:YYYYMMDD`, XMP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
