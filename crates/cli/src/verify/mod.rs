//! Whether a returned PDF is still the one Rinnovo made: `rinnovo-pdf
//! verify`.
//!
//! Three questions, each answered from the file alone:
//!
//! 1. **Is the first revision as Rinnovo made it?** Output is deterministic,
//!    so the draft attached to the first revision is filled again by this
//!    build, exactly as the app does (`rinnovo_documents::jobs`), and the
//!    result compared byte for byte. When the bytes differ, the file's `/ID`
//!    tells a file that another build of Rinnovo wrote, untouched since,
//!    from an edited one: Rinnovo's writer sets it to the MD5 of the file as
//!    written with a zero `/ID` (`acroform::write`), which any rewrite or
//!    edit of those bytes breaks. That seal finds edits made by tools, not
//!    forgery: anyone who knows the rule can compute it again; only the
//!    byte-for-byte comparison is strong.
//! 2. **What was added after it?** Each incremental update
//!    ([`crate::revisions`]) is compared, object by object, with the file
//!    before it, and named by what it changed: a digital signature (a
//!    signature dictionary whose `/ByteRange` covers the whole file up to
//!    that revision, with the signed field, its appearance, the form's
//!    `/SigFlags`, the validation data (`/DSS`) and the document's metadata);
//!    form or annotation changes (fields, widgets, annotations, their
//!    appearances, a page's `/Annots`); or other changes (page content,
//!    resources, the catalog, the attachment, anything else). Whether a
//!    signature is cryptographically valid is for a signature validator;
//!    this says what each revision touched.
//! 3. **Does the attached data still match what the pages show?** The pages
//!    (their content streams and every image and form XObject they draw,
//!    decoded) are compared with the pages this build makes from the data
//!    attached to the final file; when another build made the file, with the
//!    first revision's pages and data, which that build made from each
//!    other.
//!
//! Every read is bounded: the engine's loader for each revision, and a cap on
//! the bytes decoded per page.

mod changes;
mod pages;
mod report;
mod seal;

pub use report::{Change, Data, Original, Report, VerifyError};

use crate::revisions::{self, Revision};
use acroform::objects::dict_of;
use changes::change;
use lopdf::Document;
use pages::{page_prints, PagePrint};
use rinnovo_core::content::{Content, PdfTexts};
use rinnovo_core::domain::draft::StoredDraft;
use rinnovo_core::jobs::{Doc, Job, Outcome};
use rinnovo_documents::ImportError;
use seal::sealed;

/// Verifies a file's bytes.
pub fn verify(bytes: &[u8]) -> Result<Report, VerifyError> {
    let content = Content::embedded().map_err(|e| VerifyError::Content(e.to_string()))?;
    let content = PdfTexts::new(&content).map_err(|e| VerifyError::Content(e.to_string()))?;
    let split = revisions::split(bytes);
    let revs = split.revisions;
    let first = *revs.first().ok_or(VerifyError::NoRevision)?;
    let load = |i: usize, r: &Revision| {
        acroform::load::load(bytes.get(..r.end).unwrap_or_default()).map_err(|error| {
            VerifyError::Load {
                revision: i + 1,
                error,
            }
        })
    };
    let first_bytes = bytes.get(..first.end).unwrap_or_default();
    let first_doc = load(0, &first)?;
    let first_json = rinnovo_documents::extract_json(first_bytes);

    // 1. The first revision, made again.
    let made = match &first_json {
        Ok(json) => fill_all(json, &content),
        Err(e) => Err(e.to_string()),
    };
    let this_build = made.as_ref().ok().and_then(|all| {
        all.iter()
            .find(|(_, pdf)| {
                pdf.as_slice() == first_bytes || Some(pdf.as_slice()) == bytes.get(..first.eof)
            })
            .map(|(doc, _)| *doc)
    });
    let unfillable = made.as_ref().err().cloned();
    let original = match (this_build, &first_json) {
        (Some(doc), _) => Original::ThisBuild { doc },
        (None, Err(e)) => Original::NoData { why: e.to_string() },
        (None, Ok(_)) if sealed(first_bytes, &first_doc) => Original::OtherBuild {
            producer: producer(&first_doc),
            schema: first_json.as_ref().ok().and_then(|j| schema_of(j)),
            unfillable,
        },
        (None, Ok(_)) => Original::Changed { unfillable },
    };

    // 2. Each revision after it.
    let mut added = Vec::new();
    let mut before = first_doc.clone();
    for (i, r) in revs.iter().enumerate().skip(1) {
        let after = load(i, r)?;
        added.push((r.start..r.end, change(&before, &after, r)));
        before = after;
    }
    let last_doc = before;

    // 3. The data against the pages.
    let data = match rinnovo_documents::extract_json(bytes) {
        Err(e) => Data::Unreadable(no_data(&e)),
        Ok(json) => {
            let pages = page_prints(&last_doc);
            // The same data as the first revision's: the PDFs made from it
            // already are.
            let again = match (&made, first_json.as_deref()) {
                (Ok(all), Ok(first)) if first == json => Ok(all.clone()),
                _ => fill_all(&json, &content),
            };
            let drawn_again = again.ok().and_then(|all| {
                all.into_iter()
                    .filter_map(|(_, pdf)| acroform::load::load(&pdf).ok())
                    .map(|d| page_prints(&d))
                    .find(|p| *p == pages)
            });
            let original_pages = page_prints(&first_doc);
            if drawn_again.is_some() {
                Data::Matches
            } else if matches!(
                original,
                Original::ThisBuild { .. } | Original::OtherBuild { .. }
            ) && first_json.as_deref().ok() == Some(json.as_str())
                && original_pages == pages
            {
                Data::Unchanged
            } else {
                let mut what = Vec::new();
                match &first_json {
                    Ok(j) if *j != json => {
                        what.push("the attached data was replaced after the first revision".into())
                    }
                    _ => {}
                }
                if original_pages != pages {
                    what.push(pages_changed(&original_pages, &pages));
                }
                if what.is_empty() {
                    what.push(
                        "this build draws other pages from the attached data than the file shows"
                            .into(),
                    );
                }
                Data::Differs { what }
            }
        }
    };

    Ok(Report {
        original_bytes: 0..first.end,
        original,
        added,
        trailing: split.trailing,
        data,
    })
}

