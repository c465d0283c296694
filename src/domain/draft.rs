//! The form as the user typed it, and its versioned storage schema.
//!
//! Every field is kept as raw text so nothing typed is ever lost, even when
//! invalid; [`super::form::validate`] turns a draft into typed values. A
//! stored draft is a JSON envelope `{"schema": N, "draft": {...}}`: reading
//! one migrates older schemas and refuses newer or broken ones with a
//! [`DraftLoadError`], never a panic.

use serde::{Deserialize, Serialize};

/// The schema version written by this build.
pub const SCHEMA_VERSION: u32 = 1;

/// The largest stored draft this app reads (images included).
pub const MAX_DRAFT_BYTES: usize = 24 * 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub company: CompanyDraft,
    pub activations: String,
    /// The chosen support tier's id from content, empty when none.
    pub tier: String,
    pub form_signing: SigningDraft,
    pub conditions: ConditionsDraft,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompanyDraft {
    pub ragione_sociale: String,
    pub partita_iva: String,
    /// Blank means "the same as the Partita IVA".
    pub codice_fiscale: String,
    pub indirizzo: String,
    pub cap: String,
    pub comune: String,
    pub provincia: String,
    pub email: String,
    pub pec: String,
    pub sdi: String,
    pub telefono: String,
    pub codice_cliente: String,
    pub rappr_nome: String,
    pub rappr_cognome: String,
    pub rappr_cf: String,
}

/// How the user signs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureMethod {
    #[default]
    Drawn,
    Typed,
    Uploaded,
    /// Left blank, to be signed by hand after printing.
    Handwritten,
    /// Left for a qualified digital signature (firma digitale, PAdES).
    Digital,
}

impl SignatureMethod {
    pub const ALL: [SignatureMethod; 5] = [
        SignatureMethod::Drawn,
        SignatureMethod::Typed,
        SignatureMethod::Uploaded,
        SignatureMethod::Handwritten,
        SignatureMethod::Digital,
    ];

    pub fn id(self) -> &'static str {
        match self {
            SignatureMethod::Drawn => "drawn",
            SignatureMethod::Typed => "typed",
            SignatureMethod::Uploaded => "uploaded",
            SignatureMethod::Handwritten => "handwritten",
            SignatureMethod::Digital => "digital",
        }
    }
}

/// One signature as entered: the method and what each method holds, so that
/// switching method back and forth loses nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignatureDraft {
    pub method: SignatureMethod,
    /// `data:image/png;base64,...` of the ink, cropped, transparent.
    pub drawn_png: String,
    pub typed: String,
    /// The typed name rendered by the browser, as a PNG data URL.
    pub typed_png: String,
    pub uploaded_png: String,
}

/// Stamp and signature with signer, place and date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SigningDraft {
    pub signer: String,
    pub place: String,
    /// `YYYY-MM-DD`, as `<input type=date>` gives it.
    pub date: String,
    pub signature: SignatureDraft,
    pub stamp_png: String,
    /// The stamp will be applied by hand on the printed form.
    pub stamp_by_hand: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConditionsDraft {
    pub accepted: bool,
    /// Reuse the form's stamp and signature for the conditions.
    pub reuse_form_signing: bool,
    pub signing: SigningDraft,
    /// Specific approval of the onerous clauses (artt. 1341 e 1342 c.c.).
    pub onerous_approved: bool,
    pub onerous_signature: SignatureDraft,
}

/// A draft with the app step it was on, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredDraft {
    pub schema: u32,
    /// The route the user was on (e.g. "azienda"); free text, checked by the UI.
    #[serde(default)]
    pub step: String,
    pub draft: Draft,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftLoadError {
    TooLarge,
    /// Not JSON, or not the shape of any known schema.
    Unreadable,
    /// Written by a newer version of the app.
    NewerSchema(u32),
}

impl StoredDraft {
    pub fn new(step: &str, draft: Draft) -> StoredDraft {
        StoredDraft {
            schema: SCHEMA_VERSION,
            step: step.to_string(),
            draft,
        }
    }

    pub fn to_json(&self) -> String {
        // Serialising plain strings and bools cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored draft of any known schema version.
    pub fn from_json(json: &str) -> Result<StoredDraft, DraftLoadError> {
        if json.len() > MAX_DRAFT_BYTES {
            return Err(DraftLoadError::TooLarge);
        }
        #[derive(Deserialize)]
        struct Envelope {
            schema: u32,
        }
        let env: Envelope = serde_json::from_str(json).map_err(|_| DraftLoadError::Unreadable)?;
        match env.schema {
            SCHEMA_VERSION => serde_json::from_str(json).map_err(|_| DraftLoadError::Unreadable),
            n if n > SCHEMA_VERSION => Err(DraftLoadError::NewerSchema(n)),
            _ => Err(DraftLoadError::Unreadable),
        }
    }
}
