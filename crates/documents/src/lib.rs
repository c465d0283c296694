//! Rinnovo's PDFs: the two blank templates drawn from the content files
//! ([`template`]), filled from a validated form ([`renewal`]), the draft read
//! back from a PDF this app made ([`import`]), and the jobs the PDF worker
//! runs ([`jobs`]). Built on the generic [`acroform`] engine and on
//! [`rinnovo_core`]; the page never links this crate.

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

pub mod import;
pub mod jobs;
pub mod renewal;
pub mod template;

use acroform::{LoadError, PdfError};

pub use import::{extract_draft, extract_json, ImportError, ATTACHMENT_NAME};

/// The language of the documents (their text is Italian), as the PDFs
/// declare it.
pub const LANGUAGE: &str = "it-IT";

/// The engine's date for a date of the domain.
pub fn pdf_date(d: rinnovo_core::domain::ids::Date) -> acroform::Date {
    acroform::Date {
        year: d.year,
        month: d.month,
        day: d.day,
    }
}

/// The key, in the content files, of the message for a PDF that could not
/// be read.
pub fn load_message_key(e: LoadError) -> &'static str {
    match e {
        LoadError::TooLarge => "error.pdf.too_large",
        LoadError::NotPdf => "error.pdf.not_pdf",
        LoadError::Encrypted => "error.pdf.encrypted",
        LoadError::Damaged => "error.pdf.damaged",
        LoadError::Hostile => "error.pdf.hostile",
    }
}

/// The key, in the content files, of the message for a PDF that could not
/// be made.
pub fn message_key(e: &PdfError) -> &'static str {
    match e {
        PdfError::Load(e) => load_message_key(*e),
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
