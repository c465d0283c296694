//! PDF forms: templates, filling, appearances, images, attachments, import.
//! Uses lopdf and the domain only: no web-sys, so it compiles and is tested
//! natively and runs unchanged in the browser.
//!
//! - [`document::FormDocument`] fills any AcroForm PDF: fields by full name
//!   ([`fields`]), appearance streams ([`appearance`]) in Helvetica with
//!   WinAnsiEncoding ([`font`]), PNG images ([`image`], [`png`]),
//!   flattening ([`flatten`]), metadata ([`metadata`]), the JSON attachment
//!   ([`attachment`]) and reproducible output ([`write`]).
//! - [`load`] and [`parse`] read untrusted PDFs within fixed limits (our own
//!   bounded parser, not lopdf's reader); [`import`] gets the draft back out
//!   of a PDF this app made.
//! - [`template`] draws the two blank forms from the content files;
//!   [`renewal`] fills them from a validated form.
//!
//! Nothing here panics on any input: templates, uploaded PDFs, images and
//! user text all come back as typed errors.

pub mod appearance;
pub mod attachment;
pub mod content;
pub mod document;
pub mod fields;
pub mod flatten;
pub mod font;
pub mod image;
pub mod import;
pub mod load;
pub mod metadata;
pub mod objects;
pub mod parse;
pub mod png;
pub mod renewal;
pub mod template;
pub mod text;
pub mod write;

pub use document::FormDocument;
pub use fields::{Field, FieldKind};
pub use import::{extract_draft, extract_json, ImportError, ATTACHMENT_NAME};
pub use load::LoadError;

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

impl PdfError {
    /// The key of the message in the content files.
    pub fn key(&self) -> &'static str {
        match self {
            PdfError::Load(e) => e.key(),
            PdfError::FieldNotFound(_)
            | PdfError::WrongKind { .. }
            | PdfError::NotAnOption { .. }
            | PdfError::PageNotFound(_) => "error.pdf.template",
            PdfError::Unprintable { .. } => "error.pdf.unprintable",
            PdfError::DoesNotFit { .. } | PdfError::TooLong { .. } => "error.pdf.does_not_fit",
            PdfError::Image { .. } => "error.image.invalid",
            PdfError::Write => "error.pdf.write",
        }
    }
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

/// The characters of `text` that the PDF fonts cannot print, for the UI to
/// report before generating (empty when all is well).
pub fn check_printable(text: &str) -> Vec<char> {
    font::unprintable_chars(text)
}
