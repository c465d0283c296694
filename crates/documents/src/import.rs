//! "Resume from a PDF": the draft this app embedded in a PDF it made, read
//! back. Every way a file can fail is an [`ImportError`] variant; the work is
//! bounded by the guarded loader and by the cap on the attachment's size.

use acroform::attachment::{self, AttachmentError};
use acroform::load::{self, LoadError};
use rinnovo_core::domain::draft::{DraftLoadError, StoredDraft, MAX_DRAFT_BYTES};

/// The name of the embedded file that holds the draft.
pub const ATTACHMENT_NAME: &str = "rinnovo-dati.json";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file itself: too large, not a PDF, encrypted, damaged, hostile.
    Pdf(LoadError),
    /// A PDF, but without this app's data attachment.
    NoAttachment,
    /// The attachment is there but cannot be decompressed.
    AttachmentDamaged,
    AttachmentTooLarge,
    /// The attachment is not a draft this version can read.
    Draft(DraftLoadError),
}

impl ImportError {
    /// The key of the message in the content files.
    pub fn key(&self) -> &'static str {
        match self {
            ImportError::Pdf(e) => crate::load_message_key(*e),
            ImportError::NoAttachment => "error.pdf.no_attachment",
            ImportError::AttachmentDamaged => "error.pdf.damaged",
            ImportError::AttachmentTooLarge => "error.pdf.too_large",
            ImportError::Draft(DraftLoadError::NewerSchema(_)) => "error.pdf.newer_schema",
            ImportError::Draft(_) => "error.pdf.unreadable_data",
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Pdf(e) => e.fmt(f),
            ImportError::NoAttachment => write!(f, "the PDF has no {ATTACHMENT_NAME} attachment"),
            ImportError::AttachmentDamaged => f.write_str("the data attachment is damaged"),
            ImportError::AttachmentTooLarge => f.write_str("the data attachment is too large"),
            ImportError::Draft(DraftLoadError::NewerSchema(n)) => {
                write!(
                    f,
                    "the data was written by a newer version of the app (schema {n})"
                )
            }
            ImportError::Draft(_) => f.write_str("the data attachment is not a readable draft"),
        }
    }
}

/// The embedded JSON, as text.
pub fn extract_json(pdf: &[u8]) -> Result<String, ImportError> {
    let doc = load::load(pdf).map_err(ImportError::Pdf)?;
    let bytes = attachment::read(&doc, ATTACHMENT_NAME, MAX_DRAFT_BYTES).map_err(|e| match e {
        AttachmentError::Missing => ImportError::NoAttachment,
        AttachmentError::Damaged => ImportError::AttachmentDamaged,
        AttachmentError::TooLarge => ImportError::AttachmentTooLarge,
    })?;
    String::from_utf8(bytes).map_err(|_| ImportError::Draft(DraftLoadError::Unreadable))
}

/// The draft embedded in a PDF this app made, migrated if older.
pub fn extract_draft(pdf: &[u8]) -> Result<StoredDraft, ImportError> {
    let json = extract_json(pdf)?;
    StoredDraft::from_json(&json).map_err(ImportError::Draft)
}
