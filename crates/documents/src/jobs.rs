//! Runs the PDF work the page hands to its web worker: a
//! [`Job`](rinnovo_core::jobs::Job) in, an
//! [`Outcome`](rinnovo_core::jobs::Outcome) out (the messages are in the
//! core, so the page knows them without linking this crate). Pure, so it is
//! tested natively; the worker (`crates/worker`) only moves the values across
//! `postMessage`.

use crate::{import, renewal};
use rinnovo_core::content::Content;
use rinnovo_core::domain::draft::StoredDraft;
use rinnovo_core::domain::form::{self, Rules};
use rinnovo_core::jobs::{Doc, Job, Outcome};

/// Runs a job. `bytes` is the PDF to import; the returned bytes are the PDF
/// made. Never panics.
pub fn run(job: &Job, bytes: &[u8], content: &Content) -> (Outcome, Vec<u8>) {
    match job {
        Job::Fill { doc, draft } => fill(*doc, draft, content),
        Job::Import => match import::extract_draft(bytes) {
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
            let file_name = doc.file_name(&form);
            (Outcome::Pdf { file_name }, bytes)
        }
        Err(e) => (error(crate::message_key(&e)), Vec::new()),
    }
}
