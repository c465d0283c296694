//! The PDF jobs the web worker runs, natively: what the review page's
//! buttons and "resume from a PDF" get back.
// Native only: these tests read files, run tools or use proptest.
#![cfg(not(target_arch = "wasm32"))]

#[path = "pdf/common.rs"]
mod common;

use common::draft as complete_draft;
use rinnovo_core::content::Content;
use rinnovo_core::domain::draft::{Draft, StoredDraft};
use rinnovo_core::jobs::{Doc, Job, Outcome};
use rinnovo_documents::jobs::run;

fn content() -> Content {
    Content::embedded().unwrap()
}

fn fill(doc: Doc, draft: &Draft) -> (Outcome, Vec<u8>) {
    let json = StoredDraft::new("riepilogo", draft.clone()).to_json();
    run(
        &Job::Fill { doc, draft: json },
        &[],
        &content(),
        Some(&rinnovo_documents::jobs::Kit::built_in(common::font())),
    )
}

#[test]
fn each_document_is_made_with_a_safe_file_name() {
    for (doc, prefix) in [
        (Doc::SupportForm, "Oripan_Modulo_Assistenza_"),
        (Doc::Conditions, "Oripan_Condizioni_Generali_"),
        (Doc::Both, "Oripan_Rinnovo_Assistenza_"),
    ] {
        let (outcome, bytes) = fill(doc, &complete_draft());
        let Outcome::Pdf { file_name } = outcome else {
            panic!("{doc:?}: {outcome:?}");
        };
        assert!(file_name.starts_with(prefix), "{file_name}");
        assert!(file_name.ends_with("_2026-01-25.pdf"), "{file_name}");
        assert!(
            file_name.is_ascii() && !file_name.contains(' '),
            "{file_name}"
        );
        assert!(bytes.starts_with(b"%PDF-"), "{doc:?} is not a PDF");
    }
}

/// The worker parses the content without the interface texts
/// (`Content::embedded_without_texts`): nothing it makes may depend on them.
#[test]
fn the_worker_content_without_texts_makes_the_same_bytes() {
    let lean = Content::embedded_without_texts().unwrap();
    assert!(!lean
        .texts(rinnovo_core::content::Lang::It)
        .contains("landing.title"));
    let kit = rinnovo_documents::jobs::Kit::built_in(common::font());
    let draft = StoredDraft::new("riepilogo", complete_draft()).to_json();
    for doc in Doc::ALL {
        let job = Job::Fill {
            doc,
            draft: draft.clone(),
        };
        let full = run(&job, &[], &content(), Some(&kit));
        assert!(
            matches!(full.0, Outcome::Pdf { .. }),
            "{doc:?}: {:?}",
            full.0
        );
        assert_eq!(run(&job, &[], &lean, Some(&kit)), full, "{doc:?}");
    }
    let (_, pdf) = run(
        &Job::Fill {
            doc: Doc::Both,
            draft,
        },
        &[],
        &lean,
        Some(&kit),
    );
    assert_eq!(
        run(&Job::Import, &pdf, &lean, None),
        run(&Job::Import, &pdf, &content(), None)
    );
}

#[test]
fn the_same_draft_gives_the_same_bytes() {
    let a = fill(Doc::Both, &complete_draft());
    let b = fill(Doc::Both, &complete_draft());
    assert_eq!(a, b);
}

#[test]
fn a_made_pdf_resumes_to_the_same_draft() {
    let draft = complete_draft();
    let (_, bytes) = fill(Doc::Both, &draft);
    let (outcome, _) = run(&Job::Import, &bytes, &content(), None);
    let Outcome::Draft { draft: json } = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(StoredDraft::from_json(&json).unwrap().draft, draft);
}

#[test]
fn a_pdf_carries_no_signature_or_stamp_the_user_replaced() {
    use rinnovo_core::domain::draft::{SignatureMethod, StampMethod};
    let mut draft = complete_draft();
    // Drawn and uploaded, then "by hand" chosen for both.
    let signature = draft.form_signing.signature.drawn_png.clone();
    let stamp = draft.form_signing.stamp.png.clone();
    draft.form_signing.signature.method = SignatureMethod::Handwritten;
    draft.form_signing.stamp.method = StampMethod::ByHand;
    let (_, bytes) = fill(Doc::Both, &draft);
    let (outcome, _) = run(&Job::Import, &bytes, &content(), None);
    let Outcome::Draft { draft: json } = outcome else {
        panic!("{outcome:?}");
    };
    // The signature is still used by the clauses' approval; the stamp nowhere.
    let payload = |png: &str| png["data:image/png;base64,".len()..][..60].to_string();
    assert!(!json.contains(&payload(&stamp)));
    let back = StoredDraft::from_json(&json).unwrap().draft;
    assert!(back.form_signing.signature.drawn_png.is_empty());
    assert!(back.form_signing.stamp.png.is_empty());
    assert_eq!(back.conditions.onerous_signature.drawn_png, signature);
    assert_eq!(back, draft.in_use());
    // The browser's draft still has them, for a change of mind.
    assert!(!draft.form_signing.stamp.png.is_empty());
}

#[test]
fn an_invalid_draft_makes_no_pdf() {
    let mut d = complete_draft();
    d.company.partita_iva = "00743110158".into();
    assert_eq!(fill(Doc::SupportForm, &d), (Outcome::Invalid, Vec::new()));
    let broken = run(
        &Job::Fill {
            doc: Doc::Both,
            draft: "{".into(),
        },
        &[],
        &content(),
        Some(&rinnovo_documents::jobs::Kit::built_in(common::font())),
    );
    assert!(matches!(broken.0, Outcome::Error { .. }));
}

#[test]
fn importing_what_is_not_a_pdf_of_ours_says_why() {
    let c = content();
    for (bytes, key) in [
        (&b"hello"[..], "error.pdf.not_pdf"),
        (&b"%PDF-1.7\n garbage"[..], "error.pdf.damaged"),
    ] {
        let (outcome, _) = run(&Job::Import, bytes, &c, None);
        assert_eq!(outcome, Outcome::Error { key: key.into() });
    }
    let blank = rinnovo_documents::renewal::SUPPORT_FORM_TEMPLATE;
    let (outcome, _) = run(&Job::Import, blank, &c, None);
    assert_eq!(
        outcome,
        Outcome::Error {
            key: "error.pdf.no_attachment".into()
        }
    );
}

#[test]
fn every_outcome_key_has_a_text() {
    let c = content();
    for bytes in [
        &b"hello"[..],
        &b"%PDF-1.7\n garbage"[..],
        rinnovo_documents::renewal::CONDITIONS_TEMPLATE,
    ] {
        if let (Outcome::Error { key }, _) = run(&Job::Import, bytes, &c, None) {
            for lang in rinnovo_core::content::Lang::ALL {
                assert!(c.texts(lang).contains(&key), "{lang:?} lacks {key}");
            }
        }
    }
}
