//! "Resume from a PDF": the draft this app embedded in a PDF it made, read
//! back. Every way a file can fail is an [`ImportError`] variant; the work is
//! bounded by the guarded loader and by the cap on the attachment's size.

use acroform::attachment::{self, AttachmentError};
use acroform::load::{self, LoadError};
use rinnovo_core::domain::draft::{DraftLoadError, StoredDraft, MAX_DRAFT_BYTES};

/// The name of the embedded file that holds the draft.
pub const ATTACHMENT_NAME: &str = "rinnovo-dati.json";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file itself: too large, not a PDF, encrypted, damaged, hostile.
    #[error(transparent)]
    Pdf(#[from] LoadError),
    /// A PDF, but without this app's data attachment.
    #[error("the PDF has no {ATTACHMENT_NAME} attachment")]
    NoAttachment,
    /// The attachment is there but cannot be decompressed.
    #[error("the data attachment is damaged")]
    AttachmentDamaged,
    /// The attachment decompresses to more than a draft may hold.
    #[error("the data attachment is too large")]
    AttachmentTooLarge,
    /// The attachment is not a draft this version can read.
    #[error("{}", draft_message(.0))]
    Draft(#[from] DraftLoadError),
}

/// The attachment's refusals, in this app's terms.
impl From<AttachmentError> for ImportError {
    fn from(e: AttachmentError) -> Self {
        match e {
            AttachmentError::Missing => ImportError::NoAttachment,
            AttachmentError::Damaged => ImportError::AttachmentDamaged,
            AttachmentError::TooLarge => ImportError::AttachmentTooLarge,
        }
    }
}

/// A newer schema is named, as the user can act on it (update the app);
/// every other draft error reads the same.
fn draft_message(e: &DraftLoadError) -> String {
    match e {
        DraftLoadError::NewerSchema(n) => {
            format!("the data was written by a newer version of the app (schema {n})")
        }
        _ => "the data attachment is not a readable draft".to_string(),
    }
}

impl ImportError {
    /// The key of the message in the content files.
    pub fn key(&self) -> &'static str {
        match self {
            ImportError::Pdf(e) => crate::load_message_key(*e),
            ImportError::NoAttachment => "error.pdf.no_attachment",
            ImportError::AttachmentDamaged => "error.pdf.damaged",
            ImportError::AttachmentTooLarge => "error.pdf.too_large",
            ImportError::Draft(e) => e.key(),
        }
    }
}

/// The embedded JSON, as text.
pub fn extract_json(pdf: &[u8]) -> Result<String, ImportError> {
    let doc = load::load(pdf)?;
    let bytes = attachment::read(&doc, ATTACHMENT_NAME, MAX_DRAFT_BYTES)?;
    String::from_utf8(bytes).map_err(|_| ImportError::Draft(DraftLoadError::Unreadable))
}

/// The draft embedded in a PDF this app made, migrated if older.
pub fn extract_draft(pdf: &[u8]) -> Result<StoredDraft, ImportError> {
    let json = extract_json(pdf)?;
    Ok(StoredDraft::from_json(&json)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_layer_converts_into_an_import_error_with_its_message() {
        assert_eq!(
            ImportError::from(LoadError::Encrypted).to_string(),
            LoadError::Encrypted.to_string()
        );
        assert_eq!(
            ImportError::from(AttachmentError::Missing),
            ImportError::NoAttachment
        );
        assert_eq!(
            ImportError::from(AttachmentError::TooLarge),
            ImportError::AttachmentTooLarge
        );
        assert_eq!(
            ImportError::from(DraftLoadError::NewerSchema(9)).to_string(),
            "the data was written by a newer version of the app (schema 9)"
        );
        assert_eq!(
            ImportError::from(DraftLoadError::Unreadable).to_string(),
            "the data attachment is not a readable draft"
        );
    }
}
