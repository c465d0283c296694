//! Rinnovo's PDFs: the two blank templates drawn from the content files
//! ([`template`]), filled from a validated form ([`renewal`]), the draft read
//! back from a PDF this app made ([`import`]), and the jobs the PDF worker
//! runs ([`jobs`]). Built on the generic [`acroform`] engine and on
//! [`rinnovo_core`]; the page never links this crate.

pub mod fonts;
pub mod import;
pub mod jobs;
pub mod paper;
pub mod renewal;
pub mod template;

use acroform::{LoadError, PdfError};

pub use import::{extract_draft, extract_json, ImportError, ATTACHMENT_NAME};

/// The engine's font types, for the worker and the command that hand the
/// documents their font.
pub use acroform::truetype as acroform_font;

/// All the filled PDFs take from the content, resolved when this crate was
/// built (`build.rs`): the PDF worker validates and fills with it, and
/// parses no JSON. `tests/jobs.rs` holds it equal to
/// `PdfTexts::new(&Content::embedded()?)`.
pub static PDF_TEXTS: rinnovo_core::content::PdfTexts<'static> =
    include!(concat!(env!("OUT_DIR"), "/pdf_texts.rs"));

/// The language of the documents (their text is Italian), as the PDFs
/// declare it.
pub const LANGUAGE: &str = "it-IT";

/// The PDF/A conformance every document claims: PDF/A-3b (ISO 19005-3,
/// basic), which allows the JSON data as an associated file. `docs/pdfa.md`
/// lists the requirements and how each is checked.
pub const PDFA: acroform::pdfa::PdfAId = acroform::pdfa::PdfAId {
    part: 3,
    conformance: 'B',
};

/// sRGB IEC61966-2.1 (`assets/icc`, zlib licence): what the documents'
/// RGB and gray colours mean, their PDF/A output intent.
pub const OUTPUT_INTENT: acroform::pdfa::OutputIntent<'static> = acroform::pdfa::OutputIntent {
    icc_profile: include_bytes!("../../../assets/icc/sRGB.icc"),
    components: 3,
    condition: "sRGB IEC61966-2.1",
};

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
        | PdfError::PageNotFound(_)
        | PdfError::NoOutputIntent => "error.pdf.template",
        PdfError::Unprintable { .. } => "error.pdf.unprintable",
        PdfError::DoesNotFit { .. } | PdfError::TooLong { .. } => "error.pdf.does_not_fit",
        PdfError::Image { .. } => "error.image.invalid",
        PdfError::Font(_) | PdfError::Write => "error.pdf.write",
    }
}
