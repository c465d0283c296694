//! Runs the PDF work the page hands to its web worker: a [`Job`] in, an
//! [`Outcome`] out (the messages are in the core, so the page knows them
//! without linking this crate). Pure, so it is
//! tested natively; the worker (`crates/worker`) only moves the values across
//! `postMessage`.

use crate::import;
use crate::renewal::{self, Input, Kit};
use rinnovo_core::content::PdfTexts;
use rinnovo_core::domain::draft::Draft;
use rinnovo_core::domain::form;
use rinnovo_core::jobs::{Doc, Job, Outcome};

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
    let rules = texts.rules();
    let form = match form::validate(draft, &rules) {
        Ok(form) => form,
        Err(_errors) => return (Outcome::Invalid, Vec::new()),
    };
    // The attachment, and the row its QR codes print for a paper return.
    let attached = &renewal::Attached::new(json.to_string(), draft, rules.province);
    let input = Input {
        form: &form,
        texts,
        attached,
    };
    let made = renewal::fill(doc, kit, &input, renewal::Options::default());
    match made {
        Ok(bytes) => {
            let file_name = doc.file_name(&form);
            (Outcome::Pdf { file_name }, bytes)
        }
        Err(e) => (error(crate::message_key(&e)), Vec::new()),
    }
}