fn no_data(e: &ImportError) -> String {
    match e {
        ImportError::NoAttachment => {
            "none: the file has no rinnovo-dati.json, so it was not made by Rinnovo".to_string()
        }
        other => format!("unreadable: {other}"),
    }
}

fn pages_changed(before: &[PagePrint], after: &[PagePrint]) -> String {
    if before.len() != after.len() {
        return format!(
            "the file had {} pages and now has {}",
            before.len(),
            after.len()
        );
    }
    let changed: Vec<String> = before
        .iter()
        .zip(after)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    format!(
        "what page {} shows changed after the first revision",
        changed.join(", ")
    )
}

/// Every document this build makes from the stored draft `json`, as the app
/// makes it; or why none can be made.
fn fill_all(json: &str, content: &PdfTexts) -> Result<Vec<(Doc, Vec<u8>)>, String> {
    let font = crate::fonts().map_err(|e| format!("fonts: {e}"))?.regular;
    let kit = rinnovo_documents::renewal::Kit::built_in(font);
    let stored = StoredDraft::from_current_json(json)
        .map_err(|e| format!("this build cannot fill its data ({})", e.key()))?;
    let mut out = Vec::new();
    for doc in Doc::ALL {
        let job = Job::fill(doc, &stored.step, &stored.draft);
        match rinnovo_documents::jobs::run(&job, &[], content, Some(&kit)) {
            (Outcome::Pdf { .. }, pdf) => out.push((doc, pdf)),
            (Outcome::Invalid, _) => {
                return Err("its data does not validate under this build's rules".into())
            }
            (Outcome::Error { key }, _) => {
                return Err(format!("this build cannot fill its data ({key})"))
            }
            (Outcome::Draft { .. }, _) => {}
        }
    }
    Ok(out)
}

/// The schema a stored draft declares, whether or not this build reads it.
fn schema_of(json: &str) -> Option<u32> {
    #[derive(serde::Deserialize)]
    struct Envelope {
        schema: u32,
    }
    serde_json::from_str::<Envelope>(json)
        .ok()
        .map(|e| e.schema)
}

fn producer(doc: &Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    acroform::objects::get_text(doc, dict_of(doc, info)?, b"Producer")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rinnovo_documents::renewal::SUPPORT_FORM_TEMPLATE;

    #[test]
    fn a_blank_form_is_not_a_renewal() {
        let report = verify(SUPPORT_FORM_TEMPLATE).unwrap();
        assert!(
            matches!(report.original, Original::NoData { .. }),
            "{report:?}"
        );
        assert!(!report.intact());
        assert!(report.lines()[0].starts_with("original: not a renewal made by Rinnovo"));
    }

    #[test]
    fn not_a_pdf_is_an_error_not_a_panic() {
        assert_eq!(verify(b"hello").unwrap_err(), VerifyError::NoRevision);
        let err = verify(b"%PDF-1.7\nstartxref\n0\n%%EOF").unwrap_err();
        assert!(
            matches!(err, VerifyError::Load { revision: 1, .. }),
            "{err:?}"
        );
    }
}
