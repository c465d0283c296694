//! The PDF work the app hands to its web worker, as plain data: a [`Job`]
//! in, an [`Outcome`] out. Keeping it pure means it is tested natively, and
//! the browser's main thread never loads lopdf nor waits on a PDF: the UI
//! stays responsive and a hostile PDF can at worst stall a worker, which
//! the app then terminates.
//!
//! The worker (`src/bin/pdf-worker.rs`) only moves these values across
//! `postMessage`; the main thread's side is `ui::worker`.

use crate::content::Content;
use crate::domain::draft::StoredDraft;
use crate::domain::form::{self, Rules};
use crate::pdf::{self, renewal};
use serde::{Deserialize, Serialize};

/// Which document to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Doc {
    SupportForm,
    Conditions,
    Both,
}

impl Doc {
    pub const ALL: [Doc; 3] = [Doc::Both, Doc::SupportForm, Doc::Conditions];

    pub fn id(self) -> &'static str {
        match self {
            Doc::SupportForm => "support-form",
            Doc::Conditions => "conditions",
            Doc::Both => "both",
        }
    }

    fn file_prefix(self) -> &'static str {
        match self {
            Doc::SupportForm => "Oripan_Modulo_Assistenza",
            Doc::Conditions => "Oripan_Condizioni_Generali",
            Doc::Both => "Oripan_Rinnovo_Assistenza",
        }
    }
}

/// A request to the worker. The bytes of a PDF to import travel beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "kebab-case")]
pub enum Job {
    /// Fill `doc` from the stored draft (its JSON, as saved).
    Fill { doc: Doc, draft: String },
    /// Read the draft embedded in the PDF sent beside the job.
    Import,
}

/// The worker's answer. A PDF's bytes travel beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// The PDF is beside this message; save it under `file_name`.
    Pdf { file_name: String },
    /// The draft read from a PDF, as stored-draft JSON.
    Draft { draft: String },
    /// The draft is not valid (the UI lists the errors itself).
    Invalid,
    /// The message key of what went wrong.
    Error { key: String },
}

/// Runs a job. `bytes` is the PDF to import; the returned bytes are the PDF
/// made. Never panics.
pub fn run(job: &Job, bytes: &[u8], content: &Content) -> (Outcome, Vec<u8>) {
    match job {
        Job::Fill { doc, draft } => fill(*doc, draft, content),
        Job::Import => match pdf::extract_draft(bytes) {
            Ok(stored) => (
                Outcome::Draft {
                    draft: stored.to_json(),
                },
                Vec::new(),
            ),
            Err(e) => (error(e.key()), Vec::new()),
        },
    }
}

fn error(key: &str) -> Outcome {
    Outcome::Error {
        key: key.to_string(),
    }
}

fn fill(doc: Doc, draft_json: &str, content: &Content) -> (Outcome, Vec<u8>) {
    let Ok(stored) = StoredDraft::from_json(draft_json) else {
        return (error("error.pdf.unreadable_data"), Vec::new());
    };
    let tier_ids: Vec<&str> = content.site.tiers.iter().map(|t| t.id.as_str()).collect();
    let rules = Rules {
        activations: content.site.activations,
        province: &content.province,
        tier_ids: &tier_ids,
    };
    let form = match form::validate(&stored.draft, &rules) {
        Ok(form) => form,
        Err(_errors) => return (Outcome::Invalid, Vec::new()),
    };
    // The attachment carries only what the PDF uses (see `Draft::in_use`).
    let json = StoredDraft::new(&stored.step, stored.draft.in_use()).to_json();
    let made = match doc {
        Doc::SupportForm => {
            renewal::fill_support_form(renewal::SUPPORT_FORM_TEMPLATE, &form, &json, content)
        }
        Doc::Conditions => {
            renewal::fill_conditions(renewal::CONDITIONS_TEMPLATE, &form, &json, content)
        }
        Doc::Both => renewal::fill_merged(
            renewal::SUPPORT_FORM_TEMPLATE,
            renewal::CONDITIONS_TEMPLATE,
            &form,
            &json,
            content,
            renewal::Options::default(),
        ),
    };
    match made {
        Ok(bytes) => {
            let file_name = renewal::file_name(
                doc.file_prefix(),
                &form.company.ragione_sociale,
                form.form_signing.date,
            );
            (Outcome::Pdf { file_name }, bytes)
        }
        Err(e) => (error(e.key()), Vec::new()),
    }
}
