//! Runs the PDF work the page hands to its web worker: a [`Job`] in, an
//! [`Outcome`] out (the messages are in the core, so the page knows them
//! without linking this crate). Pure, so it is
//! tested natively; the worker (`crates/worker`) only moves the values across
//! `postMessage`.

use crate::{import, renewal};
use acroform::truetype::FontProgram;
use rinnovo_core::content::PdfTexts;
use rinnovo_core::domain::draft::Draft;
use rinnovo_core::domain::form;
use rinnovo_core::jobs::{Doc, Job, Outcome};
use std::sync::Arc;

/// What filling needs besides the draft: the two templates and the font
/// the values are set in. The web worker fetches them from the site (and
/// so, offline, from the service worker's cache) for its first fill, rather
/// than carrying them in its wasm; the command and the tests use the
/// checked-in copies ([`Kit::built_in`] needs only the font).
#[derive(Debug, Clone)]
pub struct Kit {
    pub support_form: Arc<[u8]>,
    pub conditions: Arc<[u8]>,
    pub font: Arc<FontProgram>,
}

impl Kit {
    /// The templates built into this crate, with `font`.
    pub fn built_in(font: Arc<FontProgram>) -> Kit {
        Kit {
            support_form: Arc::from(renewal::SUPPORT_FORM_TEMPLATE),
            conditions: Arc::from(renewal::CONDITIONS_TEMPLATE),
            font,
        }
    }
}

/// Where the built site serves what a [`Kit`] holds, relative to the page.
pub const SUPPORT_FORM_URL: &str = "templates/modulo-assistenza.pdf";
pub const CONDITIONS_URL: &str = "templates/condizioni-generali.pdf";

/// Runs a job. `bytes` is the PDF to import; `kit` is what filling needs
/// (without it a fill says the font or templates are missing). The
/// returned bytes are the PDF made. Never panics.
pub fn run(job: &Job, bytes: &[u8], texts: &PdfTexts, kit: Option<&Kit>) -> (Outcome, Vec<u8>) {
    match job {
        Job::Fill {
            doc,
            draft,
            attachment,
        } => match kit {
            Some(kit) => fill(*doc, draft, attachment, texts, kit),
            None => (error("error.pdf.assets"), Vec::new()),
        },
        // The attached JSON as it is: the page reads and migrates it
        // (`StoredDraft::from_json`), so the worker holds no older schema.
        Job::Import => match import::extract_json(bytes) {
            Ok(draft) => (Outcome::Draft { draft }, Vec::new()),
            Err(e) => (error(e.key()), Vec::new()),
        },
    }
}

fn error(key: &str) -> Outcome {
    Outcome::Error {
        key: key.to_string(),
    }
}

fn fill(doc: Doc, draft: &Draft, json: &str, texts: &PdfTexts, kit: &Kit) -> (Outcome, Vec<u8>) {
    let font = &kit.font;
    let rules = texts.rules();
    let form = match form::validate(draft, &rules) {
        Ok(form) => form,
        Err(_errors) => return (Outcome::Invalid, Vec::new()),
    };
    // The attachment, and the row its QR codes print for a paper return.
    let attached = &renewal::Attached::new(json.to_string(), draft, rules.province);
    let made = match doc {
        Doc::SupportForm => {
            renewal::fill_support_form(&kit.support_form, &form, attached, texts, font)
        }
        Doc::Conditions => renewal::fill_conditions(&kit.conditions, &form, attached, texts, font),
        Doc::Both => renewal::fill_merged(
            &kit.support_form,
            &kit.conditions,
            &form,
            attached,
            texts,
            font,
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
